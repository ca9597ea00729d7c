import { existsSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { AppError } from '@gatehouse/core'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, type SqlBool, SqliteDialect, sql } from 'kysely'
import type { Connection } from '../connection.js'
import type { Database } from '../schema.js'
import { backupSqlite } from './backup-sqlite.js'
import { isNotSqlite } from './sqlite-files.js'

/** The path of an in-memory database, as better-sqlite3 spells it. */
export const SQLITE_MEMORY = ':memory:'
const SQLITE_BUSY_TIMEOUT_MS = 5000

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

interface SqliteOpenOptions {
  readonly fileMustExist?: boolean
  /** Reads only, and leaves the file's settings (its journal mode) as they are. */
  readonly readonly?: boolean | undefined
}

/** Opens (or creates) the file with the settings a Gatehouse database needs. */
export function connectSqlite(path: string, options: SqliteOpenOptions = {}): Connection {
  const file = path === SQLITE_MEMORY ? SQLITE_MEMORY : resolve(path)
  if (file !== SQLITE_MEMORY && options.fileMustExist !== true) {
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
    // SQLite's LIKE already ignores case (of ASCII letters: without ICU it folds no others).
    like: (haystack, pattern) => sql<SqlBool>`${haystack} like ${pattern} escape '\\'`,
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

async function rollbackQuietly(conn: Kysely<Database>): Promise<void> {
  try {
    await sql`rollback`.execute(conn)
  } catch {
    // SQLite already rolled back on its own (some errors end the transaction): nothing to undo.
  }
}
