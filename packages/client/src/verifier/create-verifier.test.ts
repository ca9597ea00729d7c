import { describe, expect, it } from 'vitest'
import { createApi } from '../api.js'
import { GatehouseApiError, isGatehouseApiError } from '../errors.js'
import { describeGatehouse } from '../testing/index.js'
import { type Check, createVerifier } from './create-verifier.js'

const PROJECT = '0b5a2f6e-7c1d-4e8a-9f3b-2d6c8e0a1b4c'
const OTHER = '1c6b3a7f-8d2e-4f9b-8a4c-3e7d9f1b2c5d'
const PRINCIPAL = {
  user_id: '2d7c4b8a-9e3f-4a0c-9b5d-4f8e0a2c3d6e',
  kind: 'user',
  org_id: '3e8d5c9b-af40-4b1d-8c6e-5a9f1b3d4e7f',
  credential_kind: 'api_key',
  impersonator_user_id: null,
} as const

interface AuthorizeBody {
  checks: { permission: string; object_type: string; object_id: string; project_id?: string }[]
}

/**
 * A stand-in for /v1/authorize: `sk-good` may read and nothing else; any other credential is
 * refused with 401. It records every request, so tests can count them.
 */
function fakeGatehouse(options: { status?: number } = {}) {
  const requests: { credential: string; body: AuthorizeBody }[] = []
  const fetch = async (_input: string | URL | Request, init?: RequestInit) => {
    const credential = new Headers(init?.headers).get('authorization')?.replace('Bearer ', '') ?? ''
    const body = JSON.parse(String(init?.body)) as AuthorizeBody
    requests.push({ credential, body })
    if (options.status !== undefined) {
      return Response.json(
        { error: { code: 'INTERNAL', message: 'Internal error', request_id: 'r' } },
        { status: options.status },
      )
    }
    if (credential !== 'sk-good') {
      return Response.json(
        { error: { code: 'UNAUTHENTICATED', message: 'm', request_id: 'r' } },
        { status: 401 },
      )
    }
    return Response.json({
      principal: PRINCIPAL,
      results: body.checks.map((c) => ({ allowed: c.permission === 'read' })),
    })
  }
  return { requests, fetch: fetch as typeof globalThis.fetch }
}

function fakeClock(start = 1_000_000) {
  let now = start
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms
    },
  }
}

const read = (objectId = PROJECT): Check => ({
  permission: 'read',
  objectType: 'project',
  objectId,
})

describe('createVerifier: the cache', () => {
  it('answers a repeated check from the cache, without a request', async () => {
    const server = fakeGatehouse()
    const verifier = createVerifier({ baseUrl: 'http://gh', fetch: server.fetch })
    expect(await verifier.check('sk-good', 'read', 'project', PROJECT)).toBe(true)
    expect(await verifier.check('sk-good', 'read', 'project', PROJECT)).toBe(true)
    expect(await verifier.check('sk-good', 'delete', 'project', PROJECT)).toBe(false)
    expect(await verifier.check('sk-good', 'delete', 'project', PROJECT)).toBe(false)
    expect(server.requests).toHaveLength(2)
    const { principal, decisions } = await verifier.authorize('sk-good', [read()])
    expect(principal).toEqual(PRINCIPAL)
    expect(decisions).toEqual([true])
    expect(server.requests).toHaveLength(2)
  })

  it('asks again once the TTL has passed (the revocation bound)', async () => {
    const server = fakeGatehouse()
    const clock = fakeClock()
    const verifier = createVerifier({ baseUrl: 'http://gh', fetch: server.fetch, ...clock })
    await verifier.check('sk-good', 'read', 'project', PROJECT)
    clock.advance(999)
    await verifier.check('sk-good', 'read', 'project', PROJECT)
    expect(server.requests).toHaveLength(1)
    clock.advance(1)
    await verifier.check('sk-good', 'read', 'project', PROJECT)
    expect(server.requests).toHaveLength(2)
  })

  it('sends the misses of one call in one request, and only the misses', async () => {
    const server = fakeGatehouse()
    const verifier = createVerifier({ baseUrl: 'http://gh', fetch: server.fetch })
    await verifier.authorize('sk-good', [read()])
    const { decisions } = await verifier.authorize('sk-good', [
      read(),
      { permission: 'update', objectType: 'project', objectId: PROJECT },
      read(OTHER),
      read(OTHER),
      { permission: 'read', objectType: 'experiment', objectId: OTHER, projectId: PROJECT },
    ])
    expect(decisions).toEqual([true, false, true, true, true])
    expect(server.requests).toHaveLength(2)
    expect(server.requests[1]?.body.checks).toEqual([
      { permission: 'update', object_type: 'project', object_id: PROJECT },
      { permission: 'read', object_type: 'project', object_id: OTHER },
      { permission: 'read', object_type: 'experiment', object_id: OTHER, project_id: PROJECT },
    ])
    expect(server.requests[1]?.credential).toBe('sk-good')
  })

  it('splits more than 100 misses into requests of at most 100 checks', async () => {
    const server = fakeGatehouse()
    const verifier = createVerifier({ baseUrl: 'http://gh', fetch: server.fetch })
    const ids = Array.from(
      { length: 150 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    )
    const { decisions } = await verifier.authorize('sk-good', ids.map(read))
    expect(decisions).toHaveLength(150)
    expect(decisions.every((d) => d)).toBe(true)
    expect(server.requests.map((r) => r.body.checks.length)).toEqual([100, 50])
  })

  it('shares one request between identical lookups in flight', async () => {
    const server = fakeGatehouse()
    const verifier = createVerifier({ baseUrl: 'http://gh', fetch: server.fetch })
    const answers = await Promise.all([
      verifier.check('sk-good', 'read', 'project', PROJECT),
      verifier.check('sk-good', 'read', 'project', PROJECT),
      verifier.authorize('sk-good', [read(), read()]),
    ])
    expect(answers).toEqual([true, true, { principal: PRINCIPAL, decisions: [true, true] }])
    expect(server.requests).toHaveLength(1)
  })

  it('caches a refused credential as unauthenticated for the TTL', async () => {
    const server = fakeGatehouse()
    const clock = fakeClock()
    const verifier = createVerifier({ baseUrl: 'http://gh', fetch: server.fetch, ...clock })
    const refused = await verifier.authorize('sk-bad', [read(), read(OTHER)])
    expect(refused).toEqual({ principal: null, decisions: [false, false] })
    // Any check of that credential, even one never asked, is refused from the cache.
    expect(await verifier.check('sk-bad', 'delete', 'project', OTHER)).toBe(false)
    expect(server.requests).toHaveLength(1)
    clock.advance(1000)
    expect(await verifier.check('sk-bad', 'read', 'project', PROJECT)).toBe(false)
    expect(server.requests).toHaveLength(2)
  })

  it('stays within maxEntries under a stream of unknown keys, evicting the least recent', async () => {
    const server = fakeGatehouse()
    const verifier = createVerifier({ baseUrl: 'http://gh', fetch: server.fetch, maxEntries: 3 })
    for (let i = 0; i < 50; i += 1) {
      await verifier.check(`sk-unknown-${i}`, 'read', 'project', PROJECT)
      expect(verifier.size).toBeLessThanOrEqual(3)
    }
    expect(server.requests).toHaveLength(50)

    verifier.clear()
    await verifier.check('sk-good', 'read', 'project', PROJECT)
    await verifier.check('sk-good', 'read', 'project', OTHER)
    await verifier.check('sk-bad', 'read', 'project', PROJECT)
    // A read makes PROJECT the most recent, so the next entry evicts OTHER instead.
    await verifier.check('sk-good', 'read', 'project', PROJECT)
    await verifier.check('sk-other', 'read', 'project', PROJECT)
    const before = server.requests.length
    await verifier.check('sk-good', 'read', 'project', PROJECT)
    expect(server.requests.length).toBe(before)
    await verifier.check('sk-good', 'read', 'project', OTHER)
    expect(server.requests.length).toBe(before + 1)
  })

  it('forgets everything on clear(), including answers still in flight', async () => {
    const server = fakeGatehouse()
    const verifier = createVerifier({ baseUrl: 'http://gh', fetch: server.fetch })
    const inFlight = verifier.check('sk-good', 'read', 'project', PROJECT)
    verifier.clear()
    expect(await inFlight).toBe(true)
    expect(verifier.size).toBe(0)
    await verifier.check('sk-good', 'read', 'project', PROJECT)
    verifier.clear()
    await verifier.check('sk-good', 'read', 'project', PROJECT)
    expect(server.requests).toHaveLength(3)
  })

  it('caches nothing with ttlMs 0', async () => {
    const server = fakeGatehouse()
    const verifier = createVerifier({ baseUrl: 'http://gh', fetch: server.fetch, ttlMs: 0 })
    await verifier.check('sk-good', 'read', 'project', PROJECT)
    await verifier.check('sk-bad', 'read', 'project', PROJECT)
    await verifier.check('sk-bad', 'read', 'project', PROJECT)
    expect(server.requests).toHaveLength(3)
    expect(verifier.size).toBe(0)
  })

  it('rejects when Gatehouse cannot answer, and caches no failure', async () => {
    const server = fakeGatehouse({ status: 500 })
    const verifier = createVerifier({ baseUrl: 'http://gh', fetch: server.fetch })
    const err = await verifier.check('sk-good', 'read', 'project', PROJECT).catch((e) => e)
    expect(isGatehouseApiError(err, 'INTERNAL')).toBe(true)
    await verifier.check('sk-good', 'read', 'project', PROJECT).catch(() => undefined)
    expect(server.requests).toHaveLength(2)
    const down = createVerifier({
      baseUrl: 'http://gh',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    })
    const network = await down.check('sk-good', 'read', 'project', PROJECT).catch((e) => e)
    expect(network).toBeInstanceOf(GatehouseApiError)
    expect((network as GatehouseApiError).code).toBe('NETWORK')
  })

  it('refuses options it cannot honour and a call without checks', async () => {
    expect(() => createVerifier({ baseUrl: 'http://gh', maxEntries: 0 })).toThrow(RangeError)
    expect(() => createVerifier({ baseUrl: 'http://gh', ttlMs: -1 })).toThrow(RangeError)
    const verifier = createVerifier({ baseUrl: 'http://gh', fetch: fakeGatehouse().fetch })
    await expect(verifier.authorize('sk-good', [])).rejects.toThrow(RangeError)
  })
})

describeGatehouse('createVerifier against a running Gatehouse', (g) => {
  function counted() {
    let requests = 0
    const fetch: typeof globalThis.fetch = (input, init) => {
      requests += 1
      return globalThis.fetch(input, init)
    }
    return { fetch, requests: () => requests }
  }

  it("answers with the member's principal and decisions, then from the cache", async () => {
    const world = await g().world()
    const viewer = await g().member(world, ['viewers'])
    const project = await createApi({ baseUrl: g().url, token: world.owner.key }).createProject({
      body: { name: 'data' },
    })
    const wire = counted()
    const verifier = createVerifier({ baseUrl: g().url, fetch: wire.fetch })
    const answer = await verifier.authorize(viewer.key, [
      { permission: 'read', objectType: 'project', objectId: project.id },
      { permission: 'delete', objectType: 'project', objectId: project.id },
    ])
    expect(answer.principal).toMatchObject({
      user_id: viewer.userId,
      org_id: world.org.id,
      credential_kind: 'api_key',
    })
    expect(answer.decisions).toEqual([true, false])
    expect(await verifier.check(viewer.key, 'read', 'project', project.id)).toBe(true)
    expect(await verifier.check(viewer.key, 'delete', 'project', project.id)).toBe(false)
    expect(wire.requests()).toBe(1)
  })

  it('refuses a revoked key once the TTL has passed', async () => {
    const world = await g().world()
    const viewer = await g().member(world, ['viewers'])
    const owner = createApi({ baseUrl: g().url, token: world.owner.key })
    const project = await owner.createProject({ body: { name: 'logs' } })
    const clock = fakeClock()
    const wire = counted()
    const verifier = createVerifier({ baseUrl: g().url, fetch: wire.fetch, ttlMs: 1000, ...clock })
    expect(await verifier.check(viewer.key, 'read', 'project', project.id)).toBe(true)

    await owner.deleteApiKey({ params: { api_key_id: viewer.keyId } })
    // Within the TTL the cached answer stands: that is the bound the TTL documents.
    expect(await verifier.check(viewer.key, 'read', 'project', project.id)).toBe(true)
    clock.advance(1000)
    expect(await verifier.authorize(viewer.key, [read(project.id)])).toEqual({
      principal: null,
      decisions: [false],
    })
    expect(wire.requests()).toBe(2)
    // The refusal is cached too: a revoked key hammering the data plane costs one request a TTL.
    expect(await verifier.check(viewer.key, 'update', 'project', project.id)).toBe(false)
    expect(wire.requests()).toBe(2)
  })

  it('refuses unknown and malformed credentials', async () => {
    const verifier = createVerifier({ baseUrl: g().url })
    expect(await verifier.check('sk-not-a-real-key', 'read', 'project', PROJECT)).toBe(false)
    expect(await verifier.check('', 'read', 'project', PROJECT)).toBe(false)
  })
})
