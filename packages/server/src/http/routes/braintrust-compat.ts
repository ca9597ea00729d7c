import { ApiKeyLoginRequest, ApiKeyLoginResponse, SelfMeResponse } from '@gatehouse/contract'
import { type Actor, AppError, authenticateSecret, getSelf } from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { secretFromAuthorization } from '../authenticate.js'
import { type App, type AppContext, actorOf, configOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { presentApiKeyLogin, presentSelf } from '../present.js'
import { json } from '../wire.js'

/*
 * The two calls Braintrust's SDKs and CLI make to discover the caller's orgs. Their clients send
 * `Content-Type: application/json` with no body at all (Rust SDK, `bt` CLI), so the body is
 * optional and parsed here instead of by the router, which would refuse an empty JSON body.
 */

const tags = ['Braintrust compatibility']
const SelfMeRequest = z.object({}).strict().meta({ id: 'SelfMeRequest' })

const login = createRoute({
  method: 'post',
  path: '/api/apikey/login',
  operationId: 'apiKeyLogin',
  tags,
  summary: 'The orgs an API key or service token can act in (Braintrust SDK login)',
  description:
    'Send the key as `Authorization: Bearer <key>`; older SDKs send `{ "token": "<key>" }` in ' +
    'the body, which is authenticated the same way. A key bound to one org lists that org. ' +
    "Each org's `api_url` is its own setting, else the server's GATEHOUSE_PUBLIC_URL, else " +
    'the origin this request was sent to.',
  // Public to the route guard only: older SDKs send the key in the body, which the handler
  // authenticates like a header; without either the answer is 401.
  'x-gatehouse-auth': 'public',
  'x-gatehouse-permission': 'a valid credential, in the Authorization header or as body.token',
  request: {
    body: {
      required: false,
      content: json({ $ref: '#/components/schemas/ApiKeyLoginRequest' }),
    },
  },
  responses: {
    200: { description: "The credential's orgs", content: json(ApiKeyLoginResponse) },
    ...errorResponses('USER_NOT_FOUND'),
  },
})

const selfMe = createRoute({
  method: 'post',
  path: '/api/self/me',
  operationId: 'selfMe',
  tags,
  summary: 'Who the caller is, and its orgs (Braintrust SDK introspection)',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'none (any valid credential)',
  request: {
    body: { required: false, content: json({ $ref: '#/components/schemas/SelfMeRequest' }) },
  },
  responses: {
    200: { description: 'The caller', content: json(SelfMeResponse) },
    ...errorResponses('USER_NOT_FOUND'),
  },
})

/**
 * An optional JSON body: empty means `{}`; anything else must be JSON that `schema` accepts.
 * @throws VALIDATION_FAILED
 */
async function optionalBody<T extends z.ZodType>(c: AppContext, schema: T): Promise<z.output<T>> {
  const text = await c.req.text()
  let value: unknown = {}
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text)
    } catch {
      throw new AppError('VALIDATION_FAILED', { reason: 'The body is not valid JSON' })
    }
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    })
  }
  return parsed.data
}

/**
 * Where the SDK should send its API calls when the org names no api_url: the configured public
 * URL, else the origin the caller reached us at. The address the server derives from HOST and
 * PORT would be wrong for every caller on another machine when it listens on 0.0.0.0, whereas the
 * request's origin is, by construction, one the caller can reach (behind a proxy that rewrites
 * Host, set GATEHOUSE_PUBLIC_URL).
 */
function defaultApiUrl(c: AppContext): string {
  const config = configOf(c)
  return config.publicUrlSet ? config.publicUrl : new URL(c.req.url).origin
}

/**
 * The caller of a login: the request's own credential, or the legacy body token, which goes
 * through the same authentication. Two different credentials in one request are refused rather
 * than one picked silently.
 * @throws UNAUTHENTICATED, VALIDATION_FAILED
 */
async function loginActor(c: AppContext, token: string | undefined): Promise<Actor> {
  if (token === undefined) {
    return actorOf(c)
  }
  if (c.get('actor') !== undefined) {
    const header = c.req.header('authorization')
    if (header === undefined || secretFromAuthorization(header) !== token) {
      throw new AppError('VALIDATION_FAILED', {
        reason: 'The body token and the request credential differ',
      })
    }
    return actorOf(c)
  }
  const actor = await authenticateSecret(depsOf(c), token)
  if (actor === undefined) {
    throw new AppError('UNAUTHENTICATED')
  }
  const withRequest = { ...actor, requestId: c.get('requestId') }
  c.set('actor', withRequest)
  return withRequest
}

export function registerBraintrustCompatRoutes(app: App): void {
  app.openAPIRegistry.register('ApiKeyLoginRequest', ApiKeyLoginRequest)
  app.openAPIRegistry.register('SelfMeRequest', SelfMeRequest)
  app.openapi(login, async (c) => {
    const { token } = await optionalBody(c, ApiKeyLoginRequest)
    const actor = await loginActor(c, token)
    return c.json(presentApiKeyLogin(await getSelf(depsOf(c), actor), defaultApiUrl(c)), 200)
  })
  app.openapi(selfMe, async (c) => {
    const actor = actorOf(c)
    await optionalBody(c, SelfMeRequest)
    return c.json(presentSelf(await getSelf(depsOf(c), actor)), 200)
  })
}
