import { type AddressInfo, connect } from 'node:net'
import { createAcl, createProject, deleteApiKey, hashSecret } from '@gatehouse/core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../app.js'
import { authorizeFastLane } from './fast-lane.js'
import { createNodeServer } from './node-server.js'
import { describeHttp, type Harness } from './testing/harness.js'

interface Served {
  readonly url: string
  /** Requests that reached the general path (Hono). */
  general: number
  close(): Promise<void>
}

async function serveBoth(h: Harness): Promise<{ lane: Served; plain: Served }> {
  const start = async (withLane: boolean): Promise<Served> => {
    const app = buildApp(h.services)
    const served: Served = { url: '', general: 0, close: async () => undefined }
    const handlers = {
      fetch: (request: Request, env: unknown) => {
        served.general++
        return app.fetch(request, env)
      },
      lane: withLane ? authorizeFastLane(h.services) : undefined,
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

describeHttp('the /v1/authorize fast lane', (h) => {
  let servers: Awaited<ReturnType<typeof serveBoth>>
  beforeAll(async () => {
    servers = await serveBoth(h())
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
