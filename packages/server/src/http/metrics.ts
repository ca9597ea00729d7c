import type { DecisionCacheStats } from '@gatehouse/core'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { Services } from './services.js'

/** The decision cache's counters (monotonic) and sizes, as the cache reports them. */
export type CacheStats = DecisionCacheStats

/** The cross-node invalidation feed (PostgreSQL LISTEN). */
export interface ListenerState {
  readonly connected: boolean
  readonly received: number
}

export interface PoolState {
  readonly total: number
  readonly idle: number
  readonly waiting: number
}

/**
 * Where the gauges and counters that live elsewhere are read at each scrape. A source that is
 * missing, or gives nothing at the first scrape, has no series at all: on SQLite there is no
 * pool and no listener, and a `connected 0` there would read as a broken listener. A source that
 * gives nothing later keeps its last values.
 */
export interface MetricsSources {
  readonly cache?: (() => CacheStats | undefined) | undefined
  readonly listener?: (() => ListenerState | undefined) | undefined
  readonly pool?: (() => PoolState | undefined) | undefined
}

/** A node's sources: its decision cache, its invalidation listener and its database pool. */
export function metricsSources(services: Services): MetricsSources {
  return {
    cache: () => services.deps.cache?.stats(),
    listener: () => services.invalidation,
    pool: () => services.pool(),
  }
}

export interface Metrics {
  /** `text/plain; version=0.0.4; charset=utf-8` */
  readonly contentType: string
  /** Counts the answers of one `POST /v1/authorize` call, whichever path answered it. */
  countDecisions(answers: readonly { readonly allowed: boolean }[]): void
  /** The exposition text, collected now. */
  render(): Promise<string>
  /** Counts and times one request; `route` is the matched pattern, never the path. */
  observeRequest(request: ObservedRequest): void
}

export interface ObservedRequest {
  readonly method: string
  readonly route: string
  readonly status: number
  readonly seconds: number
}

declare module 'hono' {
  interface ContextVariableMap {
    /** The app's metrics, set for every request by `requestContext`. */
    metrics: Metrics
  }
}

/** The route label of a request no route matched (a 404): one series, whatever the path. */
export const UNMATCHED_ROUTE = 'unmatched'

/** The metrics endpoint's own path: counted, but not timed. */
export const METRICS_PATH = '/metrics'

// The decision path answers in well under a millisecond when warm, so the buckets start there.
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

const REQUEST_LABELS = ['method', 'route', 'status'] as const
type RequestLabel = (typeof REQUEST_LABELS)[number]

// Node's HTTP parser accepts only known methods, but an odd one still gets no series of its own.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/**
 * The metrics of one app, in a registry of its own: tests build many apps in one process, and
 * prom-client's global registry would refuse the second set of names.
 */
export function createMetrics(sources: MetricsSources = {}): Metrics {
  const registry = new Registry()
  const registers = [registry]
  // Counts on the request path are plain numbers, copied into prom-client at each scrape: its
  // `inc` hashes the labels on every call, a third of a microsecond that every request would pay.
  const requests = new Map<string, { labels: Record<RequestLabel, string>; count: number }>()
  new Counter({
    name: 'gatehouse_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: REQUEST_LABELS,
    registers,
    collect() {
      this.reset()
      for (const { labels, count } of requests.values()) {
        this.inc(labels, count)
      }
    },
  })
  const latency = new Histogram({
    name: 'gatehouse_http_request_duration_seconds',
    help: 'Time to answer an HTTP request (scrapes of /metrics excluded), by method, route pattern and status',
    labelNames: REQUEST_LABELS,
    buckets: LATENCY_BUCKETS,
    registers,
  })
  const decisions = { allowed: 0, denied: 0 }
  new Counter({
    name: 'gatehouse_authorize_decisions_total',
    help: 'Checks answered by POST /v1/authorize, by outcome',
    labelNames: ['outcome'] as const,
    registers,
    collect() {
      this.reset()
      this.inc({ outcome: 'allowed' }, decisions.allowed)
      this.inc({ outcome: 'denied' }, decisions.denied)
    },
  })
  let scraped = false
  return {
    contentType: registry.contentType,
    countDecisions(answers) {
      for (const answer of answers) {
        if (answer.allowed) {
          decisions.allowed += 1
        } else {
          decisions.denied += 1
        }
      }
    },
    async render() {
      if (!scraped) {
        // At the first scrape, not at build: the process metrics add a GC observer and an
        // event-loop monitor for good, most apps (tests, the docs generator) are never scraped,
        // and the docs generator's services may not even be read.
        collectDefaultMetrics({ register: registry })
        registerCacheMetrics(registers, sources.cache)
        registerListenerMetrics(registers, sources.listener)
        registerPoolMetrics(registers, sources.pool)
        scraped = true
      }
      return registry.metrics()
    },
    observeRequest({ method, route, status, seconds }) {
      const labels = {
        method: METHODS.has(method) ? method : 'other',
        route,
        status: String(status),
      }
      const key = `${labels.method} ${route} ${labels.status}`
      const counted = requests.get(key)
      if (counted === undefined) {
        requests.set(key, { labels, count: 1 })
      } else {
        counted.count++
      }
      if (route !== METRICS_PATH) {
        latency.observe(labels, seconds)
      }
    },
  }
}

type Registers = Registry[]

/*
 * The sources keep their own counters; a scrape copies them. prom-client's counters only go up
 * by `inc`, so a copy is a reset followed by one increment of the whole value.
 */

function registerCacheMetrics(registers: Registers, source: MetricsSources['cache']): void {
  if (source?.() === undefined) {
    return
  }
  const copy = (
    counter: Counter<'cache'>,
    values: (s: CacheStats) => { credential: number; org: number },
  ) => {
    const stats = source()
    if (stats !== undefined) {
      const v = values(stats)
      counter.reset()
      counter.inc({ cache: 'credential' }, v.credential)
      counter.inc({ cache: 'org' }, v.org)
    }
  }
  new Counter({
    name: 'gatehouse_cache_hits_total',
    help: 'Decision cache lookups answered from memory, by cache',
    labelNames: ['cache'] as const,
    registers,
    collect() {
      copy(this, (s) => ({ credential: s.credentialHits, org: s.orgHits }))
    },
  })
  new Counter({
    name: 'gatehouse_cache_misses_total',
    help: 'Decision cache lookups that read the database, by cache',
    labelNames: ['cache'] as const,
    registers,
    collect() {
      copy(this, (s) => ({ credential: s.credentialMisses, org: s.orgMisses }))
    },
  })
  new Gauge({
    name: 'gatehouse_cache_entries',
    help: 'Entries held by the decision cache, by cache',
    labelNames: ['cache'] as const,
    registers,
    collect() {
      const stats = source()
      if (stats !== undefined) {
        this.set({ cache: 'credential' }, stats.credentialEntries)
        this.set({ cache: 'org' }, stats.orgEntries)
      }
    },
  })
  new Counter({
    name: 'gatehouse_cache_invalidations_total',
    help: "Organizations' cache entries dropped because their authorization changed",
    registers,
    collect() {
      copyTotal(this, source()?.invalidations)
    },
  })
  new Counter({
    name: 'gatehouse_cache_flushes_total',
    help: 'Times the whole decision cache was emptied (the invalidation listener reconnected)',
    registers,
    collect() {
      copyTotal(this, source()?.flushes)
    },
  })
}

function registerListenerMetrics(registers: Registers, source: MetricsSources['listener']): void {
  if (source?.() === undefined) {
    return
  }
  new Gauge({
    name: 'gatehouse_invalidation_listener_connected',
    help: '1 while the connection that LISTENs for changes made by other nodes is up, else 0',
    registers,
    collect() {
      const state = source()
      if (state !== undefined) {
        this.set(state.connected ? 1 : 0)
      }
    },
  })
  new Counter({
    name: 'gatehouse_invalidation_notifications_received_total',
    help: 'Invalidation notifications received from PostgreSQL and applied',
    registers,
    collect() {
      copyTotal(this, source()?.received)
    },
  })
}

function registerPoolMetrics(registers: Registers, source: MetricsSources['pool']): void {
  if (source?.() === undefined) {
    return
  }
  new Gauge({
    name: 'gatehouse_db_pool_connections',
    help: 'Open database connections in the pool, by state (idle or active)',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const pool = source()
      if (pool !== undefined) {
        this.set({ state: 'idle' }, pool.idle)
        this.set({ state: 'active' }, pool.total - pool.idle)
      }
    },
  })
  new Gauge({
    name: 'gatehouse_db_pool_waiting_requests',
    help: 'Queries waiting for a free database connection',
    registers,
    collect() {
      const pool = source()
      if (pool !== undefined) {
        this.set(pool.waiting)
      }
    },
  })
}

function copyTotal(counter: Counter, value: number | undefined): void {
  if (value !== undefined) {
    counter.reset()
    counter.inc(value)
  }
}
