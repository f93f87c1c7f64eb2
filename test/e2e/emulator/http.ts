import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject, ValidationIssue } from './types.js';
import { discordErrorTree } from './validation.js';

/** An error answer in Discord's shape: `{ message, code, errors? }`. Every one is recorded as a violation. */
export class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    /** Why the emulator refused, for the violation log (Discord's message is terse). */
    readonly detail: string = message,
    readonly issues: readonly ValidationIssue[] = [],
    readonly interactionId: string | null = null,
  ) {
    super(message);
  }

  body(): JsonObject {
    return this.issues.length > 0
      ? { message: this.message, code: this.code, errors: discordErrorTree(this.issues) }
      : { message: this.message, code: this.code };
  }
}

export const invalidFormBody = (issues: readonly ValidationIssue[], schemaName: string, interactionId: string | null) =>
  new DiscordError(
    400,
    50035,
    'Invalid Form Body',
    `${schemaName}: ${issues.map((issue) => `${issue.path || '(body)'}: ${issue.message} [${issue.code}]`).join('; ')}`,
    issues,
    interactionId,
  );

export interface UploadedFile {
  /** The n of the `files[n]` form field, which `attachments[].id` refers to. */
  readonly index: number;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

export interface ParsedBody {
  readonly kind: 'none' | 'json' | 'multipart';
  /** The JSON body, or the `payload_json` part of a multipart body. */
  readonly json: unknown;
  readonly files: readonly UploadedFile[];
}

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DiscordError(400, 50109, 'The request body contains invalid JSON.');
  }
}

/** Reads a JSON or multipart/form-data body (discord.js sends multipart with `payload_json` when files attach). */
export async function readBody(request: IncomingMessage): Promise<ParsedBody> {
  const raw = await readRaw(request);
  if (raw.length === 0) return { kind: 'none', json: undefined, files: [] };
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
  if (contentType.startsWith('application/json'))
    return { kind: 'json', json: parseJson(raw.toString('utf8')), files: [] };
  throw new DiscordError(400, 50035, 'Invalid Form Body', `Unsupported content-type "${contentType}"`);
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Request('http://emulator.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  let json: unknown = undefined;
  const files: UploadedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (field === 'payload_json' && typeof value === 'string') {
      json = parseJson(value);
      continue;
    }
    const index = /^files\[(\d+)\]$/.exec(field)?.[1];
    if (index === undefined || typeof value === 'string') {
      throw new DiscordError(400, 50035, 'Invalid Form Body', `Unexpected multipart field "${field}"`);
    }
    files.push({
      index: Number(index),
      filename: value.name,
      contentType: value.type || 'application/octet-stream',
      bytes: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { kind: 'multipart', json, files };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
