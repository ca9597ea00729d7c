import type { Kysely } from 'kysely'
import type { Database } from './schema.js'
import type { CaseInsensitiveLike } from './search.js'

/*
 * What the store sees of a database, whichever it is. connect.ts picks the dialect from the URL;
 * sqlite/ and postgres/ each implement this interface, and with sql-errors.ts they are the only
 * files that know SQLite from PostgreSQL.
 */

export type DialectName = 'sqlite' | 'postgres'

export interface Connection {
  readonly dialect: DialectName
  /** For migrations and out-of-transaction reads; repos only ever see `transaction`'s db. */
  readonly db: Kysely<Database>
  /**
   * PostgreSQL: the schema the migration bookkeeping tables live in. Kysely's Migrator looks
   * for them in every schema unless told which, and would take another schema's for ours.
   */
  readonly migrationSchema?: string | undefined
  /** The lists' search: PostgreSQL's ILIKE, SQLite's LIKE (see search.ts). */
  readonly like: CaseInsensitiveLike
  /** Runs `fn` in one transaction on one connection; commits if it returns, else rolls back. */
  transaction<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>
  /** Runs schema-changing work (migrations) under the database-wide DDL lock; see withDdlLock. */
  underDdlLock<T>(fn: () => Promise<T>): Promise<T>
  /**
   * Inside a transaction: tells other nodes that these orgs' authorization changed. PostgreSQL
   * delivers NOTIFY at commit and drops it on rollback; SQLite is one process and has no one to
   * tell.
   */
  announce(trx: Kysely<Database>, orgIds: readonly string[]): Promise<void>
  /**
   * Inside a transaction: holds the org's write lock until the transaction ends (see
   * OrgRepo.lockForWrite). PostgreSQL locks the org's row; SQLite's BEGIN IMMEDIATE already
   * gave this transaction the only write lock there is.
   */
  lockOrg(trx: Kysely<Database>, orgId: string): Promise<void>
  /**
   * Whether several server processes may serve this database at once (PostgreSQL), so that
   * state one node keeps in memory is not what the others see; SQLite mode is one process.
   */
  readonly sharedByNodes: boolean
  /**
   * Inside a transaction: waits for these named locks and holds them until it ends, whatever
   * node or connection asks. PostgreSQL takes transaction-scoped advisory locks, in sorted order
   * so that two callers never wait on each other; SQLite has nothing to do, since BEGIN
   * IMMEDIATE already holds the one writer lock.
   */
  lockNames(
    trx: Kysely<Database>,
    names: readonly string[],
    mode: 'exclusive' | 'shared',
  ): Promise<void>
  /** Like lockNames (exclusive, one name) without waiting: false when another holds it. */
  tryLockName(trx: Kysely<Database>, name: string): Promise<boolean>
  /** PostgreSQL: a connection that hears other nodes' announcements. SQLite: none. */
  listen?(handlers: ListenHandlers): Listener
  /** PostgreSQL: the pool's connections. */
  poolStats?(): PoolStats
  /**
   * SQLite: writes a consistent copy of the database to the new file `toPath`, safe while
   * this or another process writes. PostgreSQL: none (pg_dump is the tool).
   */
  backup?(toPath: string): Promise<BackupReport>
  /** SQLite: PRAGMA integrity_check's findings, none when the file is sound. */
  integrityProblems?(): Promise<string[]>
  close(): Promise<void>
}

export interface BackupReport {
  /** The file written (absolute). */
  readonly path: string
  readonly bytes: number
}

export interface ListenHandlers {
  /** An org's authorization changed on some node (this one included). */
  invalidate(orgId: string): void
  /** The listening connection is gone: announcements may be missed until `up`. */
  down(): void
  /** Listening (again): what was missed meanwhile is unknown. */
  up(): void
}

export interface Listener {
  readonly connected: boolean
  /** Announcements heard for this schema. */
  readonly received: number
  /** Resolves once the first connection attempt ended, whichever way. */
  readonly ready: Promise<void>
  close(): Promise<void>
}

export interface PoolStats {
  readonly total: number
  readonly idle: number
  readonly waiting: number
}
