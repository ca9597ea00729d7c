import { createFixedClock, runLoginThrottleContract } from '@gatehouse/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from './open-store.js'
import type { SqlStore } from './sql-store.js'
import { dropSchema, postgresTestTarget, uniqueSchemaName } from './testing/test-stores.js'

/*
 * The database-backed login throttle: core's throttle contract on SQLite and PostgreSQL, its
 * bounds, and on PostgreSQL two nodes (two pools on one schema) counting as one.
 */

const VICTIM = 'victim@example.com'
const ATTACKER_IP = '203.0.113.66'
const MINUTE = 60_000

interface Target {
  readonly name: 'sqlite' | 'postgres'
  /** A fresh migrated store (PostgreSQL: in a schema of its own). */
  open(): Promise<SqlStore>
  /** PostgreSQL: another node on the database of `store` (its own pool). */
  join(store: SqlStore): Promise<SqlStore>
  close(): Promise<void>
  skip?: string | undefined
}

function sqliteTarget(): Target {
  const open: SqlStore[] = []
  return {
    name: 'sqlite',
    async open() {
      const store = await openStore('sqlite::memory:')
      await store.migrate()
      open.push(store)
      return store
    },
    join: () => Promise.reject(new Error('SQLite is one process')),
    async close() {
      await Promise.all(open.splice(0).map((s) => s.close()))
    },
  }
}

function postgresTarget(): Target {
  const pgTarget = postgresTestTarget()
  const url = pgTarget.url
  const schemas: string[] = []
  const open: SqlStore[] = []
  const schemaOf = new Map<SqlStore, string>()
  return {
    name: 'postgres',
    skip: pgTarget.skip,
    async open() {
      if (url === undefined) {
        throw new Error('no PostgreSQL')
      }
      const schema = uniqueSchemaName()
      schemas.push(schema)
      const store = await openStore(url, { schema })
      open.push(store)
      schemaOf.set(store, schema)
      await store.migrate()
      return store
    },
    async join(store) {
      const joined = await openStore(url ?? '', { schema: schemaOf.get(store) })
      open.push(joined)
      return joined
    },
    async close() {
      await Promise.all(open.splice(0).map((s) => s.close()))
      for (const schema of schemas.splice(0)) {
        await dropSchema(url ?? '', schema)
      }
    },
  }
}

for (const target of [sqliteTarget(), postgresTarget()]) {
  if (target.skip !== undefined) {
    console.warn(`login-throttle-store.test.ts (postgres): ${target.skip}`)
  }
  describe.skipIf(target.skip !== undefined)(`database login throttle (${target.name})`, () => {
    afterAll(() => target.close())

    // A store per test: the contract expects an empty throttle each time.
    runLoginThrottleContract(target.name, async (clock, options) => {
      const store = await target.open()
      return { throttle: store.loginThrottle(clock, options), close: () => store.close() }
    })

    describe('bounds', () => {
      let store: SqlStore
      beforeAll(async () => {
        store = await target.open()
      })

      it('deletes the rows that left the window, and keeps the rest', async () => {
        const clock = createFixedClock()
        const throttle = store.loginThrottle(clock, { accountLimit: 5, windowMs: 10 * MINUTE })
        for (let i = 0; i < 20; i++) {
          await throttle.recordFailure(`old-${i}@example.com`, `192.0.2.${i}`)
        }
        clock.advance(10 * MINUTE)
        await throttle.recordFailure(VICTIM, ATTACKER_IP)
        const before = await throttle.size()
        const pruned = await throttle.prune()
        expect(pruned).toEqual({ expired: 20, overCap: 0 })
        expect(await throttle.size()).toBe(before - 20)
        expect(await throttle.prune()).toEqual({ expired: 0, overCap: 0 })
      })

      it('stays near its cap under a flood from distinct addresses, forgetting the oldest', async () => {
        const clock = createFixedClock()
        const throttle = store.loginThrottle(clock, { maxFailures: 100 })
        await throttle.prune({ cap: true })
        let peak = 0
        for (let i = 0; i < 1500; i++) {
          await throttle.attempt(`user-${i}@example.com`, `10.0.${i >> 8}.${i & 255}`)
          clock.advance(1)
          if (i % 100 === 0) {
            peak = Math.max(peak, await throttle.size())
          }
        }
        // The cap is checked every 16 prunes of 64 attempts: between two checks it can be
        // exceeded by at most that many rows.
        expect(peak).toBeLessThanOrEqual(100 + 16 * 64)
        await throttle.prune({ cap: true })
        expect(await throttle.size()).toBeLessThanOrEqual(100)
        // The newest survive: an account attacked just now is still counted.
        for (let i = 0; i < 100; i++) {
          await throttle.recordFailure(VICTIM, ATTACKER_IP)
        }
        await throttle.prune({ cap: true })
        expect((await throttle.check(VICTIM, ATTACKER_IP)).allowed).toBe(false)
        expect(await throttle.check('user-0@example.com', '10.0.0.0')).toEqual({ allowed: true })
      })

      it('writes nothing for a refused attempt', async () => {
        const clock = createFixedClock()
        const throttle = store.loginThrottle(clock, { ipLimit: 3 })
        await throttle.prune({ cap: true })
        const ip = '198.51.100.250'
        for (let i = 0; i < 3; i++) {
          expect(await throttle.attempt(`x-${i}@example.com`, ip)).toEqual({ allowed: true })
        }
        const rows = await throttle.size()
        for (let i = 0; i < 50; i++) {
          expect((await throttle.attempt(`y-${i}@example.com`, ip)).allowed).toBe(false)
        }
        expect(await throttle.size()).toBe(rows)
      })
    })

    if (target.name === 'postgres') {
      it('counts attempts on two nodes as one: no more than the limit gets through', async () => {
        const first = await target.open()
        const second = await target.join(first)
        const clock = createFixedClock()
        const nodes = [first, second].map((s) => s.loginThrottle(clock, { accountLimit: 10 }))
        const verdicts = await Promise.all(
          Array.from({ length: 40 }, (_, i) => nodes[i % 2]?.attempt(VICTIM, ATTACKER_IP)),
        )
        expect(verdicts.filter((v) => v?.allowed)).toHaveLength(10)
        for (const node of nodes) {
          expect(await node.check(VICTIM, ATTACKER_IP)).toEqual({
            allowed: false,
            retryAfterSeconds: 3600,
          })
          // The victim, from an address that never failed, still gets in on either node.
          expect(await node.check(VICTIM, '198.51.100.7')).toEqual({ allowed: true })
        }
        // A success on one node clears the pair for both.
        await nodes[0]?.recordSuccess(VICTIM, ATTACKER_IP)
        expect(await nodes[1]?.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
      })
    }
  })
}
