import { AppError } from '@gatehouse/core'
import { type InsertResult, type Kysely, sql } from 'kysely'

/** Which unique constraint a write broke: the table's primary key, or its other unique key. */
export type UniqueTarget = 'primary_key' | 'unique'

const SQLITE_UNIQUE = 'SQLITE_CONSTRAINT_UNIQUE'
const SQLITE_PRIMARY_KEY = 'SQLITE_CONSTRAINT_PRIMARYKEY'
const PG_UNIQUE_VIOLATION = '23505'

function field(err: unknown, name: string): unknown {
  return typeof err === 'object' && err !== null
    ? (err as Record<string, unknown>)[name]
    : undefined
}

/**
 * The unique constraint `err` reports, if it is a unique violation from better-sqlite3 or pg.
 * Every table has one primary key and at most one other unique key, so this is enough to map.
 */
export function uniqueViolation(err: unknown): UniqueTarget | undefined {
  const code = field(err, 'code')
  if (code === SQLITE_PRIMARY_KEY) {
    return 'primary_key'
  }
  if (code === SQLITE_UNIQUE) {
    return 'unique'
  }
  if (code === PG_UNIQUE_VIOLATION) {
    const constraint = field(err, 'constraint')
    return typeof constraint === 'string' && constraint.endsWith('_pkey') ? 'primary_key' : 'unique'
  }
  return undefined
}

/**
 * The conflict of an org-owned named row (project, group, role): its id, or a live name its org
 * already has (the partial unique index on live names).
 */
export function nameConflict(what: string): (target: UniqueTarget) => AppError {
  return (target) =>
    target === 'primary_key'
      ? new AppError('NAME_TAKEN', { reason: `duplicate ${what} id` })
      : new AppError('NAME_TAKEN')
}

/**
 * Runs an `INSERT … ON CONFLICT DO NOTHING` and, when it inserted nothing, throws the AppError
 * `map` names for the constraint that stopped it (`idTaken` tells the primary key apart). A
 * skipped insert is not an error to the database, so the transaction stays usable on
 * PostgreSQL and a use case may catch the conflict and go on.
 */
export async function insertOrConflict(
  insert: () => Promise<InsertResult>,
  idTaken: () => Promise<boolean>,
  map: (target: UniqueTarget) => AppError,
): Promise<void> {
  const result = await insert()
  if (result.numInsertedOrUpdatedRows === 0n) {
    throw map((await idTaken()) ? 'primary_key' : 'unique')
  }
}

/**
 * Runs a write (an UPDATE that may break a unique key) inside a savepoint and turns a unique
 * violation into the AppError `map` names. The savepoint matters on PostgreSQL, which aborts
 * the whole transaction on a failed statement: a use case may catch the conflict
 * (EMAIL_TAKEN, ORG_NAME_TAKEN) and go on. The driver's error is dropped, not chained: its text
 * quotes the conflicting values.
 */
export async function mapUniqueInSavepoint<DB, T>(
  db: Kysely<DB>,
  run: () => Promise<T>,
  map: (target: UniqueTarget) => AppError,
): Promise<T> {
  await sql`savepoint gh_unique`.execute(db)
  try {
    const result = await run()
    await sql`release savepoint gh_unique`.execute(db)
    return result
  } catch (err) {
    try {
      await sql`rollback to savepoint gh_unique`.execute(db)
      await sql`release savepoint gh_unique`.execute(db)
    } catch {
      // The connection itself failed: the original error says more.
      throw err
    }
    const target = uniqueViolation(err)
    if (target === undefined) {
      throw err
    }
    throw map(target)
  }
}
