import pg from 'pg'
import type { Listener, ListenHandlers } from '../connection.js'

/** The NOTIFY channel of authorization changes, shared by every schema on the database. */
export const AUTHZ_CHANNEL = 'gatehouse_authz'
const LISTEN_RETRY_MIN_MS = 50
const LISTEN_RETRY_MAX_MS = 2000

/**
 * One dedicated connection (not from the pool: a pooled client would be handed back and its
 * LISTEN lost) that hears announcements and reconnects with backoff when it drops. Named
 * `gatehouse-listener-<pid>` in pg_stat_activity, so an operator can see (or cut) it. Schemas
 * share the channel: only payloads that start with `prefix` (this schema's) are this node's.
 */
export function listenPostgres(
  connectionString: string,
  prefix: string,
  handlers: ListenHandlers,
): Listener {
  let client: pg.Client | undefined
  let connected = false
  let closed = false
  let received = 0
  let retryMs = LISTEN_RETRY_MIN_MS
  let timer: NodeJS.Timeout | undefined

  const lost = (which: pg.Client) => {
    if (client !== which) {
      return
    }
    client = undefined
    if (connected) {
      connected = false
      handlers.down()
    }
    which.end().catch(() => undefined)
    if (!closed) {
      timer = setTimeout(() => void attempt(), retryMs)
      retryMs = Math.min(retryMs * 2, LISTEN_RETRY_MAX_MS)
    }
  }

  const attempt = async (): Promise<void> => {
    const candidate = new pg.Client({
      connectionString,
      application_name: `gatehouse-listener-${process.pid}`,
    })
    client = candidate
    candidate.on('error', () => lost(candidate))
    candidate.on('end', () => lost(candidate))
    candidate.on('notification', (message) => {
      const payload = message.payload
      if (message.channel === AUTHZ_CHANNEL && payload?.startsWith(prefix) === true) {
        received++
        handlers.invalidate(payload.slice(prefix.length))
      }
    })
    try {
      await candidate.connect()
      await candidate.query(`listen ${AUTHZ_CHANNEL}`)
    } catch {
      lost(candidate)
      return
    }
    if (closed || client !== candidate) {
      await candidate.end().catch(() => undefined)
      return
    }
    connected = true
    retryMs = LISTEN_RETRY_MIN_MS
    handlers.up()
  }

  const ready = attempt()
  return {
    get connected() {
      return connected
    },
    get received() {
      return received
    },
    ready,
    async close() {
      closed = true
      clearTimeout(timer)
      const last = client
      client = undefined
      connected = false
      await last?.end().catch(() => undefined)
    },
  }
}
