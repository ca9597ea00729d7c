import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { connect, parseDatabaseUrl } from '../connect.js'
import { withDdlLock } from '../postgres/ddl-lock.js'
import type { Database } from '../schema.js'
import { createSqlStore, type SqlStore } from '../sql-store.js'

/*
 * Test support (not used by the server itself): fresh, migrated stores on SQLite and on
 * PostgreSQL, each PostgreSQL store in a schema of its own that `close` drops.
 */

export interface TestStore {
  readonly store: SqlStore
  /** The tables themselves, for suites that compare the whole stored state (the fuzz suite). */
  readonly db: Kysely<Database>
  close(): Promise<void>
}

/** A fresh in-memory SQLite store, migrated. */
export async function openSqliteTestStore(): Promise<TestStore> {
  const connection = await connect('sqlite::memory:')
  const store = createSqlStore(connection)
  await store.migrate()
  return { store, db: connection.db, close: () => store.close() }
}

export type PostgresTestTarget =
  | { readonly url: string; readonly skip?: undefined }
  | { readonly url?: undefined; readonly skip: string }

/**
 * The PostgreSQL server tests run against: GATEHOUSE_TEST_POSTGRES_URL. Unset, the tests are
 * skipped with a reason, unless GATEHOUSE_REQUIRE_POSTGRES=1 demands them (CI): then this throws.
 */
export function postgresTestTarget(
  env: Record<string, string | undefined> = process.env,
): PostgresTestTarget {
  const url = env.GATEHOUSE_TEST_POSTGRES_URL
  if (url !== undefined && url.trim() !== '') {
    return { url: url.trim() }
  }
  if (env.GATEHOUSE_REQUIRE_POSTGRES === '1') {
    throw new Error('GATEHOUSE_REQUIRE_POSTGRES=1 but GATEHOUSE_TEST_POSTGRES_URL is not set')
  }
  return {
    skip: 'PostgreSQL tests skipped: set GATEHOUSE_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/test)',
  }
}

/** A schema name no other test run uses. */
export function uniqueSchemaName(): string {
  return `gh_test_${randomBytes(6).toString('hex')}`
}

/** Drops a schema made for a test, with everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const target = parseDatabaseUrl(url)
  const connectionString = target.dialect === 'postgres' ? target.connectionString : url
  // Under the DDL lock: a drop must not overlap another store's migration (see withDdlLock).
  await withDdlLock(connectionString, async () => {
    const client = new pg.Client({ connectionString })
    await client.connect()
    try {
      await client.query(`drop schema if exists "${schema.replace(/"/g, '')}" cascade`)
    } finally {
      await client.end()
    }
  })
}

/** A fresh PostgreSQL store in its own new schema, migrated; `close` drops the schema. */
export async function openPostgresTestStore(url: string): Promise<TestStore> {
  const schema = uniqueSchemaName()
  const connection = await connect(url, { schema })
  const store = createSqlStore(connection)
  try {
    await store.migrate()
  } catch (err) {
    await store.close()
    await dropSchema(url, schema)
    throw err
  }
  return {
    store,
    db: connection.db,
    async close() {
      await store.close()
      await dropSchema(url, schema)
    },
  }
}

/**
 * The stores a suite runs on, named: SQLite always, PostgreSQL when postgresTestTarget gives one
 * (else `file` warns why its PostgreSQL half is skipped).
 */
export function testStoreDialects(file: string): [string, () => Promise<TestStore>][] {
  const target = postgresTestTarget()
  const dialects: [string, () => Promise<TestStore>][] = [['sqlite', openSqliteTestStore]]
  if (target.url !== undefined) {
    const url = target.url
    dialects.push(['postgres', () => openPostgresTestStore(url)])
  } else {
    console.warn(`${file}: ${target.skip}`)
  }
  return dialects
}
