import { describe, expect, it } from 'vitest';
import { isStoreOutage, UserError } from '../src/errors.js';

/** An error as a driver throws it: its own class name, and a code when it has one. */
function driverError(className: string, message: string, code?: string): Error {
  const DriverError = { [className]: class extends Error {} }[className];
  if (!DriverError) throw new Error('unreachable');
  return Object.assign(new DriverError(message), code ? { code } : {});
}

describe('a store outage', () => {
  it.each([
    ['node-redis while reconnecting', driverError('ClientOfflineError', 'The client is offline')],
    [
      'node-redis when the server went away',
      driverError('SocketClosedUnexpectedlyError', 'Socket closed unexpectedly'),
    ],
    ['a refused connection', driverError('Error', 'connect ECONNREFUSED 127.0.0.1:6379', 'ECONNREFUSED')],
    ['PostgreSQL shutting down', driverError('DatabaseError', 'terminating connection', '57P01')],
    ['PostgreSQL losing its connection', driverError('DatabaseError', 'connection failure', '08006')],
    ['pg when the socket closed', new Error('Connection terminated unexpectedly')],
    ['SQLite busy', driverError('Error', 'SQLITE_BUSY: database is locked', 'SQLITE_BUSY')],
    ['the store giving up on a busy record', driverError('StoreConflictError', 'kept changing')],
    [
      'a connection refused on every address',
      new AggregateError([driverError('Error', 'connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], 'connect failed'),
    ],
    ['one wrapped in another', new Error('update failed', { cause: driverError('ClientClosedError', 'closed') })],
  ])('is told apart: %s', (_, error) => {
    expect(isStoreOutage(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a student’s mistake', new UserError('That quiz has ended.')],
    ['a Redis reply refusing a command', driverError('ErrorReply', 'WRONGTYPE Operation against a key')],
    ['a thrown string', 'ECONNREFUSED'],
  ])('is not confused with %s', (_, error) => {
    expect(isStoreOutage(error)).toBe(false);
  });

  it('survives an error that is its own cause', () => {
    const error = new Error('loop');
    error.cause = error;
    expect(isStoreOutage(error)).toBe(false);
  });
});
