import { type AddressInfo, connect } from 'node:net'
import { Writable } from 'node:stream'
import {
  AppError,
  createAcl,
  createProject,
  type Deps,
  deleteApiKey,
  ERRORS,
  type ErrorCode,
  hashSecret,
} from '@gatehouse/core'
import pino from 'pino'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../app.js'
import { STATUS_BY_KIND } from './errors.js'
import { authorizeFastLane } from './fast-lane.js'
import { createMetrics, type Metrics } from './metrics.js'
import { createNodeServer } from './node-server.js'
import { createServices, type Services } from './services.js'
import { describeHttp, type Harness } from './testing/harness.js'

interface Served {
  readonly url: string
  /** Requests that reached the general path (Hono). */
  general: number
  readonly metrics: Metrics
  close(): Promise<void>
}

async function serveBoth(services: Services): Promise<{ lane: Served; plain: Served }> {
  const start = async (withLane: boolean): Promise<Served> => {
    const metrics = createMetrics()
    const app = buildApp(services, { metrics })
    const served: Served = { url: '', general: 0, metrics, close: async () => undefined }
    const handlers = {
      fetch: (request: Request, env: unknown) => {
        served.general++
        return app.fetch(request, env)
      },
      lane: withLane ? authorizeFastLane(services, metrics) : undefined,
    }
    const server = createNodeServer(() => handlers)
    server.listen(0, '127.0.0.1')
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    const { port } = server.address() as AddressInfo
    return Object.assign(served, {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections()
          server.close(() => resolve())
        }),
    })
  }
  return { lane: await start(true), plain: await start(false) }
}

interface Sent {
  readonly status: number
  readonly body: unknown
  readonly headers: Record<string, string>
}

/** What a client sees, minus what differs per request or per socket. */
async function send(base: string, headers: Record<string, string>, body: string): Promise<Sent> {
  const res = await fetch(`${base}/v1/authorize`, { method: 'POST', headers, body })
  const text = await res.text()
  const seen: Record<string, string> = {}
  for (const [name, value] of res.headers) {
    if (!['date', 'connection', 'keep-alive', 'content-length', 'x-request-id'].includes(name)) {
      seen[name] = value
    }
  }
  const parsed = JSON.parse(text) as { error?: { request_id?: string } }
  if (parsed.error?.request_id !== undefined) {
    expect(parsed.error.request_id).toBe(res.headers.get('x-request-id'))
    parsed.error.request_id = '(request id)'
  }
  return { status: res.status, body: parsed, headers: seen }
}

/**
 * Services on the harness's store whose decision cache can be told to throw: both paths ask it
 * for the org's index after reading the body, so an error thrown there reaches each path's
 * error reply at the same step. The log goes to `lines`.
 */
function failingServices(h: Harness) {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>)
      }
      done()
    },
  })
  const control: { failure: unknown } = { failure: undefined }
  const cache = h.deps.cache
  if (cache === undefined) {
    throw new Error('the harness serves with the decision cache')
  }
  const failing = new Proxy(cache, {
    get(target, name) {
      if (name === 'org' && control.failure !== undefined) {
        return () => {
          throw control.failure
        }
      }
      const value = Reflect.get(target, name)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  const deps: Deps = { ...h.deps, cache: failing }
  const services = createServices(deps, h.services.config, pino({ level: 'info' }, stream))
  return { services, lines, control }
}

/** One code of every error kind, from the error table. */
function oneCodePerKind(): ErrorCode[] {
  return Object.keys(STATUS_BY_KIND).map((kind) => {
    const code = (Object.keys(ERRORS) as ErrorCode[]).find((c) => ERRORS[c].kind === kind)
    if (code === undefined) {
      throw new Error(`no code of kind ${kind}`)
    }
    return code
  })
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Headers that legitimately differ between the paths, and why:
 * - date: the clock.
 * - x-request-id: generated ids differ; each side is checked on its own (echoed when sane, else
 *   a fresh uuid, and the same id in the body and the log line).
 * - connection, keep-alive: only where the table says the general path refused before reading
 *   the body (authentication comes first there, and an unread body closes the connection); the
 *   lane reads the whole body first, so it has nothing left on the wire. Everywhere else they
 *   are compared.
 */
const DIFFERING = new Set(['date', 'x-request-id'])

describeHttp('the /v1/authorize fast lane', (h) => {
  let servers: Awaited<ReturnType<typeof serveBoth>>
  beforeAll(async () => {
    servers = await serveBoth(h().services)
  })
  afterAll(async () => {
    await servers.lane.close()
    await servers.plain.close()
  })

  it('answers exactly as the general path does, for answers and for every refusal', async () => {
    const w = await h().world()
    const { project } = await createProject(h().deps, w.owner.actor, { name: 'lane' })
    const reader = await h().member(w)
    await createAcl(h().deps, w.owner.actor, {
      objectType: 'project',
      objectId: project.id,
      userId: reader.user.id,
      permission: 'read',
    })
    const check = (permission: string) => ({
      permission,
      object_type: 'project',
      object_id: project.id,
    })
    const json = { 'content-type': 'application/json' }
    const bearer = { ...json, authorization: `Bearer ${reader.keySecret}` }
    const basic = {
      ...json,
      authorization: `Basic ${Buffer.from(`x:${reader.keySecret}`).toString('base64')}`,
    }
    const cases: [string, Record<string, string>, string][] = [
      ['allowed and denied', bearer, JSON.stringify({ checks: [check('read'), check('update')] })],
      ['explained', bearer, JSON.stringify({ explain: true, checks: [check('read')] })],
      ['basic auth', basic, JSON.stringify({ checks: [check('read')] })],
      ['single check', bearer, JSON.stringify(check('read'))],
      ['single check, explained', bearer, JSON.stringify({ ...check('read'), explain: true })],
      ['both forms', bearer, JSON.stringify({ ...check('read'), checks: [check('read')] })],
      ['half a check', bearer, JSON.stringify({ permission: 'read' })],
      ['org by name', bearer, JSON.stringify({ org_name: w.org.name, checks: [check('read')] })],
      ['another org name', bearer, JSON.stringify({ org_name: 'nope', checks: [check('read')] })],
      ['malformed JSON', bearer, '{"checks": ['],
      ['no checks', bearer, JSON.stringify({ checks: [] })],
      ['unknown field', bearer, JSON.stringify({ checks: [check('read')], extra: 1 })],
      ['bad permission', bearer, JSON.stringify({ checks: [check('fly')] })],
      ['too many', bearer, JSON.stringify({ checks: Array(101).fill(check('read')) })],
      ['not a scheme', { ...json, authorization: 'Token abc' }, '{}'],
      ['unknown key', { ...json, authorization: `Bearer sk-${'a'.repeat(38)}` }, '{}'],
      ['echoed request id', { ...bearer, 'x-request-id': 'abc-123' }, '{"checks": []}'],
    ]
    for (const [name, headers, body] of cases) {
      const generalBefore = servers.lane.general
      const viaLane = await send(servers.lane.url, headers, body)
      const viaPlain = await send(servers.plain.url, headers, body)
      expect({ name, ...viaLane }).toEqual({ name, ...viaPlain })
      expect({ name, general: servers.lane.general }).toEqual({ name, general: generalBefore })
    }
    const echoed = await fetch(`${servers.lane.url}/v1/authorize`, {
      method: 'POST',
      headers: { ...bearer, 'x-request-id': 'abc-123' },
      body: JSON.stringify({ checks: [check('read')] }),
    })
    expect(echoed.headers.get('x-request-id')).toBe('abc-123')

    // Revoked through the API's use case: both paths refuse it on the next request.
    const key = await h().deps.store.transaction((tx) =>
      tx.apiKeys.findByHash(hashSecret(h().deps.crypto, reader.keySecret)),
    )
    await deleteApiKey(h().deps, w.owner.actor, { id: key?.id ?? 'missing' })
    const body = JSON.stringify({ checks: [check('read')] })
    const laneAfter = await send(servers.lane.url, bearer, body)
    expect(laneAfter.status).toBe(401)
    expect(laneAfter).toEqual(await send(servers.plain.url, bearer, body))
  })

  it('shares the exchange with the general path: headers, request id, errors, log line, metrics', async () => {
    const w = await h().world()
    const { services, lines, control } = failingServices(h())
    const both = await serveBoth(services)
    const check = { permission: 'read', object_type: 'organization', object_id: w.org.id }
    const bearer = {
      'content-type': 'application/json',
      authorization: `Bearer ${w.owner.keySecret}`,
    }
    const one = JSON.stringify(check)
    type Case = {
      readonly name: string
      readonly headers: Record<string, string>
      readonly body: string
      /** Thrown where both paths ask the decision cache for the org. */
      readonly failure?: unknown
      /** x-request-id sent: 'sane' (echoed), else a string the server must replace. */
      readonly requestId?: 'sane' | string
      /** The general path refuses before reading the body (so it closes the connection). */
      readonly unreadOnGeneral?: true
      readonly expect?: { status: number; headers?: Record<string, string | null> }
    }
    const cases: Case[] = [
      { name: 'allowed, id echoed', headers: bearer, body: one, requestId: 'sane' },
      { name: 'id generated', headers: bearer, body: one },
      { name: 'id with a space', headers: bearer, body: one, requestId: 'not sane' },
      { name: 'id too long', headers: bearer, body: one, requestId: 'x'.repeat(65) },
      {
        name: 'denied, two checks',
        headers: bearer,
        body: JSON.stringify({
          checks: [check, { ...check, object_type: 'project', object_id: w.org.id }],
        }),
        requestId: 'sane',
      },
      {
        name: 'malformed JSON',
        headers: bearer,
        body: '{',
        requestId: 'sane',
        expect: { status: 400 },
      },
      {
        name: 'unknown key',
        headers: { ...bearer, authorization: `Bearer sk-${'a'.repeat(38)}` },
        body: one,
        requestId: 'sane',
        unreadOnGeneral: true,
        expect: { status: 401 },
      },
      {
        name: 'no scheme',
        headers: { ...bearer, authorization: 'Token abc' },
        body: one,
        unreadOnGeneral: true,
        expect: { status: 401 },
      },
      ...oneCodePerKind().map(
        (code): Case => ({
          name: `thrown ${code}`,
          headers: bearer,
          body: one,
          requestId: 'sane',
          failure: new AppError(code, code === 'RATE_LIMITED' ? undefined : { field: 'x' }),
          expect: {
            status: STATUS_BY_KIND[ERRORS[code].kind],
            // A body too large always closes: the rest of it may still be on the wire.
            headers: code === 'PAYLOAD_TOO_LARGE' ? { connection: 'close' } : {},
          },
        }),
      ),
      {
        name: 'rate limited, with when',
        headers: bearer,
        body: one,
        requestId: 'sane',
        failure: new AppError('RATE_LIMITED', { retry_after_seconds: 2.2 }),
        expect: { status: 429, headers: { 'retry-after': '3' } },
      },
      {
        name: 'rate limited, soon',
        headers: bearer,
        body: one,
        failure: new AppError('RATE_LIMITED', { retry_after_seconds: 0.01 }),
        expect: { status: 429, headers: { 'retry-after': '1' } },
      },
      {
        name: 'not an AppError',
        headers: bearer,
        body: one,
        requestId: 'sane',
        failure: new Error('the database is on fire'),
        expect: { status: 500 },
      },
    ]

    const sendOne = async (served: Served, c: Case, index: number, path: 'lane' | 'hono') => {
      const sent = c.requestId === 'sane' ? `${path}-${index}` : c.requestId
      const headers = sent === undefined ? c.headers : { ...c.headers, 'x-request-id': sent }
      const res = await fetch(`${served.url}/v1/authorize`, {
        method: 'POST',
        headers,
        body: c.body,
      })
      const id = res.headers.get('x-request-id') ?? ''
      if (c.requestId === 'sane') {
        expect(id, c.name).toBe(sent)
      } else {
        expect(id, c.name).toMatch(UUID)
      }
      const body = JSON.parse(await res.text()) as { error?: { request_id?: string } }
      if (body.error !== undefined) {
        expect(body.error.request_id, c.name).toBe(id)
        body.error.request_id = '(request id)'
      }
      const seen: Record<string, string> = {}
      for (const [name, value] of res.headers) {
        if (
          !DIFFERING.has(name) &&
          !(c.unreadOnGeneral && ['connection', 'keep-alive'].includes(name))
        ) {
          seen[name] = value
        }
      }
      // Whatever the log says of this request, minus what differs per run.
      const logged = lines
        .filter((line) => line.request_id === id)
        .map(
          ({ time, pid, hostname, ms, request_id, err, ...rest }): Record<string, unknown> => ({
            ...rest,
            ...(typeof ms === 'number' ? { ms: 'number' } : {}),
            ...(err === undefined ? {} : { err: (err as { message?: string }).message }),
          }),
        )
      return { status: res.status, headers: seen, body, logged }
    }

    try {
      for (const [index, c] of cases.entries()) {
        control.failure = c.failure
        const before = both.lane.general
        const viaLane = await sendOne(both.lane, c, index, 'lane')
        const viaHono = await sendOne(both.plain, c, index, 'hono')
        control.failure = undefined
        expect({ name: c.name, ...viaLane }).toEqual({ name: c.name, ...viaHono })
        expect({ name: c.name, general: both.lane.general }).toEqual({
          name: c.name,
          general: before,
        })
        expect({ name: c.name, status: viaLane.status }).toEqual({
          name: c.name,
          status: c.expect?.status ?? 200,
        })
        for (const [name, value] of Object.entries(c.expect?.headers ?? {})) {
          expect({ case: c.name, [name]: viaLane.headers[name] ?? null }).toEqual({
            case: c.name,
            [name]: value,
          })
        }
        if (c.expect?.headers?.['retry-after'] === undefined) {
          expect({ case: c.name, retry: viaLane.headers['retry-after'] }).toEqual({
            case: c.name,
            retry: undefined,
          })
        }
        // One summary line each, with the principal once the credential is known; an internal
        // error also logs its cause.
        const summary = viaLane.logged.filter((line) => line.msg === 'request')
        expect({ name: c.name, lines: summary.length }).toEqual({ name: c.name, lines: 1 })
        expect(summary[0]).toMatchObject({
          method: 'POST',
          route: '/v1/authorize',
          status: viaLane.status,
          ms: 'number',
        })
        expect(viaLane.logged.some((line) => line.msg === 'unhandled error')).toBe(
          viaLane.status === 500,
        )
      }

      // The same requests, so the same counts: by route and status, timed, and the decisions.
      const series = async (metrics: Metrics) =>
        (await metrics.render())
          .split('\n')
          .filter(
            (line) =>
              line.startsWith('gatehouse_http_requests_total{') ||
              line.startsWith('gatehouse_http_request_duration_seconds_count{') ||
              line.startsWith('gatehouse_authorize_decisions_total{'),
          )
      const laneSeries = await series(both.lane.metrics)
      expect(laneSeries).toEqual(await series(both.plain.metrics))
      expect(laneSeries).toContain(
        'gatehouse_http_requests_total{method="POST",route="/v1/authorize",status="429"} 3',
      )
      // Five answers of one check and one of two (the second names no project); refusals count none.
      expect(laneSeries.filter((line) => line.startsWith('gatehouse_authorize_decisions'))).toEqual(
        [
          'gatehouse_authorize_decisions_total{outcome="allowed"} 5',
          'gatehouse_authorize_decisions_total{outcome="denied"} 1',
        ],
      )
    } finally {
      await both.lane.close()
      await both.plain.close()
    }
  })

  it('survives callers that leave mid-body, and keeps answering', async () => {
    const w = await h().world()
    const { port } = new URL(servers.lane.url)
    for (let i = 0; i < 20; i++) {
      const socket = connect(Number(port), '127.0.0.1')
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
      socket.write(
        'POST /v1/authorize HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n' +
          `authorization: Bearer ${w.owner.keySecret}\r\ncontent-length: 500\r\n\r\n{"checks":`,
      )
      socket.destroy()
    }
    const reply = await fetch(`${servers.lane.url}/v1/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${w.owner.keySecret}` },
      body: JSON.stringify({
        permission: 'read',
        object_type: 'organization',
        object_id: w.org.id,
      }),
    })
    expect(reply.status).toBe(200)
    expect(((await reply.json()) as { allowed: boolean }).allowed).toBe(true)
  })

  it('leaves what it does not handle to the general path, unread', async () => {
    const w = await h().world()
    const body = JSON.stringify({
      checks: [{ permission: 'read', object_type: 'organization', object_id: w.org.id }],
    })
    const odd: [string, RequestInit][] = [
      ['text body', { headers: { authorization: `Bearer ${w.owner.keySecret}` }, body }],
      [
        'impersonation',
        {
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${w.owner.keySecret}`,
            'x-bt-impersonate-user': w.owner.user.id,
          },
          body,
        },
      ],
      ['no credential', { headers: { 'content-type': 'application/json' }, body }],
    ]
    for (const [name, init] of odd) {
      const before = servers.lane.general
      const viaLane = await fetch(`${servers.lane.url}/v1/authorize`, { method: 'POST', ...init })
      const viaPlain = await fetch(`${servers.plain.url}/v1/authorize`, { method: 'POST', ...init })
      expect({ name, status: viaLane.status }).toEqual({ name, status: viaPlain.status })
      expect({ name, general: servers.lane.general }).toEqual({ name, general: before + 1 })
    }
  })
})
