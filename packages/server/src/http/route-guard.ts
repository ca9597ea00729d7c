import { AppError } from '@gatehouse/core'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from './context.js'

type Auth = 'public' | 'credential' | 'session'

interface Entry {
  readonly method: string
  readonly pattern: RegExp
  readonly auth: Auth
}

/**
 * Who may call each API route, read from the same `x-gatehouse-auth` declaration that the
 * OpenAPI document and docs/permissions.md show. Runs before body validation, so a caller
 * without a credential learns nothing about the input a route wants. A route that declares
 * nothing needs a credential (deny by default). Paths that are no API route (pages, 404s) pass.
 */
export function routeGuard(app: OpenAPIHono<AppEnv>) {
  let index: Entry[] | undefined
  const build = (): Entry[] =>
    app.openAPIRegistry.definitions.flatMap((d) => {
      if (d.type !== 'route') {
        return []
      }
      const declared = (d.route as Record<string, unknown>)['x-gatehouse-auth']
      const auth: Auth = declared === 'public' || declared === 'session' ? declared : 'credential'
      const source = d.route.path
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+')
      return [{ method: d.route.method.toUpperCase(), pattern: new RegExp(`^${source}$`), auth }]
    })
  return createMiddleware<AppEnv>(async (c, next) => {
    index ??= build()
    const path = c.req.path
    const entry = index.find((e) => e.method === c.req.method && e.pattern.test(path))
    if (entry !== undefined && entry.auth !== 'public') {
      const actor = c.get('actor')
      if (actor === undefined) {
        throw new AppError('UNAUTHENTICATED')
      }
      if (entry.auth === 'session' && actor.credential.kind !== 'session') {
        throw new AppError('PERMISSION_DENIED', { reason: 'this route needs a browser session' })
      }
    }
    await next()
  })
}
