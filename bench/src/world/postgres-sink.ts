import pg from 'pg'
import { TABLE_COLUMNS, type TimedSink } from './tables.js'

/**
 * Writes rows into a migrated PostgreSQL schema: one `insert … select from unnest(…)` per chunk
 * (one round trip for thousands of rows), all in one transaction, then ANALYZE as autovacuum
 * would soon do on a live database.
 */
export async function createPostgresSink(
  connectionString: string,
  schema: string,
): Promise<TimedSink> {
  const client = new pg.Client({ connectionString, options: `-c search_path=${schema}` })
  await client.connect()
  await client.query('begin')
  let rows = 0
  let ms = 0
  return {
    name: 'postgres',
    async write(table, chunk) {
      const started = performance.now()
      const columns = TABLE_COLUMNS[table]
      const arrays = columns.map((_, c) => chunk.map((row) => row[c] ?? null))
      const casts = columns.map(([, type], c) => `$${c + 1}::${type}[]`).join(', ')
      const names = columns.map(([name]) => name).join(', ')
      await client.query(`insert into ${table} (${names}) select * from unnest(${casts})`, arrays)
      ms += performance.now() - started
      rows += chunk.length
    },
    async finish() {
      const started = performance.now()
      try {
        await client.query('commit')
        await client.query('analyze')
      } finally {
        await client.end()
      }
      ms += performance.now() - started
    },
    stats: () => ({ rows, ms }),
  }
}
