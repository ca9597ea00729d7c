import { randomBytes } from 'node:crypto'
import { closeSync, fstatSync, fsyncSync, openSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/* The file work a SQLite backup and restore share: temporary names, fsync, sizes. */

/** The error of opening or reading a file that is no (sound) SQLite database. */
export function isNotSqlite(err: unknown): boolean {
  const code = (err as { code?: unknown }).code
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
}

/** A fresh name in `path`'s directory, for a copy renamed into place once complete. */
export function temporaryBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`)
}

export function removeSqliteFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    rmSync(file, { force: true })
  }
}

/** fsync a file or a directory (after a rename, so the new name survives a power loss). */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

export function sizeOf(path: string): number {
  const fd = openSync(path, 'r')
  try {
    return fstatSync(fd).size
  } finally {
    closeSync(fd)
  }
}
