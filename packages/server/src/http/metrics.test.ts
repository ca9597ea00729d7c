import { register as globalRegistry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { type CacheStats, createMetrics, type ListenerState, type PoolState } from './metrics.js'

function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

const CACHE: CacheStats = {
  credentialHits: 10,
  credentialMisses: 2,
  orgHits: 7,
  orgMisses: 1,
  invalidations: 3,
  flushes: 1,
  credentialEntries: 2,
  orgEntries: 1,
}

describe('createMetrics', () => {
  it('reads its sources at each scrape, not before', async () => {
    let cache = CACHE
    let listener: ListenerState = { connected: true, received: 4 }
    let pool: PoolState = { total: 5, idle: 3, waiting: 0 }
    let reads = 0
    const metrics = createMetrics({
      cache: () => {
        reads++
        return cache
      },
      listener: () => listener,
      pool: () => pool,
    })
    expect(reads).toBe(0)

    const first = await metrics.render()
    expect(value(first, 'gatehouse_cache_hits_total{cache="credential"}')).toBe(10)
    expect(value(first, 'gatehouse_cache_misses_total{cache="org"}')).toBe(1)
    expect(value(first, 'gatehouse_cache_entries{cache="credential"}')).toBe(2)
    expect(value(first, 'gatehouse_cache_flushes_total')).toBe(1)
    expect(value(first, 'gatehouse_invalidation_listener_connected')).toBe(1)
    expect(value(first, 'gatehouse_invalidation_notifications_received_total')).toBe(4)
    expect(value(first, 'gatehouse_db_pool_connections{state="idle"}')).toBe(3)
    expect(value(first, 'gatehouse_db_pool_connections{state="active"}')).toBe(2)
    expect(value(first, 'gatehouse_db_pool_waiting_requests')).toBe(0)

    cache = { ...CACHE, credentialHits: 25, invalidations: 9, credentialEntries: 0 }
    listener = { connected: false, received: 6 }
    pool = { total: 10, idle: 0, waiting: 4 }
    const second = await metrics.render()
    expect(value(second, 'gatehouse_cache_hits_total{cache="credential"}')).toBe(25)
    expect(value(second, 'gatehouse_cache_invalidations_total')).toBe(9)
    expect(value(second, 'gatehouse_cache_entries{cache="credential"}')).toBe(0)
    expect(value(second, 'gatehouse_invalidation_listener_connected')).toBe(0)
    expect(value(second, 'gatehouse_invalidation_notifications_received_total')).toBe(6)
    expect(value(second, 'gatehouse_db_pool_connections{state="active"}')).toBe(10)
    expect(value(second, 'gatehouse_db_pool_waiting_requests')).toBe(4)
  })

  it('has no series for a source that is missing or gives nothing (SQLite: no pool, no listener)', async () => {
    const text = await createMetrics({ listener: () => undefined, pool: undefined }).render()
    expect(text).toContain('gatehouse_http_requests_total')
    expect(text).not.toContain('gatehouse_invalidation_listener_connected')
    expect(text).not.toContain('gatehouse_db_pool')
    expect(text).not.toContain('gatehouse_cache_hits_total')
  })

  it('keeps one registry per app, apart from the global one', async () => {
    const a = createMetrics()
    const b = createMetrics()
    a.observeRequest({ method: 'GET', route: '/healthz', status: 200, seconds: 0.001 })
    a.countDecisions([{ allowed: true }, { allowed: false }, { allowed: true }])
    const series = 'gatehouse_http_requests_total{method="GET",route="/healthz",status="200"}'
    expect(value(await a.render(), series)).toBe(1)
    expect(value(await b.render(), series)).toBe(undefined)
    expect(value(await a.render(), 'gatehouse_authorize_decisions_total{outcome="denied"}')).toBe(1)
    expect(await globalRegistry.metrics()).not.toContain('gatehouse_')
  })

  it('gives an unknown method one series of its own', async () => {
    const metrics = createMetrics()
    metrics.observeRequest({ method: 'BREW', route: 'unmatched', status: 404, seconds: 0.001 })
    const text = await metrics.render()
    expect(
      value(text, 'gatehouse_http_requests_total{method="other",route="unmatched",status="404"}'),
    ).toBe(1)
    expect(text).not.toContain('BREW')
  })
})
