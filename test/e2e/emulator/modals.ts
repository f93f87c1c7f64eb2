// Modal submits: what the Discord client sends when a user fills in a modal the bot opened and presses Submit.
import { ComponentType } from 'discord.js';
import type { JsonObject } from './types.js';

/** What the user filled in: a text input's text, or a select's picked values, by custom_id. */
export type ModalValues = Readonly<Record<string, string | readonly string[]>>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null;

/**
 * The MODAL_SUBMIT data (interaction type 5) for `modal`, the data of a type 9 callback: its custom_id and its
 * components in the modal's own layout (labels, action rows, text displays), each numbered as Discord numbers
 * components it did not get an id for, with each text input's `value` and each select's `values`. With
 * `checked`, refuses what the client would not send: a value for no field, a required field left empty, a text
 * outside its min/max length, a select value not offered or too many or too few of them.
 */
export function modalSubmitData(modal: JsonObject, values: ModalValues, checked: boolean): JsonObject {
  const used = new Set<string>();
  let nextId = 0;
  const submitted = (component: JsonObject): JsonObject => {
    const id = typeof component['id'] === 'number' ? component['id'] : ++nextId;
    if (Array.isArray(component['components'])) {
      return { type: component['type'], id, components: component['components'].filter(isObject).map(submitted) };
    }
    if (isObject(component['component'])) {
      return { type: component['type'], id, component: submitted(component['component']) };
    }
    const customId = typeof component['custom_id'] === 'string' ? component['custom_id'] : null;
    if (customId === null) return { type: component['type'], id };
    used.add(customId);
    const given = values[customId];
    if (component['type'] === ComponentType.TextInput) {
      const value = typeof given === 'string' ? given : '';
      if (checked) checkText(component, customId, value);
      return { type: component['type'], id, custom_id: customId, value };
    }
    const picked = given === undefined ? [] : typeof given === 'string' ? [given] : [...given];
    if (checked) checkSelect(component, customId, picked);
    return { type: component['type'], id, custom_id: customId, values: picked };
  };
  const components = Array.isArray(modal['components']) ? modal['components'].filter(isObject).map(submitted) : [];
  const unknown = Object.keys(values).filter((customId) => !used.has(customId));
  if (checked && unknown.length > 0) throw new Error(`The modal has no field ${unknown.join(', ')}`);
  return { custom_id: modal['custom_id'], components };
}

function checkText(component: JsonObject, customId: string, value: string): void {
  const required = component['required'] !== false;
  const min = typeof component['min_length'] === 'number' ? component['min_length'] : 0;
  const max = typeof component['max_length'] === 'number' ? component['max_length'] : 4000;
  if (required && value === '') throw new Error(`Text input "${customId}" is required`);
  if (value !== '' && (value.length < min || value.length > max)) {
    throw new Error(`Text input "${customId}" takes ${min}–${max} characters, not ${value.length}`);
  }
}

function checkSelect(component: JsonObject, customId: string, picked: readonly string[]): void {
  const options = Array.isArray(component['options']) ? component['options'].filter(isObject) : [];
  const offered = options.map((option) => option['value']);
  const unknown = picked.filter((value) => !offered.includes(value));
  if (unknown.length > 0) throw new Error(`Select "${customId}" offers no option ${unknown.join(', ')}`);
  const required = component['required'] !== false;
  const min = typeof component['min_values'] === 'number' ? component['min_values'] : 1;
  const max = typeof component['max_values'] === 'number' ? component['max_values'] : 1;
  const fewest = required ? Math.max(min, 1) : 0;
  if (picked.length < fewest || picked.length > max) {
    throw new Error(`Select "${customId}" takes ${fewest}–${max} values, not ${picked.length}`);
  }
}
