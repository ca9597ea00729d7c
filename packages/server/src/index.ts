export {
  createNodeDeps,
  type NodeDepsOptions,
  nodeCrypto,
  systemClock,
} from './platform/node-deps.js'
export {
  createScryptHasher,
  DEFAULT_SCRYPT_PARAMS,
  needsRehash,
  type ScryptParams,
} from './platform/scrypt-hasher.js'
export { type DatabaseTarget, type DialectName, parseDatabaseUrl } from './storage/connect.js'
export {
  DEFAULT_DATABASE_URL,
  type OpenStoreOptions,
  openStore,
  resolveDatabaseUrl,
} from './storage/open-store.js'
export type { SqlStore } from './storage/sql-store.js'
