import type { PageQuery } from '@gatehouse/core'
import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely'

/** A row's place in newest-first order: larger `order` first, then larger id. */
export interface Cursor {
  readonly order: number
  readonly id: string
}

/** Qualified column names of the ordering key, e.g. `projects.created_at` and `projects.id`. */
export interface PageKeys {
  readonly order: string
  readonly id: string
}

/**
 * Runs `qb` (already filtered) as one page of a {@link PageQuery}, newest first. A cursor is
 * looked up by `cursorOf`; an unknown cursor yields an empty page. `endingBefore` without
 * `startingAfter` reads backwards from the cursor, so a limited page holds the rows nearest it,
 * and is then reversed to newest first.
 */
export async function page<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  query: PageQuery,
  keys: PageKeys,
  cursorOf: (id: string) => Promise<Cursor | undefined>,
): Promise<O[]> {
  const order = sql.ref(keys.order)
  const id = sql.ref(keys.id)
  let q = qb
  if (query.ids !== undefined) {
    if (query.ids.length === 0) {
      return []
    }
    q = q.where(sql<SqlBool>`${id} in (${sql.join([...new Set(query.ids)])})`)
  }
  if (query.startingAfter !== undefined) {
    const c = await cursorOf(query.startingAfter)
    if (c === undefined) {
      return []
    }
    q = q.where(
      sql<SqlBool>`(${order} < ${c.order} or (${order} = ${c.order} and ${id} < ${c.id}))`,
    )
  }
  if (query.endingBefore !== undefined) {
    const c = await cursorOf(query.endingBefore)
    if (c === undefined) {
      return []
    }
    q = q.where(
      sql<SqlBool>`(${order} > ${c.order} or (${order} = ${c.order} and ${id} > ${c.id}))`,
    )
  }
  const backwards =
    query.endingBefore !== undefined &&
    query.startingAfter === undefined &&
    query.limit !== undefined
  const direction = backwards ? 'asc' : 'desc'
  q = q.orderBy(order, direction).orderBy(id, direction)
  if (query.limit !== undefined) {
    q = q.limit(Math.max(0, Math.floor(query.limit)))
  }
  const rows = await q.execute()
  return backwards ? rows.reverse() : rows
}

/** A cursor lookup by id in a table with `id` and `created_at`. */
export function createdAtCursor<DB>(
  db: Kysely<DB>,
  table: string,
): (id: string) => Promise<Cursor | undefined> {
  return async (id) => {
    const result = await sql<{ created_at: number | string; id: string }>`
      select created_at, id from ${sql.table(table)} where id = ${id}`.execute(db)
    const row = result.rows[0]
    return row === undefined ? undefined : { order: Number(row.created_at), id: row.id }
  }
}
