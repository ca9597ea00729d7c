import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import type { App } from '../context.js'
import { errorResponses } from '../errors.js'
import { json } from '../wire.js'

const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' })

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'healthz',
  tags: ['Operations'],
  summary: 'The process is up',
  'x-gatehouse-auth': 'public',
  'x-gatehouse-permission': 'none',
  security: [],
  responses: { 200: { description: 'Up', content: json(Health) } },
})

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'readyz',
  tags: ['Operations'],
  summary: 'The database answers',
  'x-gatehouse-auth': 'public',
  'x-gatehouse-permission': 'none',
  security: [],
  responses: {
    200: { description: 'Ready', content: json(Health) },
    ...errorResponses(),
  },
})

export function registerHealthRoutes(app: App): void {
  app.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
  app.openapi(readyz, async (c) => {
    // A read in a transaction proves the database answers; any failure is a 500 from onError.
    await c
      .get('services')
      .deps.store.transaction((tx) => tx.orgs.find('00000000-0000-4000-8000-000000000000'))
    return c.json({ status: 'ok' as const }, 200)
  })
}
