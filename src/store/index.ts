export { openStore, type OpenStoreOptions } from './open.js';
export { Store, StoreRecordError, key, type Key, type StoreBackend } from './store.js';
export { StoreLockTimeoutError, type LeaseTiming } from './locks.js';
