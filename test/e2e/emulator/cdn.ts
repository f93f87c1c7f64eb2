// The emulator's CDN, outside /api: files users upload for ATTACHMENT options (signed URLs, as Discord's CDN issues
// them) and files the bot attached to its messages, so the bot can download either with a plain fetch().
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Core } from './core.js';
import { ATTACHMENT_SIZE_LIMIT } from './interactions.js';
import type { UploadRecord } from './state.js';
import type { AttachmentRecord, AttachmentUpload } from './types.js';

/** `/ephemeral-attachments/{application id}/{attachment id}/{filename}`: what users upload for slash commands. */
const UPLOAD_PREFIX = 'ephemeral-attachments';
/** `/attachments/{channel id}/{attachment id}/{filename}`: files on the bot's messages (see attachmentPayload). */
const MESSAGE_PREFIX = 'attachments';

/** "Signed Attachment CDN URLs": Discord's attachment URLs carry ex/is/hm and stay valid for 24 hours. */
const SIGNATURE_LIFETIME_MS = 24 * 60 * 60 * 1000;
const SIGNING_KEY = randomBytes(32);

const CONTENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['csv', 'text/csv; charset=utf-8'],
  ['tsv', 'text/plain; charset=utf-8'],
  ['txt', 'text/plain; charset=utf-8'],
]);

/** The content_type Discord reports for an uploaded file, from its extension. */
export function contentTypeFor(filename: string): string {
  const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES.get(extension) ?? 'application/octet-stream';
}

const hex = (ms: number): string => Math.floor(ms / 1000).toString(16);

function signature(attachmentId: string, filename: string, ex: string, is: string): Buffer {
  return createHmac('sha256', SIGNING_KEY).update(`${attachmentId}\n${filename}\n${ex}\n${is}`).digest();
}

/**
 * Stores a file as the Discord client uploads it before sending the interaction. The client refuses files over
 * the upload limit (attachment_size_limit), so those never reach a bot: throw rather than store them.
 */
export function storeUpload(core: Core, input: AttachmentUpload): UploadRecord {
  const { state } = core;
  const { filename } = input;
  if (filename === '' || /[/\\]/.test(filename)) throw new Error(`"${filename}" is not a file name`);
  const bytes = typeof input.bytes === 'string' ? Buffer.from(input.bytes, 'utf8') : Buffer.from(input.bytes);
  if (bytes.length > ATTACHMENT_SIZE_LIMIT) {
    throw new Error(
      `${filename} is ${bytes.length} bytes: the Discord client refuses uploads over the guild's limit of ` +
        `${ATTACHMENT_SIZE_LIMIT} bytes (unboosted), so the bot would never see it`,
    );
  }
  const id = state.ids.next();
  const issuedAt = Date.now();
  const expiresAt = issuedAt + SIGNATURE_LIFETIME_MS;
  const [ex, is] = [hex(expiresAt), hex(issuedAt)];
  const hm = signature(id, filename, ex, is).toString('hex');
  const path = `/${UPLOAD_PREFIX}/${state.applicationId}/${id}/${encodeURIComponent(filename)}`;
  const upload: UploadRecord = {
    id,
    filename,
    contentType: input.contentType ?? contentTypeFor(filename),
    description: null,
    size: bytes.length,
    bytes,
    text: bytes.toString('utf8'),
    // Discord's signed URLs end with a stray "&"; a bot must pass the URL on as it is.
    url: `${core.origin}${path}?ex=${ex}&is=${is}&hm=${hm}&`,
    expiresAt,
  };
  state.uploads.set(id, upload);
  state.changes.notify();
  return upload;
}

export function isCdnPath(pathname: string): boolean {
  return pathname.startsWith(`/${UPLOAD_PREFIX}/`) || pathname.startsWith(`/${MESSAGE_PREFIX}/`);
}

interface Lookup {
  readonly attachmentId: string | null;
  readonly file: AttachmentRecord | null;
  /** Why the file is not served (null when it is). */
  readonly refusal: string | null;
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function validSignature(upload: UploadRecord, query: URLSearchParams): string | null {
  const [ex, is, hm] = [query.get('ex'), query.get('is'), query.get('hm')];
  if (ex === null || is === null || hm === null) return 'unsigned URL (ex, is and hm are required)';
  const expected = signature(upload.id, upload.filename, ex, is);
  const given = Buffer.from(hm, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'the URL signature (hm) is wrong';
  if (Number.parseInt(ex, 16) * 1000 < Date.now()) return 'the signed URL has expired';
  return null;
}

function lookup(core: Core, url: URL): Lookup {
  const segments = url.pathname.split('/').slice(1).map(decode);
  const [prefix, owner, attachmentId, filename] = segments;
  if (segments.length !== 4 || !owner || !attachmentId || !filename) {
    return { attachmentId: null, file: null, refusal: 'not a CDN attachment path' };
  }
  if (prefix === UPLOAD_PREFIX) {
    const upload = core.state.uploads.get(attachmentId);
    if (!upload || owner !== core.state.applicationId || upload.filename !== filename) {
      return { attachmentId, file: null, refusal: 'no uploaded file at this path' };
    }
    const refusal = validSignature(upload, url.searchParams);
    return { attachmentId, file: refusal === null ? upload : null, refusal };
  }
  for (const message of core.state.messages.values()) {
    if (message.channelId !== owner) continue;
    const file = message.attachments.find((item) => item.id === attachmentId && item.filename === filename);
    if (file) return { attachmentId, file, refusal: null };
  }
  return { attachmentId, file: null, refusal: 'no bot message attachment at this path' };
}

/** Answers a CDN request (GET or HEAD), records it in attachmentDownloads and returns the status. */
export function serveCdn(core: Core, method: string, url: URL, response: ServerResponse): number {
  const { state } = core;
  const found = lookup(core, url);
  const allowed = method === 'GET' || method === 'HEAD';
  const status = !allowed ? 405 : found.file ? 200 : 404;
  let sent = 0;
  if (found.file && allowed) {
    const { file } = found;
    response.writeHead(200, { 'content-type': file.contentType, 'content-length': file.size });
    if (method === 'GET') sent = file.size;
    response.end(method === 'GET' ? file.bytes : undefined);
  } else {
    // Discord's CDN answers with plain text, not the API's JSON errors.
    const text = status === 405 ? '405: Method Not Allowed' : 'This content is no longer available.';
    response.writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...(status === 405 ? { allow: 'GET, HEAD' } : {}),
    });
    response.end(method === 'HEAD' ? undefined : text);
    state.recordViolation({
      method,
      path: url.pathname,
      status,
      code: 0,
      message: status === 405 ? '405: Method Not Allowed' : '404: Not Found',
      detail: status === 405 ? `The CDN only answers GET and HEAD, not ${method}` : `CDN: ${found.refusal ?? ''}`,
      issues: [],
      interactionId: null,
    });
  }
  state.attachmentDownloads.push({
    method,
    path: url.pathname,
    attachmentId: found.attachmentId,
    status,
    bytes: sent,
    at: Date.now(),
  });
  return status;
}
