import type { AddressInfo } from 'node:net'
import { type DecisionCache, LruDecisionCache } from '@gatehouse/core'
import pino, { type Logger } from 'pino'
import { buildApp } from './app.js'
import type { ServerConfig } from './config.js'
import { authorizeFastLane } from './http/fast-lane.js'
import { createMetrics, metricsSources } from './http/metrics.js'
import { createNodeServer, type Handlers } from './http/node-server.js'
import { createServices } from './http/services.js'
import { startInvalidation } from './platform/invalidation.js'
import { createNodeDeps, systemClock } from './platform/node-deps.js'
import { openStore } from './storage/open-store.js'

export interface RunningServer {
  readonly url: string
  /** The first-run link when no organization exists yet. */
  readonly setupUrl: string | undefined
  /** Stops accepting requests, finishes the ones in flight, closes the database. */
  close(): Promise<void>
}

/**
 * Opens the database, applies migrations, and serves Gatehouse. When no organization exists, a
 * one-time setup link (valid one hour) is made for the first owner.
 */
export async function runServer(
  config: ServerConfig,
  options: { log?: Logger } = {},
): Promise<RunningServer> {
  const log = options.log ?? pino({ level: config.logLevel })
  const store = await openStore(config.databaseUrl)
  await store.migrate()
  const cache = decisionCacheFor(config)
  const deps = createNodeDeps(store, { cache })
  // Listen first: with port 0 the real port is known only then, and links the server makes
  // (setup, invitations) must name it.
  let handlers: Handlers | undefined
  const server = createNodeServer(() => handlers, config.timeouts)
  server.listen(config.port, config.host)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve())
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  const url =
    config.port === 0 && !config.publicUrlSet ? `http://127.0.0.1:${port}` : config.publicUrl
  const invalidation = cache === undefined ? undefined : await startInvalidation(store, cache, log)
  // Nodes that share a database count login failures there, or each would allow the limit
  // again; one process (SQLite) keeps them in memory, which costs no write per attempt.
  const throttle = store.sharedByNodes
    ? store.loginThrottle(deps.clock, config.loginThrottle)
    : undefined
  const services = createServices(deps, { ...config, publicUrl: url }, log, {
    throttle,
    invalidation,
    pool: store.poolStats,
  })
  // One set of metrics for both paths: the fast lane's requests and decisions count too.
  const metrics = createMetrics(metricsSources(services))
  handlers = {
    fetch: buildApp(services, { metrics, metricsToken: config.metricsToken }).fetch,
    lane: authorizeFastLane(services, metrics),
  }
  services.usage.start(30_000, (err) => log.error({ err }, 'writing last-used times failed'))
  const orgs = await store.transaction((tx) => tx.orgs.listAll())
  const setupUrl = orgs.length === 0 ? `${url}/setup?token=${services.setup.issue()}` : undefined
  log.info({ url, database: store.dialect }, 'gatehouse is serving')
  return {
    url,
    setupUrl,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await invalidation?.close()
      await services.usage
        .stop()
        .catch((err: unknown) => log.error({ err }, 'writing last-used times failed'))
      await store.close()
    },
  }
}

/** The decision cache the settings ask for; none when either bound is 0. */
export function decisionCacheFor(config: ServerConfig): DecisionCache | undefined {
  const { credentials, orgs, ttlMs } = config.cache
  if (credentials === 0 || orgs === 0) {
    return undefined
  }
  return new LruDecisionCache({
    clock: systemClock,
    maxCredentials: credentials,
    maxOrgs: orgs,
    ttlMs,
  })
}
