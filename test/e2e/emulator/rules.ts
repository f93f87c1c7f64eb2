// Rules Discord enforces that its OpenAPI schemas cannot express. Each one is documented behaviour of the API
// (developer docs: "Message Resource", "Embed Limits", "Application Commands") and answers with 50035 like Discord.
import type { JsonObject, ValidationIssue } from './types.js';

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const at = (...parts: (string | number)[]): string => parts.filter((part) => part !== '').join('.');

/** Bots may send at most 2000 characters. (The spec allows 4000 on channel messages: that is the Nitro limit.) */
const MAX_CONTENT = 2000;
/** Sum of all embed texts in one message ("Embed Limits"). */
const MAX_EMBED_TOTAL = 6000;
const MAX_CHAT_INPUT_COMMANDS = 100;
/** Command and option names: lowercase, no spaces ("Application Command Naming"). */
const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
const CHAT_INPUT = 1;

export function messageRules(body: unknown, prefix: string): ValidationIssue[] {
  if (!isObject(body)) return [];
  const issues: ValidationIssue[] = [];
  const content = body['content'];
  if (typeof content === 'string' && content.length > MAX_CONTENT) {
    issues.push({
      path: at(prefix, 'content'),
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${MAX_CONTENT} or fewer in length.`,
    });
  }
  const embeds = body['embeds'];
  if (
    Array.isArray(embeds) &&
    embeds.reduce((sum: number, embed: unknown) => sum + embedLength(embed), 0) > MAX_EMBED_TOTAL
  ) {
    issues.push({
      path: at(prefix, 'embeds'),
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: `Embed size exceeds maximum size of ${MAX_EMBED_TOTAL}`,
    });
  }
  const seen = new Set<string>();
  for (const customId of customIds(body['components'])) {
    if (seen.has(customId)) {
      issues.push({
        path: at(prefix, 'components'),
        code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
        message: `Component custom id "${customId}" cannot be duplicated`,
      });
    }
    seen.add(customId);
  }
  return issues;
}

function text(value: unknown): number {
  return typeof value === 'string' ? value.length : 0;
}

function embedLength(embed: unknown): number {
  if (!isObject(embed)) return 0;
  const footer = embed['footer'];
  const author = embed['author'];
  const fields = embed['fields'];
  const fieldsLength = Array.isArray(fields)
    ? fields.reduce(
        (sum: number, field: unknown) => sum + (isObject(field) ? text(field['name']) + text(field['value']) : 0),
        0,
      )
    : 0;
  return (
    text(embed['title']) +
    text(embed['description']) +
    (isObject(footer) ? text(footer['text']) : 0) +
    (isObject(author) ? text(author['name']) : 0) +
    fieldsLength
  );
}

function customIds(components: unknown): string[] {
  if (!Array.isArray(components)) return [];
  return components.flatMap((component: unknown) => {
    if (!isObject(component)) return [];
    const own = typeof component['custom_id'] === 'string' ? [component['custom_id']] : [];
    const accessory = component['accessory'];
    return [...own, ...customIds(component['components']), ...customIds(accessory === undefined ? [] : [accessory])];
  });
}

export function commandRules(body: unknown): ValidationIssue[] {
  if (!Array.isArray(body)) return [];
  const issues: ValidationIssue[] = [];
  const namesByType = new Map<number, Set<string>>();
  body.forEach((command: unknown, index) => {
    if (!isObject(command)) return;
    const type = typeof command['type'] === 'number' ? command['type'] : CHAT_INPUT;
    const name = typeof command['name'] === 'string' ? command['name'] : '';
    const names = namesByType.get(type) ?? new Set<string>();
    namesByType.set(type, names);
    if (names.has(name)) {
      issues.push({
        path: at(index, 'name'),
        code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
        message: `Application command names must be unique ("${name}")`,
      });
    }
    names.add(name);
    if (type !== CHAT_INPUT) return;
    issues.push(...nameRules(name, at(index, 'name')));
    const description = command['description'];
    if (typeof description !== 'string' || description.length === 0) {
      issues.push({ path: at(index, 'description'), code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    }
    issues.push(...optionRules(command['options'], at(index, 'options')));
  });
  if ((namesByType.get(CHAT_INPUT)?.size ?? 0) > MAX_CHAT_INPUT_COMMANDS) {
    issues.push({
      path: '',
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${MAX_CHAT_INPUT_COMMANDS} or fewer in length.`,
    });
  }
  return issues;
}

function nameRules(name: string, path: string): ValidationIssue[] {
  if (NAME_PATTERN.test(name) && name === name.toLowerCase()) return [];
  return [
    {
      path,
      code: 'APPLICATION_COMMAND_INVALID_NAME',
      message: `Command name "${name}" is invalid (lowercase letters, digits, - _ ')`,
    },
  ];
}

function optionRules(options: unknown, path: string): ValidationIssue[] {
  if (!Array.isArray(options)) return [];
  const issues: ValidationIssue[] = [];
  let sawOptional = false;
  const kinds = new Set<'subcommand' | 'value'>();
  const names = new Set<string>();
  options.forEach((option: unknown, index) => {
    if (!isObject(option)) return;
    const name = typeof option['name'] === 'string' ? option['name'] : '';
    const type = option['type'];
    const isSubcommand = type === SUBCOMMAND || type === SUBCOMMAND_GROUP;
    kinds.add(isSubcommand ? 'subcommand' : 'value');
    issues.push(...nameRules(name, at(path, index, 'name')));
    if (names.has(name)) {
      issues.push({
        path: at(path, index, 'name'),
        code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
        message: `Option name "${name}" is already used`,
      });
    }
    names.add(name);
    if (isSubcommand) {
      issues.push(...optionRules(option['options'], at(path, index, 'options')));
      return;
    }
    if (option['required'] === true && sawOptional) {
      issues.push({
        path: at(path, index, 'required'),
        code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message: 'Required options must be placed before non-required options',
      });
    }
    if (option['required'] !== true) sawOptional = true;
    const choices = option['choices'];
    if (option['autocomplete'] === true && Array.isArray(choices) && choices.length > 0) {
      issues.push({
        path: at(path, index, 'autocomplete'),
        code: 'AUTOCOMPLETE_AND_CHOICES_INVALID',
        message: 'Autocomplete and choices cannot be used together',
      });
    }
  });
  if (kinds.size > 1) {
    issues.push({
      path,
      code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      message: 'Sub-commands cannot be mixed with other option types',
    });
  }
  return issues;
}
