import Database from 'better-sqlite3'
import { type Row, TABLE_COLUMNS, type TableName, type TimedSink } from './tables.js'

/**
 * Writes rows into a migrated SQLite file with prepared statements, one transaction per chunk.
 * Seeding only: no fsync per commit (a crash mid-seed means seeding again).
 */
export function createSqliteSink(path: string): TimedSink {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  // Random SHA-256 keys land all over the unique index: keep its pages in memory (1 GB).
  db.pragma('cache_size = -1048576')
  db.pragma('foreign_keys = ON')
  const statements = new Map<TableName, Database.Statement>()
  const statementFor = (table: TableName) => {
    let statement = statements.get(table)
    if (statement === undefined) {
      const columns = TABLE_COLUMNS[table].map(([name]) => name)
      statement = db.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      )
      statements.set(table, statement)
    }
    return statement
  }
  const insertAll = db.transaction((table: TableName, rows: readonly Row[]) => {
    const statement = statementFor(table)
    for (const row of rows) {
      statement.run(row)
    }
  })
  let rows = 0
  let ms = 0
  return {
    name: 'sqlite',
    async write(table, chunk) {
      const started = performance.now()
      insertAll(table, chunk)
      ms += performance.now() - started
      rows += chunk.length
    },
    async finish() {
      const started = performance.now()
      db.pragma('wal_checkpoint(TRUNCATE)')
      db.close()
      ms += performance.now() - started
    },
    stats: () => ({ rows, ms }),
  }
}
