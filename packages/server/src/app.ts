import { AppError } from '@gatehouse/core'
import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { authenticate } from './http/authenticate.js'
import type { AppContext, AppEnv } from './http/context.js'
import { validationFailed } from './http/errors.js'
import { BODYLESS, respondWithError } from './http/exchange.js'
import { createMetrics, type Metrics, metricsSources } from './http/metrics.js'
import { registerSecuritySchemes } from './http/openapi.js'
import { requestContext } from './http/request-context.js'
import { routeGuard } from './http/route-guard.js'
import { registerRoutes } from './http/routes/index.js'
import { registerMetricsRoute } from './http/routes/metrics.js'
import type { Services } from './http/services.js'

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
  app.use('*', requestContext(services, metrics))
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
  registerSecuritySchemes(app)
  return app
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
