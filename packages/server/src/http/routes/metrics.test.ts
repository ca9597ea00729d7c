import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { createProject } from '@gatehouse/core'
import { serve } from '@hono/node-server'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../app.js'
import { describeHttp, type Harness } from '../testing/harness.js'
import { isLoopback } from './metrics.js'

interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

/** The value of one sample of the exposition text, or undefined when there is no such series. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (m === null || m[1] !== name) {
      continue
    }
    const found = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
    )
    const wanted = Object.entries(labels)
    if (Object.keys(found).length === wanted.length && wanted.every(([k, v]) => found[k] === v)) {
      return Number(m[3])
    }
  }
  return undefined
}

async function scrape(h: Harness): Promise<string> {
  const reply = await h.request<string>('GET', '/metrics')
  expect(reply.status).toBe(200)
  return reply.body
}

/** Serves `buildApp` on the harness's services with a metrics token, on a loopback port. */
async function withTokenServer<T>(
  h: Harness,
  token: string,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const app = buildApp(h.services, { metricsToken: token })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  try {
    return await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

describeHttp('GET /metrics', (h) => {
  it('counts requests by method, route pattern and status, never by path', async () => {
    const w = await h().world()
    const keys = await h().request<{ objects: { id: string }[] }>('GET', '/v1/api_key', {
      auth: w.owner.session,
    })
    const keyId = keys.body.objects[0]?.id ?? ''
    const route = { method: 'GET', route: '/v1/api_key/:api_key_id' }
    const before = await scrape(h())

    for (let i = 0; i < 3; i++) {
      expect((await h().request('GET', `/v1/api_key/${keyId}`, { auth: w.owner.key })).status).toBe(
        200,
      )
    }
    const missing = await h().request('GET', `/v1/api_key/${randomUUID()}`, { auth: w.owner.key })
    expect(missing.status).toBe(404)
    const anonymous = await h().request('GET', `/v1/api_key/${keyId}`)
    expect(anonymous.status).toBe(401)
    const unknownPath = `/no-such-route-${randomUUID()}`
    expect((await h().request('GET', unknownPath)).status).toBe(404)

    const after = await scrape(h())
    const delta = (name: string, labels: Record<string, string>) =>
      (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0)
    const total = 'gatehouse_http_requests_total'
    const latency = 'gatehouse_http_request_duration_seconds_count'
    expect(delta(total, { ...route, status: '200' })).toBe(3)
    expect(delta(latency, { ...route, status: '200' })).toBe(3)
    expect(delta(total, { ...route, status: '404' })).toBe(1)
    // A middleware's 401 is still labelled with the route the request was for.
    expect(delta(total, { ...route, status: '401' })).toBe(1)
    expect(delta(total, { method: 'GET', route: 'unmatched', status: '404' })).toBe(1)
    // Scrapes are counted but not timed: their cost is the collection, not the service.
    expect(delta(total, { method: 'GET', route: '/metrics', status: '200' })).toBe(1)
    expect(sample(after, latency, { method: 'GET', route: '/metrics', status: '200' })).toBe(
      undefined,
    )
    for (const secret of [keyId, w.org.id, w.owner.user.id, w.owner.keySecret, unknownPath]) {
      expect(after).not.toContain(secret)
    }
  })

  it('counts the decisions of /v1/authorize by outcome', async () => {
    const w = await h().world()
    const { project } = await createProject(h().deps, w.owner.actor, { name: 'metered' })
    const member = await h().member(w)
    const outcome = (text: string, o: string) =>
      sample(text, 'gatehouse_authorize_decisions_total', { outcome: o }) ?? 0
    const before = await scrape(h())
    const reply = await h().request<{ results: { allowed: boolean }[] }>('POST', '/v1/authorize', {
      auth: member.key,
      body: {
        checks: [
          { permission: 'read', object_type: 'project', object_id: project.id },
          { permission: 'delete', object_type: 'project', object_id: project.id },
          { permission: 'read', object_type: 'organization', object_id: w.org.id },
        ],
      },
    })
    expect(reply.status).toBe(200)
    const allowed = reply.body.results.filter((r) => r.allowed).length
    // A session takes the general path; a bearer key, above, may take the fast lane.
    const owner = await h().request('POST', '/v1/authorize', {
      auth: w.owner.session,
      body: { checks: [{ permission: 'delete', object_type: 'project', object_id: project.id }] },
    })
    expect(owner.status).toBe(200)
    const after = await scrape(h())
    expect(outcome(after, 'allowed') - outcome(before, 'allowed')).toBe(allowed + 1)
    expect(outcome(after, 'denied') - outcome(before, 'denied')).toBe(3 - allowed)
    expect(after).not.toContain(project.id)
  })

  it('is Prometheus text with process metrics, to loopback clients when no token is set', async () => {
    const reply = await h().request<string>('GET', '/metrics')
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(reply.body).toContain('# TYPE gatehouse_http_requests_total counter')
    expect(reply.body).toContain('# TYPE gatehouse_http_request_duration_seconds histogram')
    expect(sample(reply.body, 'process_start_time_seconds')).toBeGreaterThan(0)
  })

  it('answers a proxied or remote client as if /metrics did not exist', async () => {
    const proxied = await h().request<ErrorReply>('GET', '/metrics', {
      headers: { 'x-forwarded-for': '127.0.0.1' },
    })
    expect(proxied.status).toBe(404)
    expect(proxied.body.error.code).toBe('ROUTE_NOT_FOUND')

    // No second interface to connect from in every CI machine: the app reads the peer address
    // from the node server's socket, which is what is handed in here.
    const app = buildApp(h().services)
    const remote = await app.fetch(new Request('http://gatehouse.test/metrics'), {
      incoming: { socket: { remoteAddress: '203.0.113.9' } },
    })
    expect(remote.status).toBe(404)
    expect(((await remote.json()) as ErrorReply).error.code).toBe('ROUTE_NOT_FOUND')
    const local = await app.fetch(new Request('http://gatehouse.test/metrics'), {
      incoming: { socket: { remoteAddress: '::ffff:127.0.0.1' } },
    })
    expect(local.status).toBe(200)
  })

  it('asks for the bearer token when one is set, from every client', async () => {
    const token = `metrics-${randomUUID()}`
    await withTokenServer(h(), token, async (url) => {
      const get = (headers: Record<string, string> = {}) =>
        fetch(`${url}/metrics`, { headers }).then(async (r) => ({
          status: r.status,
          text: await r.text(),
        }))
      const none = await get()
      expect(none.status).toBe(401)
      expect(JSON.parse(none.text).error.code).toBe('UNAUTHENTICATED')
      const wrong = await get({ authorization: `Bearer ${token}x` })
      expect(wrong.status).toBe(401)
      expect(wrong.text).not.toContain(token)
      const basic = await get({
        authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}`,
      })
      expect(basic.status).toBe(401)
      const right = await get({ authorization: `Bearer ${token}` })
      expect(right.status).toBe(200)
      expect(right.text).toContain('gatehouse_http_requests_total')
      expect(right.text).not.toContain(token)
      // The token is the metrics endpoint's alone: it is no API credential.
      const api = await fetch(`${url}/v1/organization`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(api.status).toBe(401)
    })
  })

  it("copies the decision cache's counters at each scrape", async () => {
    const cache = h().deps.cache
    expect(cache).toBeDefined()
    const w = await h().world()
    for (let i = 0; i < 3; i++) {
      const reply = await h().request('POST', '/v1/authorize', {
        auth: w.owner.key,
        body: {
          checks: [{ permission: 'read', object_type: 'organization', object_id: w.org.id }],
        },
      })
      expect(reply.status).toBe(200)
    }
    // A scrape carries no credential, so it leaves the cache's counters as they are.
    const text = await scrape(h())
    const stats = cache?.stats()
    expect(stats?.credentialHits).toBeGreaterThan(0)
    for (const [kind, s] of [
      ['credential', { hits: stats?.credentialHits, misses: stats?.credentialMisses }],
      ['org', { hits: stats?.orgHits, misses: stats?.orgMisses }],
    ] as const) {
      expect(sample(text, 'gatehouse_cache_hits_total', { cache: kind })).toBe(s.hits)
      expect(sample(text, 'gatehouse_cache_misses_total', { cache: kind })).toBe(s.misses)
    }
    expect(sample(text, 'gatehouse_cache_entries', { cache: 'credential' })).toBe(
      stats?.credentialEntries,
    )
    expect(sample(text, 'gatehouse_cache_invalidations_total')).toBe(stats?.invalidations)
  })
})

describe('isLoopback', () => {
  it('accepts 127.0.0.0/8 and ::1 in any spelling, and nothing else', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) {
      expect(isLoopback(a)).toBe(true)
    }
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '::2', 'fe80::1', '0.0.0.0', 'localhost', '']) {
      expect(isLoopback(a)).toBe(false)
    }
    expect(isLoopback(undefined)).toBe(false)
  })
})
