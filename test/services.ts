import { connect } from 'node:net';

/**
 * Why a local service (Redis, PostgreSQL) cannot be used, or undefined when it accepts TCP connections.
 * Under CI=true an unreachable service fails the suite instead: CI must test every store, not skip one.
 */
export async function serviceUnreachable(host: string, port: number, timeoutMs = 500): Promise<string | undefined> {
  const reason = await probe(host, port, timeoutMs);
  if (reason !== undefined && process.env['CI'] === 'true') throw new Error(`CI=true needs ${host}:${port}: ${reason}`);
  return reason;
}

function probe(host: string, port: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => finish(`no answer from ${host}:${port} within ${timeoutMs} ms`));
    socket.once('connect', () => finish(undefined));
    socket.once('error', (error) => finish(`cannot connect to ${host}:${port}: ${error.message}`));
  });
}

export interface SharedStore {
  name: 'Redis' | 'PostgreSQL';
  url: string;
  /** Why the suite on this store is skipped; undefined when the service is there. */
  skip: string | undefined;
}

/** Redis and PostgreSQL on this machine, each with the reason it cannot be used (printed), if it cannot. */
export async function sharedStores(suite: string): Promise<SharedStore[]> {
  const stores: SharedStore[] = [
    { name: 'Redis', url: 'redis://127.0.0.1:6379', skip: await serviceUnreachable('127.0.0.1', 6379) },
    {
      name: 'PostgreSQL',
      url: 'postgresql://postgres@127.0.0.1:5432/test',
      skip: await serviceUnreachable('127.0.0.1', 5432),
    },
  ];
  for (const store of stores) {
    if (store.skip) console.warn(`skipping ${suite} on ${store.name}: ${store.skip}`);
  }
  return stores;
}
