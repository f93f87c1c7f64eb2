import type { Gateway } from './gateway.js';
import type { EmulatorState } from './state.js';

export interface EmulatorConfig {
  readonly token: string;
  readonly ackWindowMs: number;
  readonly tokenLifetimeMs: number;
  readonly sessionWaitMs: number;
  readonly waitTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
}

/** What the REST routes and interaction helpers share. */
export interface Core {
  readonly state: EmulatorState;
  readonly config: EmulatorConfig;
  readonly gateway: Gateway;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
}
