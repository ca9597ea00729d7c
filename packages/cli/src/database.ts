import type { Deps } from '@gatehouse/core'
import { createNodeDeps, openStore, resolveDatabaseUrl } from '@gatehouse/server'
import { redactUrls } from './errors.js'
import type { CliIo } from './io.js'

export type SqlStore = Awaited<ReturnType<typeof openStore>>

/** An open, migrated database and the dependencies core's use cases need over it. */
export interface OpenDatabase {
  readonly store: SqlStore
  readonly deps: Deps
  /** The URL with any password masked: safe to print. */
  readonly label: string
  /** Migrations this run applied, oldest first. */
  readonly applied: readonly string[]
}

/**
 * Opens the database named by `--db` (else GATEHOUSE_DATABASE_URL, else the default SQLite
 * file), applies pending migrations, runs `fn` and closes it whatever happens. Every command
 * that touches the database goes through here, so none can run on an old schema.
 */
export async function withDatabase<T>(
  io: CliIo,
  flag: string | undefined,
  fn: (db: OpenDatabase) => Promise<T>,
): Promise<T> {
  const url = resolveDatabaseUrl(flag, io.env)
  const store = await openStore(url)
  try {
    const applied = await store.migrate()
    return await fn({ store, deps: createNodeDeps(store), label: redactUrls(url), applied })
  } finally {
    await store.close()
  }
}

/** One line that says which database was used and what migrating it did. */
export function describeMigrations(db: OpenDatabase): string {
  const count = db.applied.length
  if (count === 0) {
    return `Database ${db.label} (${db.store.dialect}) is up to date.`
  }
  const noun = count === 1 ? 'migration' : 'migrations'
  return `Database ${db.label} (${db.store.dialect}): applied ${count} ${noun}: ${db.applied.join(', ')}.`
}
