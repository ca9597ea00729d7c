import { AppError } from '@gatehouse/core'
import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { authenticate } from './http/authenticate.js'
import type { AppContext, AppEnv } from './http/context.js'
import { asAppError, errorBody, statusOf, validationFailed } from './http/errors.js'
import { createMetrics, httpMetrics, type Metrics, metricsSources } from './http/metrics.js'
import { requestContext } from './http/request-context.js'
import { routeGuard } from './http/route-guard.js'
import { registerRoutes } from './http/routes/index.js'
import { registerMetricsRoute } from './http/routes/metrics.js'
import type { Services } from './http/services.js'

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Request bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 1024 * 1024

export interface AppOptions {
  /** GATEHOUSE_METRICS_TOKEN: the bearer token `/metrics` asks for (unset: loopback only). */
  readonly metricsToken?: string | undefined
  /** Shared with whatever else answers requests (the fast lane); else the app makes its own. */
  readonly metrics?: Metrics | undefined
}

/** The Gatehouse HTTP application: every route, on the given services. No port is opened here. */
export function buildApp(services: Services, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw validationFailed(result.error.issues)
      }
    },
  })
  const metrics = options.metrics ?? createMetrics(metricsSources(services))
  app.use('*', httpMetrics(metrics))
  app.use('*', requestContext(services))
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError('PAYLOAD_TOO_LARGE', { max_bytes: MAX_BODY_BYTES })
    },
  })
  // Reading a request's body stream makes @hono/node-server build a full Request: only for
  // methods that carry a body.
  app.use('*', (c, next) => (BODYLESS.has(c.req.method) ? next() : limitBody(c, next)))
  registerMetricsRoute(app, metrics, { token: options.metricsToken })
  app.use('*', authenticate)
  app.use('*', routeGuard(app))
  registerRoutes(app)
  app.notFound((c) => respondWithError(c as AppContext, new AppError('ROUTE_NOT_FOUND')))
  app.onError((err, c) => respondWithError(c as AppContext, err))
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key (sk-…) or a service token (bt-st-…)',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'gatehouse_session',
    description: 'A browser session; writes also need the x-csrf-token header',
  })
  return app
}

function respondWithError(c: AppContext, thrown: unknown): Response {
  let err: AppError
  if (thrown instanceof HTTPException && thrown.status < 500) {
    // Hono's own 4xx (a body that is not JSON, say): a validation failure in our envelope.
    err = new AppError('VALIDATION_FAILED', { reason: thrown.message })
  } else {
    err = asAppError(thrown)
  }
  if (err.kind === 'internal') {
    c.get('log').error({ err: err.cause ?? err }, 'unhandled error')
  }
  if (err.code === 'PAYLOAD_TOO_LARGE' || unreadBody(c)) {
    // The rest of the body is still on the wire: end the connection rather than reuse it.
    // (@hono/node-server drains an unread body for a moment and then drops the socket, which a
    // client that was told keep-alive would meet as a reset on its next request.)
    c.header('connection', 'close')
  }
  const retryAfter = err.details?.retry_after_seconds
  if (typeof retryAfter === 'number') {
    c.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))))
  }
  return c.json(errorBody(err, c.get('requestId')), statusOf(err))
}

/** A request with a body that nothing read: refused before its body was looked at. */
function unreadBody(c: AppContext): boolean {
  if (BODYLESS.has(c.req.method) || c.req.header('content-length') === '0') {
    return false
  }
  const raw = c.req.raw
  return raw.body !== null && !raw.bodyUsed
}

/** The OpenAPI 3.1 document of every route, as served at /openapi.json and committed. */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Gatehouse',
      version: '1.0.0',
      description:
        'Access control plane: organizations, projects, members, groups, roles, ACLs, API keys, ' +
        'service tokens. Braintrust-compatible wire format. Errors: { error: { code, message, request_id } }.',
    },
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
  })
}

/**
 * The app with inert services, for generating documents: routes register without touching any
 * service, so nothing here is ever called.
 */
export function documentationApp(): OpenAPIHono<AppEnv> {
  const inert = new Proxy(
    {},
    {
      get() {
        throw new Error('documentationApp serves no requests')
      },
    },
  ) as Services
  return buildApp(inert)
}
