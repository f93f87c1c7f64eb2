// Request-body validation against Discord's official OpenAPI schemas (discord-api-spec, zod mini), plus an
// unknown-field check, plus the Discord rules the schemas cannot express (rules.ts).
import * as spec from 'discord-api-spec/zod';
import * as z from 'zod/mini';
import { commandRules, messageRules } from './rules.js';
import type { JsonObject, ValidationIssue } from './types.js';

type Schema = z.ZodMiniType;
type Issue = z.core.$ZodIssue;

export type BodyKind =
  'bulk-commands' | 'interaction-callback' | 'webhook-execute' | 'webhook-edit' | 'message-create' | 'message-edit';

interface BodyRule {
  /** For the report: which spec schema(s) the body is checked against. */
  readonly schemaName: string;
  readonly schema: Schema;
  /**
   * Fields that discord.js sends but the schema lacks, and that Discord accepts (it ignores unknown fields).
   * Paths use "*" for array indices. Everything else unknown to the schema is reported as UNKNOWN_FIELD.
   */
  readonly tolerated: readonly string[];
}

// discord.js (MessagePayload#resolveBody) always sends `tts` and `enforce_nonce`, and `nonce` when configured,
// whatever the route; Discord ignores them where they do not apply.
const MESSAGE_EXTRAS = ['tts', 'enforce_nonce', 'nonce'];

const BODY_RULES: Record<Exclude<BodyKind, 'interaction-callback'>, BodyRule> = {
  'bulk-commands': {
    schemaName: 'ApplicationCommandUpdateRequestSchema[]',
    schema: z.array(spec.ApplicationCommandUpdateRequestSchema),
    // `nsfw` is a documented command field the OpenAPI schema is missing; `default_permission` is deprecated but
    // still accepted, and @discordjs/builders emits it when set.
    tolerated: ['*.nsfw', '*.default_permission'],
  },
  'webhook-execute': {
    // The spec allows IncomingWebhookRequestPartial | IncomingWebhookUpdateRequestPartial; the first is a superset.
    schemaName: 'IncomingWebhookRequestPartialSchema',
    schema: spec.IncomingWebhookRequestPartialSchema,
    tolerated: MESSAGE_EXTRAS,
  },
  'webhook-edit': {
    schemaName: 'IncomingWebhookUpdateRequestPartialSchema',
    schema: spec.IncomingWebhookUpdateRequestPartialSchema,
    tolerated: MESSAGE_EXTRAS,
  },
  'message-create': {
    schemaName: 'MessageCreateRequestSchema',
    schema: spec.MessageCreateRequestSchema,
    tolerated: MESSAGE_EXTRAS,
  },
  'message-edit': {
    schemaName: 'MessageEditRequestPartialSchema',
    schema: spec.MessageEditRequestPartialSchema,
    tolerated: MESSAGE_EXTRAS,
  },
};

const messageData = (schemaName: string, schema: Schema): BodyRule => ({
  schemaName,
  schema,
  tolerated: MESSAGE_EXTRAS.map((field) => `data.${field}`),
});

/** Interaction callback bodies are a union discriminated by `type`; pick the member so errors stay precise. */
const CALLBACK_RULES: ReadonlyMap<number, BodyRule> = new Map([
  [1, messageData('PongInteractionCallbackRequestSchema', spec.PongInteractionCallbackRequestSchema)],
  [4, messageData('CreateMessageInteractionCallbackRequestSchema', spec.CreateMessageInteractionCallbackRequestSchema)],
  [5, messageData('CreateMessageInteractionCallbackRequestSchema', spec.CreateMessageInteractionCallbackRequestSchema)],
  [6, messageData('UpdateMessageInteractionCallbackRequestSchema', spec.UpdateMessageInteractionCallbackRequestSchema)],
  [7, messageData('UpdateMessageInteractionCallbackRequestSchema', spec.UpdateMessageInteractionCallbackRequestSchema)],
  [
    8,
    messageData(
      'ApplicationCommandAutocompleteCallbackRequestSchema',
      spec.ApplicationCommandAutocompleteCallbackRequestSchema,
    ),
  ],
  [9, messageData('ModalInteractionCallbackRequestSchema', spec.ModalInteractionCallbackRequestSchema)],
  [
    12,
    messageData('LaunchActivityInteractionCallbackRequestSchema', spec.LaunchActivityInteractionCallbackRequestSchema),
  ],
]);

export interface BodyCheck {
  readonly schemaName: string;
  readonly issues: readonly ValidationIssue[];
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates one request body. An empty `issues` list means Discord would accept it. */
export function checkBody(kind: BodyKind, body: unknown): BodyCheck {
  if (kind === 'interaction-callback') return checkCallback(body);
  const rule = BODY_RULES[kind];
  if (kind === 'bulk-commands') {
    const issues = runSchema(rule, withNumericPermissions(body));
    return { schemaName: rule.schemaName, issues: issues.length > 0 ? issues : commandRules(body) };
  }
  const issues = runSchema(rule, body);
  return { schemaName: rule.schemaName, issues: issues.length > 0 ? issues : messageRules(body, '') };
}

function checkCallback(body: unknown): BodyCheck {
  const type = isJsonObject(body) ? body['type'] : undefined;
  const rule = typeof type === 'number' ? CALLBACK_RULES.get(type) : undefined;
  if (!rule) {
    const message = `Value must be one of ${[...CALLBACK_RULES.keys()].join(', ')}.`;
    return {
      schemaName: 'InteractionCallback (by type)',
      issues: [{ path: 'type', code: 'BASE_TYPE_CHOICES', message }],
    };
  }
  const issues = runSchema(rule, body);
  const data = isJsonObject(body) ? body['data'] : undefined;
  const extra = issues.length === 0 && (type === 4 || type === 7) ? messageRules(data, 'data') : [];
  return { schemaName: rule.schemaName, issues: [...issues, ...extra] };
}

/**
 * Spec deviation: the OpenAPI schema types `default_member_permissions` as an integer, but Discord documents it as a
 * string bit set and discord.js sends a string. A string of digits is converted to a number before validation.
 */
function withNumericPermissions(body: unknown): unknown {
  if (!Array.isArray(body)) return body;
  return body.map((command: unknown) => {
    if (!isJsonObject(command)) return command;
    const permissions = command['default_member_permissions'];
    if (typeof permissions !== 'string' || !/^\d+$/.test(permissions)) return command;
    return { ...command, default_member_permissions: Number(permissions) };
  });
}

function runSchema(rule: BodyRule, body: unknown): ValidationIssue[] {
  const result = rule.schema.safeParse(body);
  if (!result.success) return result.error.issues.flatMap((issue) => toValidationIssues(issue, []));
  // zod objects strip unknown keys from their output, so keys present in the input but missing from the output are
  // exactly the fields the schema does not know. (setStrictObject cannot do this: see spec-zod.d.ts.)
  return unknownFields(body, result.data, [])
    .filter((path) => !rule.tolerated.includes(path.map((part) => (typeof part === 'number' ? '*' : part)).join('.')))
    .map((path) => ({
      path: path.join('.'),
      code: 'UNKNOWN_FIELD',
      message: 'Not a field of this object in the spec.',
    }));
}

function unknownFields(input: unknown, output: unknown, path: readonly (string | number)[]): (string | number)[][] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item: unknown, index) => unknownFields(item, output[index], [...path, index]));
  }
  if (!isJsonObject(input) || !isJsonObject(output)) return [];
  return Object.keys(input).flatMap((key) =>
    key in output ? unknownFields(input[key], output[key], [...path, key]) : [[...path, key]],
  );
}

/** Flattens a zod issue; for unions, reports the branch whose `type` matched (the one the sender meant). */
function toValidationIssues(issue: Issue, base: readonly PropertyKey[]): ValidationIssue[] {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union') {
    const meant = issue.errors
      .filter((branch) => !branch.some((inner) => inner.code === 'invalid_value' && inner.path.join('.') === 'type'))
      .sort((a, b) => a.length - b.length)[0];
    if (meant) return meant.flatMap((inner) => toValidationIssues(inner, path));
  }
  return [{ path: path.map(String).join('.'), code: discordErrorCode(issue), message: describe(issue) }];
}

function discordErrorCode(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'BASE_TYPE_REQUIRED' : `BASE_TYPE_${issue.expected.toUpperCase()}`;
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'int' ? 'NUMBER_TYPE_MAX' : 'BASE_TYPE_MAX_LENGTH';
    case 'too_small':
      return issue.origin === 'number' || issue.origin === 'int' ? 'NUMBER_TYPE_MIN' : 'BASE_TYPE_MIN_LENGTH';
    case 'invalid_value':
      return 'BASE_TYPE_CHOICES';
    case 'invalid_format':
      return 'STRING_TYPE_REGEX';
    default:
      return 'BASE_TYPE_INVALID';
  }
}

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'This field is required' : `Expected ${issue.expected}.`;
    case 'too_big':
      return `Must be ${String(issue.maximum)} or fewer${issue.origin === 'string' ? ' in length' : ''}.`;
    case 'too_small':
      return `Must be ${String(issue.minimum)} or more${issue.origin === 'string' ? ' in length' : ''}.`;
    case 'invalid_value':
      return `Value must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}.`;
    default:
      return issue.message;
  }
}

/** Discord's nested `errors` object for a 50035 answer: { field: { 0: { sub: { _errors: [...] } } } }. */
export function discordErrorTree(issues: readonly ValidationIssue[]): JsonObject {
  const tree: JsonObject = {};
  for (const issue of issues) {
    let node = tree;
    for (const part of issue.path === '' ? [] : issue.path.split('.')) {
      const child = node[part];
      const next: JsonObject = isJsonObject(child) ? child : {};
      node[part] = next;
      node = next;
    }
    const existing = node['_errors'];
    const errors = Array.isArray(existing) ? existing : [];
    errors.push({ code: issue.code, message: issue.message });
    node['_errors'] = errors;
  }
  return tree;
}
