import { AppError } from '@gatehouse/core'
import { sql } from 'kysely'
import { databaseFile } from './connect.js'
import type { BackupReport, Connection } from './connection.js'
import { MIGRATIONS } from './migrations/index.js'
import { openExistingSqlite } from './sqlite/connect-sqlite.js'
import { restoreSqlite } from './sqlite/restore-sqlite.js'

/*
 * `gatehouse backup` and `gatehouse restore`: file copies of a SQLite database, checked before
 * they replace anything. PostgreSQL is backed up with pg_dump; these say so and stop.
 */

export interface BackupResult extends BackupReport {
  /** The migrations the copy carries, oldest first. */
  readonly migrations: readonly string[]
}

/**
 * Copies the database `url` names to the new file `toPath`, while servers may be writing. Does
 * not migrate: a backup taken before an upgrade is of the old schema.
 * @throws BACKUP_USE_PG_DUMP, FILE_NOT_FOUND, BACKUP_NOT_GATEHOUSE, BACKUP_FILE_EXISTS
 */
export async function backupDatabase(url: string, toPath: string): Promise<BackupResult> {
  const source = await openExistingSqlite(databaseFile(url, 'BACKUP_USE_PG_DUMP'))
  try {
    const migrations = await appliedMigrations(source)
    if (source.backup === undefined) {
      throw new AppError('BACKUP_USE_PG_DUMP')
    }
    return { ...(await source.backup(toPath)), migrations }
  } finally {
    await source.close()
  }
}

/**
 * Replaces the database `url` names with the backup `fromPath`, once the copy is a sound
 * Gatehouse database at exactly this version's migrations. Refuses a database that a process has
 * open, and an existing one unless `force`.
 * @throws BACKUP_USE_PG_DUMP, FILE_NOT_FOUND, BACKUP_NOT_GATEHOUSE, BACKUP_DAMAGED,
 *   BACKUP_MIGRATION_MISMATCH, DATABASE_IN_USE, RESTORE_TARGET_EXISTS
 */
export async function restoreDatabase(
  url: string,
  fromPath: string,
  options: { readonly force: boolean },
): Promise<BackupResult> {
  const target = databaseFile(url, 'BACKUP_USE_PG_DUMP')
  let migrations: readonly string[] = []
  const report = await restoreSqlite(fromPath, target, {
    force: options.force,
    async verify(copy) {
      migrations = await appliedMigrations(copy)
      const expected = Object.keys(MIGRATIONS)
      if (migrations.join('\n') !== expected.join('\n')) {
        throw new AppError('BACKUP_MIGRATION_MISMATCH', { migrations, expected })
      }
    },
  })
  return { ...report, migrations }
}

/**
 * The migrations recorded in a Gatehouse database, in order.
 * @throws BACKUP_NOT_GATEHOUSE when it has no migration table or no Gatehouse migration
 */
async function appliedMigrations(connection: Connection): Promise<string[]> {
  let names: string[]
  try {
    const rows = await sql<{
      name: string
    }>`select name from kysely_migration order by name`.execute(connection.db)
    names = rows.rows.map((r) => r.name)
  } catch (err) {
    throw new AppError('BACKUP_NOT_GATEHOUSE', undefined, { cause: err })
  }
  const first = Object.keys(MIGRATIONS)[0]
  if (first === undefined || !names.includes(first)) {
    throw new AppError('BACKUP_NOT_GATEHOUSE')
  }
  return names
}
