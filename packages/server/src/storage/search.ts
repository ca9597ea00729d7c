import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely'

/**
 * SQL that is true when `haystack` matches the LIKE `pattern` (escaped by {@link likePattern},
 * escape character `\`) ignoring case. The one part of a search that differs by database
 * (PostgreSQL's ILIKE, SQLite's LIKE), so each connection supplies it.
 */
export type CaseInsensitiveLike = (
  haystack: Expression<string | null>,
  pattern: string,
) => RawBuilder<SqlBool>

/** `%needle%` with the needle's own `%`, `_` and `\` escaped, so they match themselves. */
export function likePattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * SearchQuery's filter: true when any of `fields` contains `search`; undefined (no filter) for
 * an absent or empty search, so that `''` lists everything on every store alike.
 */
export function searchFilter(
  like: CaseInsensitiveLike,
  search: string | undefined,
  fields: readonly Expression<string | null>[],
): RawBuilder<SqlBool> | undefined {
  if (search === undefined || search === '') {
    return undefined
  }
  const pattern = likePattern(search)
  return sql<SqlBool>`(${sql.join(
    fields.map((f) => like(f, pattern)),
    sql` or `,
  )})`
}

/** `users`' full name as the search sees it: given and family name, a space between. */
export const USER_FULL_NAME = sql<string>`(coalesce(users.given_name, '') || ' ' || coalesce(users.family_name, ''))`
