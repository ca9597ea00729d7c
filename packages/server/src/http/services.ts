import { type Deps, InProcessLoginThrottle, type LoginThrottle } from '@gatehouse/core'
import type { Logger } from 'pino'
import type { ServerConfig } from '../config.js'
import type { Invalidation } from '../platform/invalidation.js'
import type { PoolStats } from '../storage/connection.js'
import { SetupLinks } from './setup-links.js'
import { UsageRecorder } from './usage-recorder.js'

/** What the HTTP layer runs on: the use cases' deps plus process-local state. */
export interface Services {
  readonly deps: Deps
  readonly config: ServerConfig
  readonly log: Logger
  readonly throttle: LoginThrottle
  readonly setup: SetupLinks
  /** Last-used times of keys and tokens, written in batches off the request path. */
  readonly usage: UsageRecorder
  /** PostgreSQL: the feed of other nodes' changes to the decision cache. */
  readonly invalidation: Invalidation | undefined
  /** PostgreSQL: the pool's connections. */
  pool(): PoolStats | undefined
}

export interface ServiceExtras {
  /** Where login failures are counted; by default in this process (one node). */
  readonly throttle?: LoginThrottle | undefined
  readonly invalidation?: Invalidation | undefined
  readonly pool?: (() => PoolStats) | undefined
}

export function createServices(
  deps: Deps,
  config: ServerConfig,
  log: Logger,
  extras: ServiceExtras = {},
): Services {
  return {
    deps,
    config,
    log,
    throttle: extras.throttle ?? new InProcessLoginThrottle(deps.clock, config.loginThrottle),
    setup: new SetupLinks(deps),
    usage: new UsageRecorder(deps),
    invalidation: extras.invalidation,
    pool: () => extras.pool?.(),
  }
}
