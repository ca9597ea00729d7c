import { connect } from './connect.js'
import { createSqlStore, type SqlStore } from './sql-store.js'

/** Where the database is when nothing says otherwise: a SQLite file under the working directory. */
export const DEFAULT_DATABASE_URL = 'sqlite:./.gatehouse/gatehouse.db'

export interface OpenStoreOptions {
  /** PostgreSQL only: the schema to create (if missing) and use; overrides `?schema=`. */
  readonly schema?: string | undefined
  /** PostgreSQL only: the pool size. */
  readonly maxConnections?: number | undefined
}

/**
 * Opens the store a database URL names: `sqlite:PATH`, `sqlite::memory:`, or
 * `postgres://…` / `postgresql://…` (optionally `?schema=NAME`). Does not migrate: call
 * `migrate()` (the CLI's `migrate` and `start` do).
 * @throws VALIDATION_FAILED (field `database_url`) for a URL it cannot use
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<SqlStore> {
  return createSqlStore(await connect(url, options))
}

/** The database URL: the flag, else GATEHOUSE_DATABASE_URL, else {@link DEFAULT_DATABASE_URL}. */
export function resolveDatabaseUrl(
  flag?: string,
  env: Record<string, string | undefined> = process.env,
): string {
  if (flag !== undefined && flag.trim() !== '') {
    return flag.trim()
  }
  const fromEnv = env.GATEHOUSE_DATABASE_URL
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return fromEnv.trim()
  }
  return DEFAULT_DATABASE_URL
}
