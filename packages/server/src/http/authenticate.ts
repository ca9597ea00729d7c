import {
  type Actor,
  AppError,
  authenticateSecret,
  authenticateSession,
  csrfMatches,
  parseSecret,
  resolveImpersonation,
} from '@gatehouse/core'
import { deleteCookie, getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from './context.js'
import type { Services } from './services.js'

export const SESSION_COOKIE = 'gatehouse_session'
export const CSRF_HEADER = 'x-csrf-token'
export const IMPERSONATE_HEADER = 'x-bt-impersonate-user'

/** Query parameters that look like a credential: refused, never read, never logged. */
const CREDENTIAL_PARAMS = new Set([
  'api_key',
  'apikey',
  'key',
  'token',
  'access_token',
  'auth',
  'authorization',
  'session',
])

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Notes a key's or token's use for its last-used time (written in batches, off the path). */
export function recordUse(services: Services, actor: Actor): void {
  const { kind, id } = actor.credential
  if ((kind === 'api_key' || kind === 'service_token') && id !== null) {
    services.usage.record(kind, id, services.deps.clock.now())
  }
}

/**
 * The secret in an Authorization header, whatever its scheme: `Bearer <secret>`, or Basic with
 * the secret as user name or password (Gitea GHSA-683j: a token must not pass for a password).
 * What the credential is decides; the transport never does.
 */
export function secretFromAuthorization(header: string): string | undefined {
  const [scheme, value] = header.trim().split(/\s+/, 2)
  if (value === undefined || scheme === undefined) {
    return undefined
  }
  if (scheme.toLowerCase() === 'bearer') {
    return value
  }
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const parts = colon < 0 ? [decoded] : [decoded.slice(0, colon), decoded.slice(colon + 1)]
    return parts.find((part) => parseSecret(part) !== undefined) ?? parts[0]
  }
  return undefined
}

/**
 * HTTP authenticates: a credential becomes an Actor (core decides what it may do). A bad
 * Authorization header is 401; a stale session cookie is dropped, so login still works.
 * Cookie-authenticated writes must carry the session's CSRF token.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const url = new URL(c.req.url)
  // API routes refuse anything named like a credential; every route refuses a real secret. The
  // first-run page's own one-time `?token=` is not an API credential.
  const api = url.pathname.startsWith('/v1/') || url.pathname.startsWith('/api/')
  for (const [name, value] of url.searchParams) {
    if ((api && CREDENTIAL_PARAMS.has(name.toLowerCase())) || parseSecret(value) !== undefined) {
      throw new AppError('CREDENTIAL_IN_URL')
    }
  }
  const { deps } = c.get('services')
  const authorization = c.req.header('authorization')
  if (authorization !== undefined) {
    const secret = secretFromAuthorization(authorization)
    const actor = secret === undefined ? undefined : await authenticateSecret(deps, secret)
    if (actor === undefined) {
      throw new AppError('UNAUTHENTICATED')
    }
    recordUse(c.get('services'), actor)
    c.set('actor', { ...actor, requestId: c.get('requestId') })
  } else {
    const token = getCookie(c, SESSION_COOKIE)
    if (token !== undefined) {
      const found = await authenticateSession(deps, token)
      if (found === undefined) {
        deleteCookie(c, SESSION_COOKIE, { path: '/' })
      } else {
        if (
          !SAFE_METHODS.has(c.req.method) &&
          !csrfMatches(deps, found.session, c.req.header(CSRF_HEADER))
        ) {
          throw new AppError('CSRF_FAILED')
        }
        c.set('actor', { ...found.actor, requestId: c.get('requestId') })
        c.set('session', found.session)
      }
    }
  }
  const target = c.req.header(IMPERSONATE_HEADER)
  if (target !== undefined) {
    const actor = c.get('actor')
    if (actor === undefined) {
      throw new AppError('UNAUTHENTICATED')
    }
    c.set('actor', {
      ...(await resolveImpersonation(deps, actor, target)),
      requestId: c.get('requestId'),
    })
  }
  await next()
})
