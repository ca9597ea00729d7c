import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { authenticateSecret, authorize, type Deps } from '@gatehouse/core'
import { createNodeDeps, openStore, type SqlStore } from '@gatehouse/server'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createPostgresSink } from './postgres-sink.js'
import { preparePostgresSchema, prepareSqliteDatabase } from './prepare-database.js'
import { seedWorld } from './seed-world.js'
import { createSqliteSink } from './sqlite-sink.js'
import type { SampledKey, WorldSample } from './world-sample.js'
import { TINY_WORLD } from './world-spec.js'

const postgresUrl = process.env.GATEHOUSE_TEST_POSTGRES_URL?.trim() || undefined
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function decide(deps: Deps, key: SampledKey) {
  const actor = await authenticateSecret(deps, key.secret)
  if (actor === undefined) {
    return undefined
  }
  const { results } = await authorize(deps, actor, { checks: [key.check] })
  return { actor, allowed: results[0]?.allowed }
}

/** What every store must show after seeding the tiny world, through core's real use cases. */
async function expectSoundWorld(
  store: SqlStore,
  sample: WorldSample,
  countRows: () => Promise<number>,
) {
  const deps = createNodeDeps(store)
  expect(await countRows()).toBe(TINY_WORLD.keys)

  const direct = sample.expectations.filter((e) => e.why === 'a direct ACL grants it')
  const denied = sample.expectations.filter((e) => !e.allowed)
  expect(direct.length).toBeGreaterThan(0)
  expect(denied.length).toBeGreaterThan(0)
  for (const { key, allowed, why } of sample.expectations) {
    const decision = await decide(deps, key)
    expect(decision?.actor, why).toMatchObject({
      userId: key.userId,
      credential: { kind: 'api_key', id: key.keyId, orgId: key.orgId },
    })
    expect(decision?.allowed, why).toBe(allowed)
  }

  const sampled = [...sample.warmLargest, ...sample.warmAcross, ...sample.coldAcross]
  expect(sampled.length).toBeGreaterThan(0)
  for (const key of sampled) {
    expect((await decide(deps, key))?.actor.userId).toBe(key.userId)
  }
  expect(sample.revoked.length).toBeGreaterThan(0)
  for (const secret of sample.revoked) {
    expect(await authenticateSecret(deps, secret)).toBeUndefined()
  }
}

describe('seedWorld', () => {
  it('seeds SQLite with a world whose keys authenticate and whose ACLs grant what they say', async () => {
    const path = join(dir, 'tiny.db')
    const url = await prepareSqliteDatabase(path)
    const { sample, report } = await seedWorld(TINY_WORLD, [createSqliteSink(path)])
    expect(report.sinks[0]?.rows).toBe(report.rows)
    const store = await openStore(url)
    try {
      await expectSoundWorld(store, sample, async () => {
        const db = new Database(path, { readonly: true })
        try {
          return (db.prepare('select count(*) as n from api_keys').get() as { n: number }).n
        } finally {
          db.close()
        }
      })
    } finally {
      await store.close()
    }
  })

  it.skipIf(postgresUrl === undefined)(
    'seeds PostgreSQL with the same world (skipped unless GATEHOUSE_TEST_POSTGRES_URL is set)',
    async () => {
      const schema = await preparePostgresSchema(postgresUrl as string)
      try {
        const sink = await createPostgresSink(schema.connectionString, schema.schema)
        const { sample } = await seedWorld(TINY_WORLD, [sink])
        const store = await openStore(schema.url)
        try {
          await expectSoundWorld(store, sample, async () => {
            const client = new pg.Client({ connectionString: schema.connectionString })
            await client.connect()
            try {
              const result = await client.query(
                `select count(*)::int as n from ${schema.schema}.api_keys`,
              )
              return (result.rows[0] as { n: number }).n
            } finally {
              await client.end()
            }
          })
        } finally {
          await store.close()
        }
      } finally {
        await schema.drop()
      }
    },
  )
})
