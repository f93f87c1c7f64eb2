// HTTP plumbing: route matching, auth, request log, and turning DiscordErrors into answers + violations.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCdnPath, serveCdn } from './cdn.js';
import type { Core } from './core.js';
import { DiscordError, readBody, sendJson, type ParsedBody } from './http.js';

/** discord.js calls `${rest.api}/v10/...`; everything is logged relative to this prefix. */
export const API_PREFIX = '/api/v10';

export interface RestContext {
  readonly method: string;
  /** Path below /api/v10. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: ParsedBody;
}

export interface RestReply {
  readonly status: number;
  readonly body?: unknown;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Segments starting with ":" are parameters; literal segments win when listed first (e.g. "@original"). */
  readonly pattern: string;
  /** Bot-token routes. Interaction callbacks and webhook routes are authenticated by their token instead. */
  readonly auth: boolean;
  readonly handle: (context: RestContext) => RestReply;
}

export const ok = (body?: unknown): RestReply => ({ status: body === undefined ? 204 : 200, body });

export function param(context: RestContext, name: string): string {
  const value = context.params[name];
  if (value === undefined) throw new Error(`Route parameter ":${name}" missing in ${context.path}`);
  return value;
}

function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? '';
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(value);
    else if (segment !== value) return null;
  }
  return params;
}

function route(
  core: Core,
  routes: readonly Route[],
  request: IncomingMessage,
  path: string,
): { route: Route; params: Record<string, string> } {
  const candidates = routes.flatMap((candidate) => {
    const params = matchPattern(candidate.pattern, path);
    return params ? [{ route: candidate, params }] : [];
  });
  if (candidates.length === 0)
    throw new DiscordError(404, 0, '404: Not Found', `No such route: ${request.method ?? ''} ${path}`);
  const found = candidates.find((candidate) => candidate.route.method === request.method);
  if (!found)
    throw new DiscordError(405, 0, '405: Method Not Allowed', `${request.method ?? ''} is not allowed on ${path}`);
  const authorization = request.headers.authorization;
  const expected = `Bot ${core.config.token}`;
  if ((found.route.auth || authorization !== undefined) && authorization !== expected) {
    const detail = authorization === undefined ? 'missing Authorization header' : 'Authorization is not "Bot <token>"';
    throw new DiscordError(401, 0, '401: Unauthorized', detail);
  }
  return found;
}

export function createRequestHandler(core: Core, routes: readonly Route[]) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    void handle(core, routes, request, response);
  };
}

async function handle(core: Core, routes: readonly Route[], request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', core.origin);
  const method = request.method ?? 'GET';
  const inApi = url.pathname.startsWith(`${API_PREFIX}/`);
  const path = inApi ? url.pathname.slice(API_PREFIX.length) : url.pathname;
  let status = 500;
  try {
    if (isCdnPath(url.pathname)) {
      status = serveCdn(core, method, url, response);
      return;
    }
    const body = await readBody(request);
    if (!inApi) throw new DiscordError(404, 0, '404: Not Found', `Not below ${API_PREFIX}: ${url.pathname}`);
    const found = route(core, routes, request, path);
    const reply = found.route.handle({ method, path, params: found.params, query: url.searchParams, body });
    status = reply.status;
    sendJson(response, status, reply.body);
  } catch (error) {
    const failure =
      error instanceof DiscordError
        ? error
        : new DiscordError(
            500,
            0,
            '500: Internal Server Error',
            `Emulator bug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
    status = failure.status;
    core.state.recordViolation({
      method,
      path,
      status,
      code: failure.code,
      message: failure.message,
      detail: failure.detail,
      issues: failure.issues,
      interactionId: failure.interactionId,
    });
    sendJson(response, status, failure.body());
  } finally {
    core.state.requests.push({ method, path, query: url.search, status, at: Date.now() });
    core.state.changes.notify();
  }
}
