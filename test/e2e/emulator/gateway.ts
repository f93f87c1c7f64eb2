// The JSON gateway: HELLO → IDENTIFY → READY (+ GUILD_CREATE per guild of the session's shard), heartbeats, RESUME
// with replay, and dispatching each guild's events to its shard's session. Transport compression and ETF are not implemented (discord.js uses neither by default).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApplicationFlags, GatewayReadyDispatchData } from 'discord.js';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { sessionId } from './ids.js';
import { guildCreatePayload, memberPayload, userPayload } from './payloads.js';
import type { EmulatorState } from './state.js';
import type { GatewayEventType, JsonObject } from './types.js';
import { isJsonObject } from './validation.js';

export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildMessages: 1 << 9,
} as const;

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

const Close = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidShard: 4010,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
} as const;

/** Events kept per session for RESUME replay. */
const REPLAY_LIMIT = 1000;

export interface GatewayOptions {
  readonly token: string;
  readonly heartbeatIntervalMs: number;
  readonly sessionWaitMs: number;
  /** ws://127.0.0.1:PORT, also sent as resume_gateway_url. */
  readonly url: string;
}

interface SentEvent {
  readonly op: 0;
  readonly s: number;
  readonly t: string;
  readonly d: unknown;
}

class Session {
  seq = 0;
  ready = false;
  readonly history: SentEvent[] = [];

  constructor(
    readonly id: string,
    readonly intents: number,
    /** The shard id this session identified as; it receives the events of that shard's guilds only. */
    readonly shard: number,
    public socket: WebSocket | null,
    readonly identifiedAt: number,
  ) {}

  has(intent: number): boolean {
    return (this.intents & intent) !== 0;
  }

  get connected(): boolean {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  dispatch(t: string, d: unknown): void {
    this.seq += 1;
    const event: SentEvent = { op: Op.Dispatch, s: this.seq, t, d };
    this.history.push(event);
    if (this.history.length > REPLAY_LIMIT) this.history.shift();
    if (this.connected) this.socket?.send(JSON.stringify(event));
  }
}

export class Gateway {
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<string, Session>();
  readonly #sockets = new Set<WebSocket>();

  constructor(
    readonly state: EmulatorState,
    readonly options: GatewayOptions,
  ) {}

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, request));
  }

  /** Sessions that are identified, connected and have received READY. Newest first. */
  get activeSessions(): Session[] {
    return [...this.#sessions.values()]
      .filter((session) => session.ready && session.connected)
      .sort((a, b) => b.identifiedAt - a.identifiedAt);
  }

  /** Active sessions of the shard that `guildId`'s events go to (shard 0 for DMs, `null`). Newest first. */
  sessionsFor(guildId: string | null): Session[] {
    const shard = this.state.shardOf(guildId);
    return this.activeSessions.filter((session) => session.shard === shard);
  }

  /**
   * Sends an event of `guildId` (null: a DM) to every active session of its shard that subscribed to `intent`
   * (null: always sent).
   */
  broadcast(t: string, d: (session: Session) => unknown, intent: number | null, guildId: string | null): void {
    for (const session of this.sessionsFor(guildId)) {
      if (intent === null || session.has(intent)) session.dispatch(t, d(session));
    }
  }

  /**
   * Dispatches an event of `guildId` to the newest active session of its shard, waiting up to sessionWaitMs for one
   * (the bot may be starting or restarting). Resolves with the time the event was written to the socket.
   */
  async dispatchToBot(t: string, d: unknown, guildId: string | null): Promise<number> {
    const shard = this.state.shardOf(guildId);
    const session = await this.state.changes.until(
      () => this.sessionsFor(guildId)[0],
      this.options.sessionWaitMs,
      () =>
        `a connected bot session${this.state.shardCount > 1 ? ` on shard ${shard}` : ''} to dispatch ${t} to ` +
        '(is the bot running and logged in to the emulator?)',
    );
    session.dispatch(t, d);
    return Date.now();
  }

  /** Closes every bot connection. 4000 (default) makes discord.js RESUME; 1000 makes it IDENTIFY again. */
  disconnectAll(code: number = Close.UnknownError): void {
    for (const socket of this.#sockets) socket.close(code, 'Disconnected by the emulator');
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #event(type: GatewayEventType, session: Session | null, extra: { intents?: number; closeCode?: number } = {}): void {
    this.state.gatewayEvents.push({
      type,
      sessionId: session?.id ?? null,
      shard: session?.shard ?? null,
      at: Date.now(),
      intents: extra.intents ?? null,
      closeCode: extra.closeCode ?? null,
    });
    this.state.changes.notify();
  }

  #violation(socket: WebSocket, code: number, message: string, detail: string): void {
    this.state.recordViolation({
      method: 'GATEWAY',
      path: message,
      status: 0,
      code,
      message,
      detail,
      issues: [],
      interactionId: null,
    });
    socket.close(code, message);
  }

  #accept(socket: WebSocket, request: IncomingMessage): void {
    this.#sockets.add(socket);
    this.#event('connect', null);
    let session: Session | null = null;
    socket.on('close', (code) => {
      this.#sockets.delete(socket);
      if (session && session.socket === socket) session.socket = null;
      this.#event('disconnect', session, { closeCode: code });
    });

    const query = new URL(request.url ?? '/', this.options.url.replace(/^ws/, 'http')).searchParams;
    if (query.get('v') !== '10') {
      this.#violation(socket, Close.InvalidApiVersion, 'Invalid API version', `connected with v=${query.get('v')}`);
      return;
    }
    if ((query.get('encoding') ?? 'json') !== 'json' || query.has('compress')) {
      const detail = `encoding=${query.get('encoding')} compress=${query.get('compress')}: the emulator speaks plain JSON`;
      this.#violation(socket, Close.DecodeError, 'Unsupported encoding', detail);
      return;
    }

    socket.send(
      JSON.stringify({ op: Op.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs }, s: null, t: null }),
    );
    socket.on('message', (raw: RawData) => {
      const payload = this.#decode(socket, raw);
      if (!payload) return;
      const op = payload['op'];
      const d = payload['d'];
      if (op === Op.Heartbeat) {
        socket.send(JSON.stringify({ op: Op.HeartbeatAck }));
      } else if (op === Op.Identify) {
        if (session)
          return this.#violation(socket, Close.AlreadyAuthenticated, 'Already authenticated', 'second IDENTIFY');
        session = this.#identify(socket, d);
      } else if (op === Op.Resume) {
        if (session)
          return this.#violation(socket, Close.AlreadyAuthenticated, 'Already authenticated', 'RESUME after IDENTIFY');
        session = this.#resume(socket, d);
      } else if (!session) {
        this.#violation(socket, Close.NotAuthenticated, 'Not authenticated', `op ${String(op)} before IDENTIFY`);
      } else if (op === Op.RequestGuildMembers) {
        this.#requestGuildMembers(session, d);
      } else if (op !== Op.PresenceUpdate && op !== Op.VoiceStateUpdate) {
        this.#violation(socket, Close.UnknownOpcode, 'Unknown opcode', `op ${String(op)}`);
      }
    });
  }

  #decode(socket: WebSocket, raw: RawData): JsonObject | null {
    try {
      const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
      const text = bytes.toString('utf8');
      const payload: unknown = JSON.parse(text);
      if (isJsonObject(payload) && typeof payload['op'] === 'number') return payload;
    } catch {
      // fall through
    }
    this.#violation(socket, Close.DecodeError, 'Decode error', 'payload is not a JSON object with a numeric op');
    return null;
  }

  #identify(socket: WebSocket, d: unknown): Session | null {
    if (!isJsonObject(d) || d['token'] !== this.options.token) {
      this.#violation(
        socket,
        Close.AuthenticationFailed,
        'Authentication failed',
        'IDENTIFY with a wrong or missing token',
      );
      return null;
    }
    const intents = d['intents'];
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0) {
      this.#violation(socket, Close.InvalidIntents, 'Invalid intent(s)', `intents=${JSON.stringify(intents)}`);
      return null;
    }
    // Without a `shard` field a connection is shard 0 of 1: it gets every guild, which only a one-shard bot may ask.
    const shard = d['shard'] ?? [0, 1];
    const count = this.state.shardCount;
    if (!isShardPair(shard) || shard[1] !== count || shard[0] >= count) {
      this.#violation(
        socket,
        Close.InvalidShard,
        'Invalid shard',
        `shard=${JSON.stringify(d['shard'])}; /gateway/bot says ${count} shard${count === 1 ? '' : 's'}`,
      );
      return null;
    }
    if (!isJsonObject(d['properties'])) {
      this.#violation(socket, Close.DecodeError, 'Decode error', 'IDENTIFY without connection properties');
      return null;
    }
    const session = new Session(sessionId(), intents, shard[0], socket, Date.now());
    this.#sessions.set(session.id, session);
    this.#event('identify', session, { intents });

    const guilds = [...this.state.guilds.values()].filter((guild) => this.state.shardOf(guild.id) === session.shard);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...userPayload(this.state.botUser), verified: true, mfa_enabled: false, email: null },
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.options.url,
      shard: [session.shard, count],
      application: { id: this.state.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    session.dispatch('READY', ready);
    if (session.has(Intent.Guilds)) {
      for (const guild of guilds) {
        session.dispatch('GUILD_CREATE', guildCreatePayload(this.state, guild, session.has(Intent.GuildMembers)));
      }
    }
    session.ready = true;
    this.#event('ready', session);
    return session;
  }

  #resume(socket: WebSocket, d: unknown): Session | null {
    if (!isJsonObject(d) || d['token'] !== this.options.token) {
      this.#violation(
        socket,
        Close.AuthenticationFailed,
        'Authentication failed',
        'RESUME with a wrong or missing token',
      );
      return null;
    }
    const session = typeof d['session_id'] === 'string' ? this.#sessions.get(d['session_id']) : undefined;
    const seq = typeof d['seq'] === 'number' ? d['seq'] : -1;
    if (!session || seq > session.seq) {
      // Not resumable: Discord answers INVALID_SESSION (d=false) and the client identifies anew.
      socket.send(JSON.stringify({ op: Op.InvalidSession, d: false }));
      return null;
    }
    if (session.socket && session.socket !== socket)
      session.socket.close(Close.UnknownError, 'Session resumed elsewhere');
    session.socket = socket;
    for (const event of session.history) {
      if (event.s > seq) socket.send(JSON.stringify(event));
    }
    session.dispatch('RESUMED', {});
    this.#event('resume', session);
    return session;
  }

  #requestGuildMembers(session: Session, d: unknown): void {
    const guild =
      isJsonObject(d) && typeof d['guild_id'] === 'string' ? this.state.guilds.get(d['guild_id']) : undefined;
    if (!guild || !isJsonObject(d)) return;
    const userIds = Array.isArray(d['user_ids']) ? d['user_ids'].map(String) : null;
    const query = typeof d['query'] === 'string' ? d['query'].toLowerCase() : '';
    const members = [...guild.members.keys()]
      .filter((userId) => (userIds ? userIds.includes(userId) : true))
      .filter((userId) => this.state.users.get(userId)?.username.toLowerCase().startsWith(query) ?? false)
      .map((userId) => memberPayload(this.state, guild, userId));
    session.dispatch('GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members,
      chunk_index: 0,
      chunk_count: 1,
      not_found: userIds ? userIds.filter((id) => !guild.members.has(id)) : [],
      ...(typeof d['nonce'] === 'string' ? { nonce: d['nonce'] } : {}),
    });
  }
}

/** `[shard_id, num_shards]` as IDENTIFY carries it. */
function isShardPair(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((part) => typeof part === 'number' && Number.isInteger(part) && part >= 0)
  );
}
