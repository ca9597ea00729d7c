import { describe, expect, expectTypeOf, it } from 'vitest'
import { createApi } from './api.js'
import { GatehouseApiError, isGatehouseApiError } from './errors.js'
import type { OperationArgsOf, OperationErrorCodes, OperationResultOf, Schemas } from './index.js'
import { describeGatehouse } from './testing/index.js'

interface Call {
  readonly url: string
  readonly method: string
  readonly headers: Headers
  readonly body: unknown
  readonly signal: AbortSignal | null | undefined
}

function fakeFetch(respond: (call: Call) => Response = () => Response.json({})) {
  const calls: Call[] = []
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
      signal: init?.signal,
    }
    calls.push(call)
    return respond(call)
  }
  return { calls, fetch: fetch as typeof globalThis.fetch }
}

const ID = '0b5a2f6e-7c1d-4e8a-9f3b-2d6c8e0a1b4c'

describe('createApi: requests', () => {
  it('fills encoded path parameters, repeats array queries and sends bodies as JSON', async () => {
    const { calls, fetch } = fakeFetch()
    const api = createApi({ fetch, baseUrl: 'https://gh.example.com/', token: 'sk-abc' })
    await api.deleteApiKey({ params: { api_key_id: 'a/b?c' } })
    await api.listUsers({ query: { ids: [ID, ID], email: ['x+y@acme.test'], limit: 5 } })
    await api.createProject({ body: { name: 'web', org_name: 'acme' } })
    await api.healthz()

    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ['DELETE', 'https://gh.example.com/v1/api_key/a%2Fb%3Fc'],
      ['GET', `https://gh.example.com/v1/user?ids=${ID}&ids=${ID}&email=x%2By%40acme.test&limit=5`],
      ['POST', 'https://gh.example.com/v1/project'],
      ['GET', 'https://gh.example.com/healthz'],
    ])
    expect(calls.every((c) => c.headers.get('authorization') === 'Bearer sk-abc')).toBe(true)
    expect(calls[2]?.body).toEqual({ name: 'web', org_name: 'acme' })
    expect(calls[2]?.headers.get('content-type')).toBe('application/json')
    expect(calls[0]?.body).toBeUndefined()
    expect(calls[0]?.headers.get('content-type')).toBeNull()
  })

  it('passes per-call headers and the abort signal, and the CSRF token on writes only', async () => {
    const { calls, fetch } = fakeFetch()
    const api = createApi({ fetch, csrfToken: () => 'csrf-1' })
    const signal = new AbortController().signal
    await api.getSession({}, { headers: { 'x-bt-impersonate-user': 'a@b.test' }, signal })
    await api.logout()
    expect(calls[0]?.headers.get('x-bt-impersonate-user')).toBe('a@b.test')
    expect(calls[0]?.signal).toBe(signal)
    expect(calls[0]?.headers.get('x-csrf-token')).toBeNull()
    expect(calls[1]?.headers.get('x-csrf-token')).toBe('csrf-1')
  })

  it('refuses a call without its path parameter before sending anything', async () => {
    const { calls, fetch } = fakeFetch()
    const api = createApi({ fetch })
    const missing = { params: {} } as unknown as Parameters<typeof api.getProject>[0]
    expect(() => api.getProject(missing)).toThrow('needs the path parameter project_id')
    expect(calls).toEqual([])
  })

  it("rejects with a GatehouseApiError carrying the API's code, message and request id", async () => {
    const { fetch } = fakeFetch(() =>
      Response.json(
        {
          error: {
            code: 'OWNER_ONLY_KEY_INVENTORY',
            message: 'Only owners may list every key of the organization',
            request_id: 'req-7',
          },
        },
        { status: 403 },
      ),
    )
    const err = await createApi({ fetch })
      .listApiKeys({ query: { scope: 'org' } })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GatehouseApiError)
    expect(isGatehouseApiError(err, 'OWNER_ONLY_KEY_INVENTORY')).toBe(true)
    expect(err).toMatchObject({ status: 403, requestId: 'req-7' })
    expect((err as GatehouseApiError).message).toBe(
      'Only owners may list every key of the organization',
    )
  })
})

describe('createApi: types', () => {
  it('types arguments, results and error codes from the document (checked by tsc)', () => {
    expectTypeOf<OperationResultOf<'getApiKey'>>().toEqualTypeOf<Schemas.ApiKey>()
    expectTypeOf<OperationResultOf<'listOrgAcls'>>().toEqualTypeOf<Schemas.Acl[]>()
    expectTypeOf<OperationArgsOf<'deleteApiKey'>>().toEqualTypeOf<{
      params: { api_key_id: string }
    }>()
    expectTypeOf<NonNullable<OperationArgsOf<'listApiKeys'>['query']>['scope']>().toEqualTypeOf<
      'self' | 'org' | undefined
    >()
    expectTypeOf<Schemas.Acl['permission']>().toEqualTypeOf<Schemas.Permission | null>()
    expectTypeOf<OperationErrorCodes['deleteApiKey']>().toEqualTypeOf<
      'VALIDATION_FAILED' | 'UNAUTHENTICATED' | 'API_KEY_NOT_FOUND' | 'INTERNAL'
    >()
    expectTypeOf(createApi().createApiKey).parameter(0).toEqualTypeOf<{
      body: Schemas.CreateApiKey
    }>()
  })
})

describeGatehouse('createApi against a running Gatehouse', (g) => {
  it("lists the org's keys for an owner, with metadata and never a secret", async () => {
    const world = await g().world()
    const member = await g().member(world, ['engineers'])
    const api = createApi({ baseUrl: g().url, token: world.owner.key })
    const { objects } = await api.listApiKeys({ query: { scope: 'org' } })
    expect(objects.map((k) => k.id).sort()).toEqual([world.owner.keyId, member.keyId].sort())
    expect(objects.find((k) => k.id === member.keyId)?.user_email).toBe(member.email)
    const text = JSON.stringify(objects)
    expect(text).not.toContain(world.owner.key)
    expect(text).not.toContain(member.key)
  })

  it('refuses what the rules refuse, with the exact code, message and a request id', async () => {
    const world = await g().world()
    const member = await g().member(world, ['engineers'])
    const asMember = createApi({ baseUrl: g().url, token: member.key })
    const inventory = await asMember
      .listApiKeys({ query: { scope: 'org' } })
      .catch((e: unknown) => e)
    expect(isGatehouseApiError(inventory, 'OWNER_ONLY_KEY_INVENTORY')).toBe(true)
    expect((inventory as GatehouseApiError).status).toBe(403)

    const minted = await createApi({ baseUrl: g().url, token: world.owner.key })
      .createApiKey({ body: { name: 'from a key' } })
      .catch((e: unknown) => e)
    expect(isGatehouseApiError(minted, 'API_KEY_CANNOT_CREATE_API_KEY')).toBe(true)
    expect((minted as GatehouseApiError).message).toBe('API keys cannot create API keys')
    expect((minted as GatehouseApiError).requestId).toMatch(/.+/)
  })

  it('revokes a key: the next request with it is refused', async () => {
    const world = await g().world()
    const member = await g().member(world, ['viewers'])
    const asMember = createApi({ baseUrl: g().url, token: member.key })
    expect((await asMember.listApiKeys()).objects.map((k) => k.id)).toEqual([member.keyId])

    const owner = createApi({ baseUrl: g().url, token: world.owner.key })
    const revoked = await owner.deleteApiKey({ params: { api_key_id: member.keyId } })
    expect(revoked.revoked_at).not.toBeNull()

    const after = await asMember.listApiKeys().catch((e: unknown) => e)
    expect(isGatehouseApiError(after, 'UNAUTHENTICATED')).toBe(true)
    expect((after as GatehouseApiError).status).toBe(401)
  })

  it('creates and reads a project, and lists the ACLs on it with the required query', async () => {
    const world = await g().world()
    const api = createApi({ baseUrl: g().url, token: world.owner.key })
    const project = await api.createProject({ body: { name: 'web' } })
    expect((await api.getProject({ params: { project_id: project.id } })).name).toBe('web')
    const acls = await api.listAcls({
      query: { object_type: 'project', object_id: project.id },
    })
    expect(Array.isArray(acls.objects)).toBe(true)
    const unknown = await api.getProject({ params: { project_id: ID } }).catch((e: unknown) => e)
    expect(isGatehouseApiError(unknown, 'PROJECT_NOT_FOUND')).toBe(true)
  })
})
