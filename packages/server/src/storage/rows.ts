import { type Kysely, sql } from 'kysely'
import type { Database, Flag } from './schema.js'

/** The database as the repos see it: a transaction, or a connection inside one. */
export type Db = Kysely<Database>

export function flag(value: boolean): Flag {
  return value ? 1 : 0
}

export function flagOrNull(value: boolean | null): Flag | null {
  return value === null ? null : flag(value)
}

export function bool(value: Flag): boolean {
  return Number(value) !== 0
}

export function boolOrNull(value: Flag | null): boolean | null {
  return value === null ? null : bool(value)
}

/** JSON text of a value; `undefined` is stored as `null`, as a JSON round trip would have it. */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null) ?? 'null'
}

export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T
}

/** Values per `in (…)` list, well under SQLite's and PostgreSQL's bind-parameter limits. */
const CHUNK = 500

/** Splits a list for `in (…)` lists and multi-row inserts; an empty list gives no chunk. */
export function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) {
    out.push(items.slice(i, i + CHUNK))
  }
  return out
}

/** Runs a lookup per chunk of the distinct `ids` (`in ()` is not SQL, so none for none). */
export async function inChunks<T, R>(
  ids: readonly T[],
  run: (chunk: T[]) => Promise<R[]>,
): Promise<R[]> {
  const out: R[] = []
  for (const chunk of chunks(distinct(ids))) {
    out.push(...(await run(chunk)))
  }
  return out
}

/** Keeps the first occurrence of each value, in order (member lists are sets). */
export function distinct<T>(items: readonly T[]): T[] {
  return [...new Set(items)]
}

/** Whether `table` has a row with this id (to tell which unique key an insert ran into). */
export async function rowExists(db: Db, table: keyof Database, id: string): Promise<boolean> {
  const result = await sql<{
    one: number
  }>`select 1 as one from ${sql.table(table)} where id = ${id}`.execute(db)
  return result.rows.length > 0
}
