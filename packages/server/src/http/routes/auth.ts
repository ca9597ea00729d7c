import { ChangePassword, Login, SessionInfo, SetupRequest } from '@gatehouse/contract'
import {
  AppError,
  bootstrapOrganization,
  changePassword,
  getSelf,
  isAppError,
  login,
  logout,
} from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { deleteCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { SESSION_COOKIE } from '../authenticate.js'
import { type App, type AppContext, actorOf, configOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { json } from '../wire.js'

/** Readable by the page's script (double-submit CSRF): sent back in the x-csrf-token header. */
export const CSRF_COOKIE = 'gatehouse_csrf'
const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60

const tags = ['Authentication']
const Done = z.object({ status: z.literal('success') }).meta({ id: 'Done' })

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  operationId: 'login',
  tags,
  summary: 'Log in with email and password; sets the session cookie',
  description:
    'Unknown users and wrong passwords get the same 401. At most 100 failed attempts per account ' +
    'per hour are processed (429 with Retry-After after that), counted per client address so ' +
    "an attacker cannot lock the owner out from the owner's own address.",
  'x-gatehouse-auth': 'public',
  'x-gatehouse-permission': 'none',
  security: [],
  request: { body: { content: json(Login), required: true } },
  responses: {
    200: { description: 'Logged in', content: json(SessionInfo) },
    ...errorResponses('RATE_LIMITED', 'PASSWORD_TOO_LONG'),
  },
})

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  operationId: 'logout',
  tags,
  summary: 'End this session on the server and clear its cookie',
  'x-gatehouse-auth': 'session',
  'x-gatehouse-permission': 'none (your own session)',
  responses: { 200: { description: 'Logged out', content: json(Done) }, ...errorResponses() },
})

const sessionRoute = createRoute({
  method: 'get',
  path: '/auth/session',
  operationId: 'getSession',
  tags,
  summary: 'Who is logged in, and in which organizations',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'none (yourself)',
  responses: {
    200: { description: 'The caller', content: json(SessionInfo) },
    ...errorResponses(),
  },
})

const passwordRoute = createRoute({
  method: 'post',
  path: '/auth/password',
  operationId: 'changePassword',
  tags,
  summary: 'Change your password (ends your other sessions)',
  'x-gatehouse-auth': 'session',
  'x-gatehouse-permission': 'none (yourself; never under impersonation)',
  request: { body: { content: json(ChangePassword), required: true } },
  responses: {
    200: { description: 'Changed', content: json(Done) },
    ...errorResponses(
      'PERMISSION_DENIED',
      'IMPERSONATION_CANNOT_CHANGE_IDENTITY',
      'PASSWORD_TOO_SHORT',
      'PASSWORD_TOO_LONG',
    ),
  },
})

const setupRoute = createRoute({
  method: 'post',
  path: '/auth/setup',
  operationId: 'setup',
  tags,
  summary: 'First run: create the first organization and its owner with the one-time setup token',
  'x-gatehouse-auth': 'public',
  'x-gatehouse-permission': 'the one-time setup token printed at start-up',
  security: [],
  request: { body: { content: json(SetupRequest), required: true } },
  responses: {
    200: { description: 'Created and logged in', content: json(SessionInfo) },
    ...errorResponses(
      'SETUP_NOT_AVAILABLE',
      'EMAIL_INVALID',
      'PASSWORD_TOO_SHORT',
      'ORG_NAME_TAKEN',
    ),
  },
})

function startSession(c: AppContext, token: string, csrfToken: string): void {
  const secure = configOf(c).secureCookies
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: SESSION_MAX_AGE_S,
  })
  setCookie(c, CSRF_COOKIE, csrfToken, {
    sameSite: 'Strict',
    secure,
    path: '/',
    maxAge: SESSION_MAX_AGE_S,
  })
}

async function sessionInfo(c: AppContext) {
  const actor = actorOf(c)
  const { user, organizations } = await getSelf(depsOf(c), actor)
  return {
    user: {
      id: user.id,
      email: user.email,
      given_name: user.givenName,
      family_name: user.familyName,
    },
    organizations: organizations.map((o) => ({ id: o.id, name: o.name, plan: o.plan })),
    impersonator_user_id: actor.impersonatorId,
  }
}

export function registerAuthRoutes(app: App): void {
  app.openapi(loginRoute, async (c) => {
    const { email, password } = c.req.valid('json')
    const { throttle, deps } = c.get('services')
    let result: Awaited<ReturnType<typeof login>>
    try {
      result = await login(
        deps,
        {
          email,
          password,
          ip: c.get('clientIp'),
          userAgent: c.req.header('user-agent') ?? null,
          requestId: c.get('requestId'),
        },
        { throttle },
      )
    } catch (err) {
      // Failed logins are not audited (an audit row only for real accounts would reveal them);
      // the log keeps the attempt, without the address typed.
      c.get('log').warn(
        { client_ip: c.get('clientIp'), code: isAppError(err) ? err.code : 'INTERNAL' },
        'login refused',
      )
      throw err
    }
    startSession(c, result.token, result.csrfToken)
    c.set('actor', {
      userId: result.user.id,
      credential: { kind: 'session', id: result.session.id, orgId: null },
      impersonatorId: null,
    })
    return c.json(await sessionInfo(c), 200)
  })

  app.openapi(logoutRoute, async (c) => {
    // The route guard admits sessions only (x-gatehouse-auth: session).
    await logout(depsOf(c), actorOf(c))
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    deleteCookie(c, CSRF_COOKIE, { path: '/' })
    return c.json({ status: 'success' as const }, 200)
  })

  app.openapi(sessionRoute, async (c) => c.json(await sessionInfo(c), 200))

  app.openapi(passwordRoute, async (c) => {
    const body = c.req.valid('json')
    await changePassword(depsOf(c), actorOf(c), {
      currentPassword: body.current_password,
      newPassword: body.new_password,
    })
    return c.json({ status: 'success' as const }, 200)
  })

  app.openapi(setupRoute, async (c) => {
    const body = c.req.valid('json')
    const { setup, deps } = c.get('services')
    const putBack = setup.take(body.token)
    if (putBack === undefined) {
      throw new AppError('SETUP_NOT_AVAILABLE')
    }
    let user: Awaited<ReturnType<typeof bootstrapOrganization>>['user']
    try {
      ;({ user } = await bootstrapOrganization(deps, {
        orgName: body.org_name,
        email: body.email,
        password: body.password,
        plan: body.plan,
        firstOnly: true,
      }))
    } catch (err) {
      // Bad input leaves the link usable; an organization that exists already ends it.
      if (!isAppError(err, 'SETUP_NOT_AVAILABLE')) {
        putBack()
      }
      throw err
    }
    const result = await login(deps, { email: user.email, password: body.password })
    startSession(c, result.token, result.csrfToken)
    c.set('actor', {
      userId: user.id,
      credential: { kind: 'session', id: result.session.id, orgId: null },
      impersonatorId: null,
    })
    return c.json(await sessionInfo(c), 200)
  })
}
