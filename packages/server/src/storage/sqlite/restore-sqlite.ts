import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { AppError } from '@gatehouse/core'
import SqliteDatabase from 'better-sqlite3'
import type { BackupReport, Connection } from '../connection.js'
import { connectSqlite, openExistingSqlite } from './connect-sqlite.js'
import {
  isNotSqlite,
  removeSqliteFiles,
  sizeOf,
  syncFile,
  temporaryBeside,
} from './sqlite-files.js'

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
