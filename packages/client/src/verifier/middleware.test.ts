import type { AddressInfo } from 'node:net'
import express from 'express'
import Fastify from 'fastify'
import { type Context, Hono } from 'hono'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApi } from '../api.js'
import { describeGatehouse, type TestMember } from '../testing/index.js'
import { createVerifier, type Principal, type Verifier } from './create-verifier.js'
import type { Requirement } from './decide-request.js'
import { expressMiddleware } from './express-middleware.js'
import { fastifyHook } from './fastify-hook.js'
import { honoMiddleware } from './hono-middleware.js'

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
  }
}

/** A data plane's route table: reading a project needs read on it, deleting needs delete. */
const need = (method: string, projectId: string): Requirement => ({
  permission: method === 'DELETE' ? 'delete' : 'read',
  objectType: 'project',
  objectId: projectId,
})

/** Each framework's app, as a fetch-like function over a real HTTP request or its injector. */
type Call = (method: string, path: string, authorization?: string) => Promise<Response>

type Env = { Variables: { principal: Principal } }

function honoApp(verifier: Verifier): Call {
  const app = new Hono<Env>()
  app.get(
    '/projects/:id',
    honoMiddleware(verifier, (c) => need(c.req.method, c.req.param('id') ?? '')),
    (c) => c.json({ user_id: c.get('principal').user_id }),
  )
  app.delete(
    '/projects/:id',
    honoMiddleware(verifier, (c: Context<Env, '/projects/:id'>) =>
      need(c.req.method, c.req.param('id')),
    ),
    (c) => c.json({ user_id: c.get('principal').user_id }),
  )
  // The verifier's errors reach the app's error handler; this one only keeps the test output quiet.
  app.onError((_err, c) => c.json({ error: 'unavailable' }, 500))
  return (method, path, authorization) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: authorization === undefined ? {} : { authorization },
      }),
    )
}

async function expressApp(verifier: Verifier): Promise<{ call: Call; close(): Promise<void> }> {
  const app = express()
  const guard = expressMiddleware(verifier, (req: express.Request<{ id: string }>) =>
    need(req.method, req.params.id),
  )
  app.all('/projects/:id', guard, (req, res) => {
    res.json({ user_id: (req as { principal?: Principal }).principal?.user_id })
  })
  app.use(
    (_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).json({ error: 'unavailable' })
    },
  )
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    call: (method, path, authorization) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: authorization === undefined ? {} : { authorization },
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

async function fastifyApp(verifier: Verifier): Promise<Call> {
  // Fastify answers 414 itself for a path parameter over 100 characters: let the hook see them.
  const app = Fastify({ routerOptions: { maxParamLength: 1000 } })
  app.decorateRequest('principal', null)
  app.route<{ Params: { id: string } }>({
    method: ['GET', 'DELETE'],
    url: '/projects/:id',
    onRequest: fastifyHook(verifier, (request) => need(request.method, request.params.id)),
    handler: async (request) => ({ user_id: request.principal?.user_id }),
  })
  await app.ready()
  return async (method, path, authorization) => {
    const reply = await app.inject({
      method: method as 'GET' | 'DELETE',
      url: path,
      headers: authorization === undefined ? {} : { authorization },
    })
    return new Response(reply.body === '' ? null : reply.body, {
      status: reply.statusCode,
      headers: Object.entries(reply.headers).map(([k, v]) => [k, String(v)]),
    })
  }
}

describeGatehouse('middleware against a running Gatehouse', (g) => {
  let viewer: TestMember
  let projectId: string
  const closers: (() => Promise<void>)[] = []
  const apps: Record<string, Call> = {}

  beforeAll(async () => {
    const world = await g().world()
    viewer = await g().member(world, ['viewers'])
    const api = createApi({ baseUrl: g().url, token: world.owner.key })
    projectId = (await api.createProject({ body: { name: 'served' } })).id
    const verifier = createVerifier({ baseUrl: g().url })
    apps.hono = honoApp(verifier)
    const onExpress = await expressApp(verifier)
    apps.express = onExpress.call
    closers.push(onExpress.close)
    apps.fastify = await fastifyApp(verifier)
    return async () => {
      for (const close of closers) {
        await close()
      }
    }
  })

  describe.each(['hono', 'express', 'fastify'])('%s', (name) => {
    const call: Call = (...args) => {
      const app = apps[name]
      if (app === undefined) {
        throw new Error(`${name} is not set up`)
      }
      return app(...args)
    }

    it('lets an allowed request through with the principal set', async () => {
      const res = await call('GET', `/projects/${projectId}`, `Bearer ${viewer.key}`)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ user_id: viewer.userId })
    })

    it('reads the key from Basic credentials too, as Gatehouse does', async () => {
      const basic = `Basic ${Buffer.from(`anything:${viewer.key}`).toString('base64')}`
      const res = await call('GET', `/projects/${projectId}`, basic)
      expect(res.status).toBe(200)
    })

    it('answers 403 when the credential lacks the permission', async () => {
      const res = await call('DELETE', `/projects/${projectId}`, `Bearer ${viewer.key}`)
      expect(res.status).toBe(403)
      expect(await res.json()).toEqual({
        error: {
          code: 'PERMISSION_DENIED',
          message: 'The caller lacks the permission this request needs',
        },
      })
    })

    it('answers 400 with the error envelope for an object id the API refuses', async () => {
      for (const id of ['not-a-uuid', '42', 'x'.repeat(300)]) {
        const res = await call('GET', `/projects/${id}`, `Bearer ${viewer.key}`)
        expect(res.status, id.slice(0, 20)).toBe(400)
        expect(res.headers.get('content-type')).toContain('application/json')
        expect(await res.json()).toEqual({
          error: { code: 'VALIDATION_FAILED', message: 'The request is not valid' },
        })
      }
    })

    it('answers 401 without a credential, or with one Gatehouse refuses', async () => {
      for (const authorization of [undefined, 'Bearer sk-unknown', 'Token abc', 'Basic !!']) {
        const res = await call('GET', `/projects/${projectId}`, authorization)
        expect(res.status, String(authorization)).toBe(401)
        expect(res.headers.get('www-authenticate')).toBe('Bearer')
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
          'UNAUTHENTICATED',
        )
      }
    })
  })

  it('fails closed in every framework when Gatehouse cannot be reached', async () => {
    const down = createVerifier({
      baseUrl: 'http://127.0.0.1:9',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    })
    const onExpress = await expressApp(down)
    try {
      for (const call of [honoApp(down), onExpress.call, await fastifyApp(down)]) {
        const res = await call('GET', `/projects/${projectId}`, `Bearer ${viewer.key}`)
        expect(res.status).toBe(500)
        expect(await res.text()).not.toContain(viewer.key)
      }
    } finally {
      await onExpress.close()
    }
  })
})
