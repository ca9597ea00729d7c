import { randomBytes } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { AppError, type ErrorCode } from '@gatehouse/core'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.js'

/*
 * The only file besides sql-errors.ts that knows SQLite from PostgreSQL: it parses the URL,
 * opens the pool or file with the settings each needs, and says how a transaction starts.
 */

export type DialectName = 'sqlite' | 'postgres'

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string; readonly schema?: string }

export interface Connection {
  readonly dialect: DialectName
  /** For migrations and out-of-transaction reads; repos only ever see `transaction`'s db. */
  readonly db: Kysely<Database>
  /**
   * PostgreSQL: the schema the migration bookkeeping tables live in. Kysely's Migrator looks
   * for them in every schema unless told which, and would take another schema's for ours.
   */
  readonly migrationSchema?: string | undefined
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

export interface ConnectOptions {
  /** PostgreSQL only: the schema to create (if missing) and use on every connection. */
  readonly schema?: string | undefined
  /** PostgreSQL only: the pool size. */
  readonly maxConnections?: number | undefined
}

const MEMORY = ':memory:'
// Unquoted-identifier rules, so the name is safe in `-c search_path=` and needs no escaping.
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/
const SQLITE_BUSY_TIMEOUT_MS = 5000
const PG_INT8_OID = 20

function invalidUrl(): AppError {
  // Never the URL itself in the error: it may carry a password.
  return new AppError('VALIDATION_FAILED', { field: 'database_url' })
}

/**
 * Parses `sqlite:PATH` (also `sqlite::memory:` and `sqlite:///abs/path`) and
 * `postgres://` / `postgresql://` URLs, whose optional `schema` query parameter names the
 * schema to use.
 * @throws VALIDATION_FAILED
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const text = url.trim()
  if (text.startsWith('sqlite:')) {
    let path = text.slice('sqlite:'.length)
    if (path.startsWith('//')) {
      path = path.slice(2)
    }
    if (path.length === 0 || path.includes('\0')) {
      throw invalidUrl()
    }
    return { dialect: 'sqlite', path }
  }
  if (text.startsWith('postgres://') || text.startsWith('postgresql://')) {
    let parsed: URL
    try {
      parsed = new URL(text)
    } catch {
      throw invalidUrl()
    }
    if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
      throw invalidUrl()
    }
    const schema = parsed.searchParams.get('schema')
    parsed.searchParams.delete('schema')
    if (schema === null) {
      return { dialect: 'postgres', connectionString: text }
    }
    if (!SCHEMA_NAME.test(schema)) {
      throw invalidUrl()
    }
    return { dialect: 'postgres', connectionString: parsed.toString(), schema }
  }
  throw invalidUrl()
}

/** Opens the database `url` names. @throws VALIDATION_FAILED */
export async function connect(url: string, options: ConnectOptions = {}): Promise<Connection> {
  const target = parseDatabaseUrl(url)
  if (target.dialect === 'sqlite') {
    return connectSqlite(target.path)
  }
  const schema = options.schema ?? target.schema
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new AppError('VALIDATION_FAILED', { field: 'schema' })
  }
  return connectPostgres(target.connectionString, schema, options.maxConnections)
}

/**
 * The file of a SQLite URL. A PostgreSQL URL throws `codeForPostgres` without connecting: file
 * backups and restores are SQLite's, pg_dump and pg_restore are PostgreSQL's.
 * @throws VALIDATION_FAILED, codeForPostgres
 */
export function databaseFile(url: string, codeForPostgres: ErrorCode): string {
  const target = parseDatabaseUrl(url)
  if (target.dialect !== 'sqlite') {
    throw new AppError(codeForPostgres)
  }
  if (target.path === MEMORY) {
    throw new AppError('VALIDATION_FAILED', { field: 'database_url' })
  }
  return resolve(target.path)
}

/**
 * Opens an existing SQLite file, never creating one: what a backup copies or a restore checks.
 * @throws FILE_NOT_FOUND, BACKUP_NOT_GATEHOUSE (not a SQLite file)
 */
export async function openExistingSqlite(
  path: string,
  options: { readonly readonly?: boolean } = {},
): Promise<Connection> {
  const file = resolve(path)
  if (!existsSync(file)) {
    throw new AppError('FILE_NOT_FOUND', { file })
  }
  try {
    const connection = connectSqlite(file, { fileMustExist: true, readonly: options.readonly })
    // A file that is not SQLite fails on its first read, not when it is opened.
    await sql`select count(*) from sqlite_master`.execute(connection.db).catch(async (err) => {
      await connection.close()
      throw err
    })
    return connection
  } catch (err) {
    if (isNotSqlite(err)) {
      throw new AppError('BACKUP_NOT_GATEHOUSE', { file }, { cause: err })
    }
    throw err
  }
}

function isNotSqlite(err: unknown): boolean {
  const code = (err as { code?: unknown }).code
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
}

interface SqliteOpenOptions {
  readonly fileMustExist?: boolean
  /** Reads only, and leaves the file's settings (its journal mode) as they are. */
  readonly readonly?: boolean | undefined
}

function connectSqlite(path: string, options: SqliteOpenOptions = {}): Connection {
  const file = path === MEMORY ? MEMORY : resolve(path)
  if (file !== MEMORY && options.fileMustExist !== true) {
    mkdirSync(dirname(file), { recursive: true })
  }
  const readonly = options.readonly === true
  const database = new SqliteDatabase(file, {
    fileMustExist: options.fileMustExist === true,
    readonly,
  })
  try {
    if (readonly) {
      database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`)
      return sqliteConnection(database)
    }
    database.pragma('journal_mode = WAL')
    database.pragma('foreign_keys = ON')
    // FULL syncs the WAL at every commit: a revocation or an audit row that was acknowledged
    // survives a power loss, not only a process crash (NORMAL would not guarantee that).
    database.pragma('synchronous = FULL')
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`)
  } catch (err) {
    database.close()
    throw err
  }
  return sqliteConnection(database)
}

function sqliteConnection(database: SqliteDatabase.Database): Connection {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) })
  return {
    dialect: 'sqlite',
    db,
    sharedByNodes: false,
    // One file, one writer at a time: SQLite's own locking already keeps migrations apart.
    underDdlLock: (fn) => fn(),
    lockNames: async () => undefined,
    tryLockName: async () => true,
    announce: async () => undefined,
    lockOrg: async () => undefined,
    // Kysely's SQLite driver has one connection behind a mutex, so transactions already run one
    // at a time in this process. BEGIN IMMEDIATE takes the write lock up front, so that another
    // process (the CLI next to a server) waits on busy_timeout instead of failing mid-way when
    // a read transaction tries to become a write transaction.
    transaction: (fn) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn)
        let result: Awaited<ReturnType<typeof fn>>
        try {
          result = await fn(conn)
        } catch (err) {
          await rollbackQuietly(conn)
          throw err
        }
        try {
          await sql`commit`.execute(conn)
        } catch (err) {
          await rollbackQuietly(conn)
          throw err
        }
        return result
      }),
    // Through the connection's mutex: never in the middle of one of this process's transactions.
    backup: (toPath) => db.connection().execute(() => backupSqlite(database, toPath)),
    integrityProblems: async () => {
      const rows = database.pragma('integrity_check') as { integrity_check: string }[]
      return rows.map((r) => r.integrity_check).filter((finding) => finding !== 'ok')
    },
    close: () => db.destroy(),
  }
}

/** All remaining pages in one step: a backup that restarts on every concurrent write never ends. */
const ALL_PAGES = 0x7fffffff

/**
 * SQLite's online backup API, from the one connection this process has. The copy is read in one
 * step, so it is one snapshot (a WAL reader does not block writers, nor they it); it goes to a
 * temporary name beside `toPath` and is renamed into place once complete and synced, so a
 * half-written backup never sits under the final name. The copy is switched to a rollback
 * journal: a backup is one self-contained file, with no -wal to forget.
 */
async function backupSqlite(
  database: SqliteDatabase.Database,
  toPath: string,
): Promise<BackupReport> {
  const path = resolve(toPath)
  if (existsSync(path)) {
    throw new AppError('BACKUP_FILE_EXISTS', { file: path })
  }
  mkdirSync(dirname(path), { recursive: true })
  const temporary = temporaryBeside(path)
  try {
    await database.backup(temporary, { progress: () => ALL_PAGES })
    const copy = new SqliteDatabase(temporary, { fileMustExist: true })
    try {
      copy.pragma('journal_mode = DELETE')
    } finally {
      copy.close()
    }
    syncFile(temporary)
    if (existsSync(path)) {
      throw new AppError('BACKUP_FILE_EXISTS', { file: path })
    }
    renameSync(temporary, path)
    syncFile(dirname(path))
  } finally {
    removeSqliteFiles(temporary)
  }
  return { path, bytes: sizeOf(path) }
}

export interface RestoreOptions {
  /** Replace an existing database file (never one that a process has open). */
  readonly force: boolean
  /** Checks the copy before it replaces anything; throws to refuse it. */
  readonly verify: (copy: Connection) => Promise<void>
}

/**
 * Replaces the SQLite database at `targetPath` with a copy of the backup `fromPath`: copied
 * beside the target with the online backup API, checked (integrity, then `verify`), synced and
 * renamed over the target, whose stale -wal and -shm go first (SQLite would apply an old WAL to
 * the new file). Refused while any process has the target open: a server would go on writing to
 * the file it opened, and those writes would vanish.
 * @throws FILE_NOT_FOUND, BACKUP_NOT_GATEHOUSE, BACKUP_DAMAGED, DATABASE_IN_USE,
 *   RESTORE_TARGET_EXISTS, and what `verify` throws
 */
export async function restoreSqlite(
  fromPath: string,
  targetPath: string,
  options: RestoreOptions,
): Promise<BackupReport> {
  const target = resolve(targetPath)
  const from = resolve(fromPath)
  if (!existsSync(from)) {
    throw new AppError('FILE_NOT_FOUND', { file: from })
  }
  if (from === target) {
    throw new AppError('VALIDATION_FAILED', { field: 'from' })
  }
  assertNotInUse(target)
  if (existsSync(target) && !options.force) {
    throw new AppError('RESTORE_TARGET_EXISTS', { file: target })
  }
  const source = await openExistingSqlite(from, { readonly: true })
  mkdirSync(dirname(target), { recursive: true })
  const temporary = temporaryBeside(target)
  try {
    try {
      await source.backup?.(temporary)
    } finally {
      await source.close()
    }
    const copy = connectSqlite(temporary, { fileMustExist: true })
    try {
      const problems = (await copy.integrityProblems?.()) ?? []
      if (problems.length > 0) {
        throw new AppError('BACKUP_DAMAGED', { problems: problems.slice(0, 5) })
      }
      await options.verify(copy)
    } finally {
      await copy.close()
    }
    syncFile(temporary)
    assertNotInUse(target)
    rmSync(`${target}-wal`, { force: true })
    rmSync(`${target}-shm`, { force: true })
    renameSync(temporary, target)
    syncFile(dirname(target))
  } catch (err) {
    if (isNotSqlite(err)) {
      throw new AppError('BACKUP_DAMAGED', { file: from }, { cause: err })
    }
    throw err
  } finally {
    removeSqliteFiles(temporary)
  }
  return { path: target, bytes: sizeOf(target) }
}

/**
 * Every open connection to a WAL database holds a shared lock on it; an exclusive lock can be
 * taken only when no other connection, in any process, has the file open.
 * @throws DATABASE_IN_USE
 */
function assertNotInUse(file: string): void {
  if (!existsSync(file)) {
    return
  }
  let probe: SqliteDatabase.Database | undefined
  try {
    probe = new SqliteDatabase(file, { fileMustExist: true, timeout: 0 })
    probe.pragma('locking_mode = EXCLUSIVE')
    probe.exec('begin exclusive')
    probe.exec('rollback')
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new AppError('DATABASE_IN_USE', { file })
    }
    // Not a SQLite file (or damaged): nothing can have it open as a database; a restore with
    // --force may replace it.
    if (!isNotSqlite(err)) {
      throw err
    }
  } finally {
    probe?.close()
  }
}

function temporaryBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`)
}

function removeSqliteFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    rmSync(file, { force: true })
  }
}

/** fsync a file or a directory (after a rename, so the new name survives a power loss). */
function syncFile(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function sizeOf(path: string): number {
  const fd = openSync(path, 'r')
  try {
    return fstatSync(fd).size
  } finally {
    closeSync(fd)
  }
}

async function rollbackQuietly(conn: Kysely<Database>): Promise<void> {
  try {
    await sql`rollback`.execute(conn)
  } catch {
    // SQLite already rolled back on its own (some errors end the transaction): nothing to undo.
  }
}

// pg_advisory_lock key: "gatehouse ddl" as a fixed 32-bit number. Any value works; all that
// matters is that every Gatehouse process on the database uses the same one.
const DDL_LOCK_KEY = 0x67_64_64_6c

/**
 * PostgreSQL: runs `fn` while holding a database-wide advisory lock, on a connection of its own.
 * Kysely's migrator lists the tables of every schema, which fails with "schema … does not exist"
 * when another process drops a schema at that moment; migrations and schema drops (tests, the
 * operator) take this lock so they never overlap. Also keeps two nodes from migrating at once.
 */
export async function withDdlLock<T>(connectionString: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [DDL_LOCK_KEY])
    try {
      return await fn()
    } finally {
      await client.query('select pg_advisory_unlock($1)', [DDL_LOCK_KEY])
    }
  } finally {
    await client.end()
  }
}

async function connectPostgres(
  connectionString: string,
  schema: string | undefined,
  maxConnections: number | undefined,
): Promise<Connection> {
  const pool = new pg.Pool({
    connectionString,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    ...(maxConnections === undefined ? {} : { max: maxConnections }),
    // Times and counters are bigint columns; epoch milliseconds fit a double exactly.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === PG_INT8_OID && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client losing its server emits here; unhandled, it would end the process. The next
  // query gets a fresh client and reports the failure to its caller.
  pool.on('error', () => undefined)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  if (schema !== undefined) {
    try {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(db)
    } catch (err) {
      // Two processes creating the same schema at once: the loser sees a unique violation.
      if ((err as { code?: unknown }).code !== '23505') {
        await db.destroy()
        throw err
      }
    }
  }
  let current: string | null | undefined
  try {
    current = (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db))
      .rows[0]?.schema
  } catch (err) {
    await db.destroy()
    throw err
  }
  // Schemas share the channel (tests run many on one database); the payload names its schema.
  const prefix = `${current ?? 'public'}:`
  return {
    dialect: 'postgres',
    db,
    migrationSchema: current ?? undefined,
    sharedByNodes: true,
    transaction: (fn) => db.transaction().execute(fn),
    underDdlLock: (fn) => withDdlLock(connectionString, fn),
    async lockNames(trx, names, mode) {
      for (const name of [...new Set(names)].sort()) {
        const key = sql`hashtext(current_schema() || ':' || ${name})`
        await (mode === 'shared'
          ? sql`select pg_advisory_xact_lock_shared(${NAMED_LOCK_CLASS}, ${key})`
          : sql`select pg_advisory_xact_lock(${NAMED_LOCK_CLASS}, ${key})`
        ).execute(trx)
      }
    },
    async tryLockName(trx, name) {
      const key = sql`hashtext(current_schema() || ':' || ${name})`
      const { rows } = await sql<{ locked: boolean }>`
        select pg_try_advisory_xact_lock(${NAMED_LOCK_CLASS}, ${key}) as locked`.execute(trx)
      return rows[0]?.locked === true
    },
    async announce(trx, orgIds) {
      for (const orgId of orgIds) {
        await sql`select pg_notify(${AUTHZ_CHANNEL}, ${prefix + orgId})`.execute(trx)
      }
    },
    // FOR NO KEY UPDATE: it queues behind another writer of the org (and blocks the UPDATE of
    // authz_version), yet lets rows that merely reference the org (FK checks) go on.
    async lockOrg(trx, orgId) {
      await sql`select id from organizations where id = ${orgId} for no key update`.execute(trx)
    },
    listen: (handlers) => listenPostgres(connectionString, prefix, handlers),
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    close: () => db.destroy(),
  }
}

/*
 * lockNames' advisory locks use the two-int form, whose key space PostgreSQL keeps apart from
 * the one-bigint form (the DDL lock): this class, and a hash of the schema and the name. The
 * schema is in the hash because tests run many schemas on one database. A hash collision only
 * makes one caller wait for another's short transaction.
 */
const NAMED_LOCK_CLASS = 0x67_68_6c_6b

const AUTHZ_CHANNEL = 'gatehouse_authz'
const LISTEN_RETRY_MIN_MS = 50
const LISTEN_RETRY_MAX_MS = 2000

/**
 * One dedicated connection (not from the pool: a pooled client would be handed back and its
 * LISTEN lost) that hears announcements and reconnects with backoff when it drops. Named
 * `gatehouse-listener-<pid>` in pg_stat_activity, so an operator can see (or cut) it.
 */
function listenPostgres(
  connectionString: string,
  prefix: string,
  handlers: ListenHandlers,
): Listener {
  let client: pg.Client | undefined
  let connected = false
  let closed = false
  let received = 0
  let retryMs = LISTEN_RETRY_MIN_MS
  let timer: NodeJS.Timeout | undefined

  const lost = (which: pg.Client) => {
    if (client !== which) {
      return
    }
    client = undefined
    if (connected) {
      connected = false
      handlers.down()
    }
    which.end().catch(() => undefined)
    if (!closed) {
      timer = setTimeout(() => void attempt(), retryMs)
      retryMs = Math.min(retryMs * 2, LISTEN_RETRY_MAX_MS)
    }
  }

  const attempt = async (): Promise<void> => {
    const candidate = new pg.Client({
      connectionString,
      application_name: `gatehouse-listener-${process.pid}`,
    })
    client = candidate
    candidate.on('error', () => lost(candidate))
    candidate.on('end', () => lost(candidate))
    candidate.on('notification', (message) => {
      const payload = message.payload
      if (message.channel === AUTHZ_CHANNEL && payload?.startsWith(prefix) === true) {
        received++
        handlers.invalidate(payload.slice(prefix.length))
      }
    })
    try {
      await candidate.connect()
      await candidate.query(`listen ${AUTHZ_CHANNEL}`)
    } catch {
      lost(candidate)
      return
    }
    if (closed || client !== candidate) {
      await candidate.end().catch(() => undefined)
      return
    }
    connected = true
    retryMs = LISTEN_RETRY_MIN_MS
    handlers.up()
  }

  const ready = attempt()
  return {
    get connected() {
      return connected
    },
    get received() {
      return received
    },
    ready,
    async close() {
      closed = true
      clearTimeout(timer)
      const last = client
      client = undefined
      connected = false
      await last?.end().catch(() => undefined)
    },
  }
}
