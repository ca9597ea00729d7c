import type { DecisionCache } from '@gatehouse/core'
import type { Logger } from 'pino'
import type { SqlStore } from '../storage/sql-store.js'

/** How this node hears other nodes' changes (PostgreSQL); SQLite is one process and needs none. */
export interface Invalidation {
  readonly connected: boolean
  readonly received: number
  close(): Promise<void>
}

/**
 * Listens for other nodes' authorization changes and applies them to `cache`. While the
 * listening connection is down the cache answers nothing (every decision reads the database);
 * when it is back the cache starts empty, since what happened meanwhile is unknown. Resolves once
 * the first connection attempt ended; the cache stays suspended until a connection succeeds.
 */
export async function startInvalidation(
  store: SqlStore,
  cache: DecisionCache,
  log: Logger,
): Promise<Invalidation | undefined> {
  if (store.listen === undefined) {
    return undefined
  }
  cache.suspend()
  const listener = store.listen({
    invalidate: (orgId) => cache.invalidateOrg(orgId),
    down: () => {
      cache.suspend()
      log.warn('invalidation listener lost its connection: decisions read the database')
    },
    up: () => {
      cache.resume()
      log.info('invalidation listener connected: caches start empty')
    },
  })
  await listener.ready
  if (!listener.connected) {
    log.warn('invalidation listener could not connect yet: decisions read the database')
  }
  return {
    get connected() {
      return listener.connected
    },
    get received() {
      return listener.received
    },
    close: () => listener.close(),
  }
}
