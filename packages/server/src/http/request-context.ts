import type { Actor } from '@gatehouse/core'
import { createMiddleware } from 'hono/factory'
import { matchedRoutes } from 'hono/route'
import type { Logger } from 'pino'
import type { AppEnv } from './context.js'
import type { Services } from './services.js'

/** A caller's x-request-id is kept when it looks like one; anything else gets a fresh uuid. */
export const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

/** Who made a request, as its log line says: ids and kinds, never a secret. */
export function loggedPrincipal(actor: Actor) {
  return {
    credential: actor.credential.kind,
    credential_id: actor.credential.id,
    user_id: actor.userId,
    impersonator_id: actor.impersonatorId,
  }
}

/** Sent on every response. */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const

/**
 * Per request: an id (the caller's x-request-id when it is sane), the client address, security
 * headers, and one log line at the end with route, status and principal — never a credential,
 * a query string or a body.
 */
export function requestContext(services: Services) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now()
    const incoming = c.req.header('x-request-id')
    const requestId =
      incoming !== undefined && REQUEST_ID.test(incoming) ? incoming : services.deps.crypto.uuid()
    c.set('requestId', requestId)
    c.set('services', services)
    c.set('actor', undefined)
    c.set('session', undefined)
    c.set('clientIp', clientIp(c.env, c.req.header('x-forwarded-for'), services.config.trustProxy))
    const log: Logger = services.log.child({ request_id: requestId })
    c.set('log', log)
    c.header('x-request-id', requestId)
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      c.header(name, value)
    }
    // Before the response exists, so a route may override it: a header set on a finished
    // response makes Hono copy it into a streamed one, which cost two thirds of the throughput.
    c.header('cache-control', 'no-store')
    await next()
    const actor = c.get('actor')
    log.info(
      {
        method: c.req.method,
        // The route the request was for, also when a middleware answered (a 401 says '/*').
        route: matchedRoutes(c).find((r) => r.method !== 'ALL')?.path ?? c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        principal: actor === undefined ? null : loggedPrincipal(actor),
      },
      'request',
    )
  })
}

function clientIp(env: unknown, forwarded: string | undefined, trustProxy: boolean): string | null {
  if (trustProxy && forwarded !== undefined) {
    return forwarded.split(',')[0]?.trim() || null
  }
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming
  return incoming?.socket?.remoteAddress ?? null
}
