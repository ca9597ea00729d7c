import { LruDecisionCache } from '@gatehouse/core'
import { createFixedClock, seedOrg } from '@gatehouse/core/testing'
import pg from 'pg'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { parseDatabaseUrl } from '../storage/connect.js'
import { openStore } from '../storage/open-store.js'
import type { SqlStore } from '../storage/sql-store.js'
import {
  dropSchema,
  openPostgresTestStore,
  postgresTestTarget,
  testStoreDialects,
  uniqueSchemaName,
} from '../storage/testing/test-stores.js'
import { type Invalidation, startInvalidation } from './invalidation.js'
import { createNodeDeps } from './node-deps.js'

const silent = pino({ level: 'silent' })
const target = postgresTestTarget()
const dialects = testStoreDialects('invalidation.test.ts')

/** Polls until `check` holds; fails after `ms` (a bound on a correctness wait, not a speed test). */
async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('condition not reached in time')
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup()
  }
})

describe.each(dialects)('commits and the decision cache (%s)', (_name, open) => {
  it('invalidates an org after a commit that changed it, never after a rollback', async () => {
    const opened = await open()
    cleanups.push(() => opened.close())
    const cache = new LruDecisionCache({ clock: createFixedClock() })
    const deps = createNodeDeps(opened.store, { cache })
    const { org } = await seedOrg(deps)
    const seen: string[][] = []
    opened.store.onAuthzCommit((ids) => seen.push([...ids]))
    const before = cache.stats().invalidations

    await opened.store
      .transaction(async (tx) => {
        await tx.orgs.bumpAuthzVersion(org.id)
        throw new Error('rolled back')
      })
      .catch(() => undefined)
    expect(seen).toEqual([])
    expect(cache.stats().invalidations).toBe(before)

    await opened.store.transaction(async (tx) => {
      await tx.orgs.bumpAuthzVersion(org.id)
      await tx.orgs.bumpAuthzVersion(org.id)
    })
    expect(seen).toEqual([[org.id]])
    expect(cache.stats().invalidations).toBe(before + 1)
  })
})

describe.runIf(target.url !== undefined)('invalidation across nodes (postgres)', () => {
  async function twoNodes() {
    const url = target.url as string
    const schema = uniqueSchemaName()
    const writer = await openStore(url, { schema })
    await writer.migrate()
    const reader = await openStore(url, { schema })
    const cache = new LruDecisionCache({ clock: createFixedClock() })
    const invalidation = (await startInvalidation(reader, cache, silent)) as Invalidation
    cleanups.push(async () => {
      await invalidation.close()
      await reader.close()
      await writer.close()
      await dropSchema(url, schema)
    })
    return { url, schema, writer, reader, cache, invalidation }
  }

  async function bump(store: SqlStore, orgId: string, commit = true): Promise<void> {
    await store
      .transaction(async (tx) => {
        await tx.orgs.bumpAuthzVersion(orgId)
        if (!commit) {
          throw new Error('rolled back')
        }
      })
      .catch(() => undefined)
  }

  it("applies another node's committed changes and nothing of a rolled-back one", async () => {
    const { writer, cache, invalidation } = await twoNodes()
    expect(invalidation.connected).toBe(true)
    expect(cache.suspended).toBe(false)
    const { org } = await seedOrg(createNodeDeps(writer))
    const afterSeed = invalidation.received

    await bump(writer, org.id, false)
    await bump(writer, org.id)
    await eventually(() => invalidation.received > afterSeed)
    // The committed bump arrived; had the rolled-back one been sent, it would have come first.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(invalidation.received).toBe(afterSeed + 1)
  })

  it("ignores another schema's announcements", async () => {
    const { invalidation } = await twoNodes()
    const other = await openPostgresTestStore(target.url as string)
    cleanups.push(() => other.close())
    const { org } = await seedOrg(createNodeDeps(other.store))
    const start = invalidation.received
    await bump(other.store, org.id)
    // Its own node heard it (same channel, same database): ours, on another schema, did not.
    const own = await startInvalidation(
      other.store,
      new LruDecisionCache({ clock: createFixedClock() }),
      silent,
    )
    cleanups.push(async () => own?.close())
    await bump(other.store, org.id)
    await eventually(() => (own?.received ?? 0) >= 1)
    expect(invalidation.received).toBe(start)
  })

  it('stops answering from memory while its listener is cut, and starts empty when back', async () => {
    const { url, writer, cache, invalidation } = await twoNodes()
    const { org } = await seedOrg(createNodeDeps(writer))
    cache.storeOrg(
      { org, evaluator: undefined as never, projects: new Set(), roles: new Set() },
      cache.ticket(),
    )
    expect(cache.org(org.id)).toBeDefined()
    const flushes = cache.stats().flushes

    const target = parseDatabaseUrl(url)
    const admin = new pg.Client({
      connectionString: target.dialect === 'postgres' ? target.connectionString : url,
    })
    await admin.connect()
    try {
      const cut = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
        [`gatehouse-listener-${process.pid}`],
      )
      expect(cut.rowCount).toBeGreaterThanOrEqual(1)
    } finally {
      await admin.end()
    }
    await eventually(() => cache.suspended || cache.stats().flushes > flushes)
    expect(cache.org(org.id)).toBeUndefined()
    await eventually(() => invalidation.connected && !cache.suspended)
    expect(cache.stats().flushes).toBeGreaterThanOrEqual(flushes + 2)
    expect(cache.org(org.id)).toBeUndefined()

    // And it hears changes again.
    const heard = invalidation.received
    await bump(writer, org.id)
    await eventually(() => invalidation.received > heard)
  })
})
