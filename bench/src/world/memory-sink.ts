import type { Row, TableName, TimedSink } from './tables.js'

export interface MemorySink extends TimedSink {
  rowsOf(table: TableName): readonly Row[]
}

/** Keeps every row (small worlds only): the peers' policy files are translated from them. */
export function createMemorySink(): MemorySink {
  const tables = new Map<TableName, Row[]>()
  let rows = 0
  return {
    name: 'memory',
    async write(table, chunk) {
      const list = tables.get(table) ?? []
      list.push(...chunk)
      tables.set(table, list)
      rows += chunk.length
    },
    async finish() {},
    stats: () => ({ rows, ms: 0 }),
    rowsOf: (table) => tables.get(table) ?? [],
  }
}
