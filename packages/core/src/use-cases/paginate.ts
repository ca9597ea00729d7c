import type { PageQuery } from '../ports.js'

interface Row {
  readonly id: string
  readonly createdAt: number
}

/** Newest first: larger creation time first, then larger id, so equal times page stably. */
export function compareNewestFirst(a: Row, b: Row): number {
  if (a.createdAt !== b.createdAt) {
    return b.createdAt - a.createdAt
  }
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/**
 * Applies a {@link PageQuery} in memory, for lists that must be filtered (by what the caller may
 * read) before they are paged; paging in storage first would return short or empty pages. Same
 * semantics as the stores: cursors are positions, looked up in `cursorRows` (by default the
 * rows themselves); an unknown cursor yields an empty page.
 */
export function paginate<T extends Row>(
  rows: readonly T[],
  page: PageQuery = {},
  cursorRows: readonly Row[] = rows,
): T[] {
  let list = [...rows].sort(compareNewestFirst)
  if (page.ids !== undefined) {
    const wanted = new Set(page.ids)
    list = list.filter((row) => wanted.has(row.id))
  }
  const cursorOf = (id: string): Row | undefined => cursorRows.find((row) => row.id === id)
  if (page.startingAfter !== undefined) {
    const cursor = cursorOf(page.startingAfter)
    if (cursor === undefined) {
      return []
    }
    list = list.filter((row) => compareNewestFirst(row, cursor) > 0)
  }
  if (page.endingBefore !== undefined) {
    const cursor = cursorOf(page.endingBefore)
    if (cursor === undefined) {
      return []
    }
    list = list.filter((row) => compareNewestFirst(row, cursor) < 0)
  }
  if (page.limit !== undefined && list.length > page.limit) {
    // Going backwards, the page is the rows nearest the cursor, still newest first.
    const backwards = page.endingBefore !== undefined && page.startingAfter === undefined
    list = backwards ? list.slice(list.length - page.limit) : list.slice(0, page.limit)
  }
  return list
}

/** The paging fields of `input` alone, for repository queries. */
export function pageOf(input: PageQuery): PageQuery {
  return {
    limit: input.limit,
    startingAfter: input.startingAfter,
    endingBefore: input.endingBefore,
    ids: input.ids,
  }
}
