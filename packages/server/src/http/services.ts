import { type Deps, LoginThrottle } from '@gatehouse/core'
import type { Logger } from 'pino'
import type { ServerConfig } from '../config.js'
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
}

export function createServices(deps: Deps, config: ServerConfig, log: Logger): Services {
  return {
    deps,
    config,
    log,
    throttle: new LoginThrottle(deps.clock),
    setup: new SetupLinks(deps),
    usage: new UsageRecorder(deps),
  }
}
