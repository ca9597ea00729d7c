import { type Row, TABLE_ORDER, type TableName } from './tables.js'

export interface RowChunk {
  readonly table: TableName
  readonly rows: readonly Row[]
}

/** Rows waiting to be written, drained parents-first so foreign keys hold after every chunk. */
export class RowBuffer {
  readonly #rows = new Map<TableName, Row[]>()
  readonly counts = Object.fromEntries(TABLE_ORDER.map((t) => [t, 0])) as Record<TableName, number>
  #pending = 0

  get pending(): number {
    return this.#pending
  }

  push(table: TableName, row: Row): void {
    let rows = this.#rows.get(table)
    if (rows === undefined) {
      rows = []
      this.#rows.set(table, rows)
    }
    rows.push(row)
    this.counts[table]++
    this.#pending++
  }

  *drain(): Generator<RowChunk> {
    for (const table of TABLE_ORDER) {
      const rows = this.#rows.get(table)
      if (rows !== undefined && rows.length > 0) {
        this.#rows.set(table, [])
        yield { table, rows }
      }
    }
    this.#pending = 0
  }
}
