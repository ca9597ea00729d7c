import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { AppError } from '@gatehouse/core'
import SqliteDatabase from 'better-sqlite3'
import type { BackupReport } from '../connection.js'
import { removeSqliteFiles, sizeOf, syncFile, temporaryBeside } from './sqlite-files.js'

/** All remaining pages in one step: a backup that restarts on every concurrent write never ends. */
const ALL_PAGES = 0x7fffffff

/**
 * SQLite's online backup API, from the one connection this process has. The copy is read in one
 * step, so it is one snapshot (a WAL reader does not block writers, nor they it); it goes to a
 * temporary name beside `toPath` and is renamed into place once complete and synced, so a
 * half-written backup never sits under the final name. The copy is switched to a rollback
 * journal: a backup is one self-contained file, with no -wal to forget.
 */
export async function backupSqlite(
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
