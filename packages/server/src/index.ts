export { buildApp, documentationApp, MAX_BODY_BYTES } from './app.js'
export { ConfigError, type ConfigInput, loadConfig, type ServerConfig } from './config.js'
export { STATUS_BY_KIND } from './http/errors.js'
export { openApiDocument } from './http/openapi.js'
export { permissionsMarkdown, type RouteAccess, routeAccess } from './http/route-docs.js'
export { createServices, type Services } from './http/services.js'
export { type RunningServer, runServer } from './main.js'
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
export { type BackupResult, backupDatabase, restoreDatabase } from './storage/backup.js'
export {
  type ConnectOptions,
  connect,
  type DatabaseTarget,
  parseDatabaseUrl,
} from './storage/connect.js'
export type { Connection, DialectName } from './storage/connection.js'
export {
  DEFAULT_DATABASE_URL,
  type OpenStoreOptions,
  openStore,
  resolveDatabaseUrl,
} from './storage/open-store.js'
export { withDdlLock } from './storage/postgres/ddl-lock.js'
export { createSqlStore, type SqlStore } from './storage/sql-store.js'
