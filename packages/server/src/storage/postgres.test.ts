import { runStoreContract } from '@gatehouse/core/testing'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS } from './migrations/index.js'
import { openStore } from './open-store.js'
import {
  dropSchema,
  openPostgresTestStore,
  postgresTestTarget,
  uniqueSchemaName,
} from './testing/test-stores.js'

/** Every migration, in the order a fresh database applies them. */
const ALL_MIGRATIONS = Object.keys(MIGRATIONS)

// Unset GATEHOUSE_TEST_POSTGRES_URL skips these tests, unless GATEHOUSE_REQUIRE_POSTGRES=1:
// then postgresTestTarget throws and this file fails.
const target = postgresTestTarget()

if (target.url === undefined) {
  console.warn(`postgres.test.ts: ${target.skip}`)
  describe.skip('postgres store', () => {
    it('needs GATEHOUSE_TEST_POSTGRES_URL', () => undefined)
  })
} else {
  const url = target.url
  runStoreContract('postgres', () => openPostgresTestStore(url))

  describe('postgres store', () => {
    const schemas: string[] = []
    afterAll(async () => {
      for (const schema of schemas) {
        await dropSchema(url, schema)
      }
    })

    async function schemaExists(schema: string): Promise<boolean> {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        const result = await client.query(
          'select 1 from information_schema.schemata where schema_name = $1',
          [schema],
        )
        return result.rowCount === 1
      } finally {
        await client.end()
      }
    }

    it('applies the migrations once per schema: a second run applies nothing', async () => {
      const schema = uniqueSchemaName()
      schemas.push(schema)
      const store = await openStore(url, { schema })
      expect(store.dialect).toBe('postgres')
      expect(await store.migrate()).toEqual(ALL_MIGRATIONS)
      expect(await store.migrate()).toEqual([])
      await store.close()
      const again = await openStore(url, { schema })
      expect(await again.migrate()).toEqual([])
      await again.close()
    })

    it('creates and uses the schema named by ?schema= in the URL, isolated from others', async () => {
      const a = uniqueSchemaName()
      const b = uniqueSchemaName()
      schemas.push(a, b)
      expect(await schemaExists(a)).toBe(false)
      const separator = url.includes('?') ? '&' : '?'
      const storeA = await openStore(`${url}${separator}schema=${a}`)
      const storeB = await openStore(`${url}${separator}schema=${b}`)
      try {
        expect(await schemaExists(a)).toBe(true)
        // Both start empty: B's migrations are its own, not taken from A's bookkeeping.
        expect(await storeA.migrate()).toEqual(ALL_MIGRATIONS)
        expect(await storeB.migrate()).toEqual(ALL_MIGRATIONS)
        const org = {
          id: '00000000-0000-4000-8000-00000000a001',
          name: 'only-in-a',
          plan: 'pro' as const,
          settings: { directOwnershipGrants: true, serviceTokensCanMint: true },
          apiUrl: null,
          proxyUrl: null,
          realtimeUrl: null,
          isUniversalApi: null,
          isDataplanePrivate: null,
          imageRenderingMode: null,
          authzVersion: 2 ** 40,
          createdAt: 1_767_225_600_000,
        }
        await storeA.transaction((tx) => tx.orgs.insert(org))
        // bigint columns come back as numbers, on every pooled connection.
        const reads = await Promise.all(
          Array.from({ length: 12 }, () => storeA.transaction((tx) => tx.orgs.find(org.id))),
        )
        for (const read of reads) {
          expect(read).toEqual(org)
        }
        expect(await storeB.transaction((tx) => tx.orgs.listAll())).toEqual([])
      } finally {
        await storeA.close()
        await storeB.close()
      }
    })

    it('opens without a schema option on the default search path', async () => {
      const store = await openStore(url)
      try {
        expect(await store.transaction(async () => 'ok')).toBe('ok')
      } finally {
        await store.close()
      }
    })
  })
}
