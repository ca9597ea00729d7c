import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { openStore, parseDatabaseUrl, withDdlLock } from '@gatehouse/server'
import pg from 'pg'

/** A fresh SQLite file at `path` with Gatehouse's schema (any earlier file is removed). */
export async function prepareSqliteDatabase(path: string): Promise<string> {
  for (const suffix of ['', '-wal', '-shm']) {
    rmSync(`${path}${suffix}`, { force: true })
  }
  const url = `sqlite:${path}`
  const store = await openStore(url)
  try {
    await store.migrate()
  } finally {
    await store.close()
  }
  return url
}

/** Schemas made and not yet dropped: an interrupted run drops them on its way out. */
const liveSchemas = new Set<PostgresWorldSchema>()

export async function dropLiveSchemas(): Promise<void> {
  await Promise.all([...liveSchemas].map((schema) => schema.drop()))
}

export interface PostgresWorldSchema {
  /** The URL a Gatehouse node uses: the server's URL with `?schema=`. */
  readonly url: string
  readonly connectionString: string
  readonly schema: string
  drop(): Promise<void>
}

/** A new schema with Gatehouse's tables on the PostgreSQL server `url` names; `drop` removes it. */
export async function preparePostgresSchema(url: string): Promise<PostgresWorldSchema> {
  const target = parseDatabaseUrl(url)
  if (target.dialect !== 'postgres') {
    throw new Error('a postgres:// URL is needed')
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`
  const { connectionString } = target
  const separator = connectionString.includes('?') ? '&' : '?'
  const world: PostgresWorldSchema = {
    url: `${connectionString}${separator}schema=${schema}`,
    connectionString,
    schema,
    // Under Gatehouse's DDL lock, as its tests drop schemas: never during another's migration.
    drop: () =>
      withDdlLock(connectionString, async () => {
        const client = new pg.Client({ connectionString })
        await client.connect()
        try {
          await client.query(`drop schema if exists ${schema} cascade`)
        } finally {
          await client.end()
        }
        liveSchemas.delete(world)
      }),
  }
  liveSchemas.add(world)
  const store = await openStore(connectionString, { schema })
  try {
    await store.migrate()
  } catch (err) {
    await store.close()
    await world.drop()
    throw err
  }
  await store.close()
  return world
}
