export { openStore, type OpenStoreOptions } from './open.js';
export {
  Store,
  StoreConflictError,
  StoreRecordError,
  key,
  setKey,
  type Key,
  type SetKey,
  type StoreBackend,
} from './store.js';
