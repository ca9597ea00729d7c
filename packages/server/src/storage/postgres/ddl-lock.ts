import pg from 'pg'

// pg_advisory_lock key: "gatehouse ddl" as a fixed 32-bit number. Any value works; all that
// matters is that every Gatehouse process on the database uses the same one.
const DDL_LOCK_KEY = 0x67_64_64_6c

/**
 * PostgreSQL: runs `fn` while holding a database-wide advisory lock, on a connection of its own.
 * Kysely's migrator lists the tables of every schema, which fails with "schema … does not exist"
 * when another process drops a schema at that moment; migrations and schema drops (tests, the
 * operator) take this lock so they never overlap. Also keeps two nodes from migrating at once.
 */
export async function withDdlLock<T>(connectionString: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [DDL_LOCK_KEY])
    try {
      return await fn()
    } finally {
      await client.query('select pg_advisory_unlock($1)', [DDL_LOCK_KEY])
    }
  } finally {
    await client.end()
  }
}
