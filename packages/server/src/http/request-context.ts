import { createMiddleware } from 'hono/factory'
import { matchedRoutes } from 'hono/route'
import type { AppEnv } from './context.js'
import { recordAnswer, requestIdOf, requestLog, setAnswerHeaders } from './exchange.js'
import { type Metrics, UNMATCHED_ROUTE } from './metrics.js'
import type { Services } from './services.js'

/**
 * Hono's side of the exchange (exchange.ts), first of every request: its id, the client
 * address, the answer headers, and at the end the metrics and the log line, labelled with the
 * route pattern the request matched (also when a middleware answered first, a 401 say).
 */
export function requestContext(services: Services, metrics: Metrics) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now()
    c.set('services', services)
    c.set('metrics', metrics)
    const requestId = requestIdOf(c.req.header('x-request-id'), services.deps.crypto)
    c.set('requestId', requestId)
    c.set('actor', undefined)
    c.set('session', undefined)
    c.set('clientIp', clientIp(c.env, c.req.header('x-forwarded-for'), services.config.trustProxy))
    c.set('log', requestLog(services.log, requestId))
    setAnswerHeaders(c, requestId)
    await next()
    const matched = matchedRoutes(c).find((r) => r.method !== 'ALL')?.path
    recordAnswer(
      services.log,
      metrics,
      requestId,
      {
        method: c.req.method,
        route: matched ?? UNMATCHED_ROUTE,
        status: c.res.status,
        seconds: (performance.now() - started) / 1000,
        actor: c.get('actor'),
      },
      // The log has always named an unmatched request by the catch-all it went through ('/*').
      matched ?? c.req.routePath,
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
