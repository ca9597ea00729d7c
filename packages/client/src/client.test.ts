import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createClient, csrfTokenFromCookie, type GatehouseClient, queryString } from './client.js'
import { GatehouseApiError, isGatehouseApiError } from './errors.js'

interface Call {
  readonly url: string
  readonly method: string
  readonly headers: Record<string, string>
  readonly credentials: RequestInit['credentials']
  readonly body: unknown
}

type Responder = (call: Call) => Response | Promise<Response>

/** A fetch that records every call and answers with `respond`. */
function fakeFetch(respond: Responder = () => Response.json({})) {
  const calls: Call[] = []
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const headers: Record<string, string> = {}
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value
    })
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      credentials: init?.credentials,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
    }
    calls.push(call)
    return respond(call)
  }
  return { calls, fetch: fetch as typeof globalThis.fetch }
}

const ID = '0b5a2f6e-7c1d-4e8a-9f3b-2d6c8e0a1b4c'

function errorReply(status: number, code: string, message: string, init: ResponseInit = {}) {
  return Response.json({ error: { code, message, request_id: 'req-1' } }, { status, ...init })
}

describe('createClient: requests', () => {
  it('sends same-origin credentials, JSON bodies and the CSRF header on writes only', async () => {
    const { calls, fetch } = fakeFetch()
    let csrf: string | undefined = 'csrf-123'
    const client = createClient({ fetch, csrfToken: () => csrf })
    await client.projects.list({ org_name: 'acme' })
    await client.projects.create({ name: 'web', org_name: 'acme' })
    csrf = undefined
    await client.projects.delete(ID)

    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ['GET', '/v1/project?org_name=acme'],
      ['POST', '/v1/project'],
      ['DELETE', `/v1/project/${ID}`],
    ])
    expect(calls.every((c) => c.credentials === 'same-origin')).toBe(true)
    expect(calls[0]?.headers['x-csrf-token']).toBeUndefined()
    expect(calls[0]?.headers['content-type']).toBeUndefined()
    expect(calls[1]?.headers['x-csrf-token']).toBe('csrf-123')
    expect(calls[1]?.headers['content-type']).toBe('application/json')
    expect(calls[1]?.body).toEqual({ name: 'web', org_name: 'acme' })
    // The token is read per request: a logged-out session sends none.
    expect(calls[2]?.headers['x-csrf-token']).toBeUndefined()
    expect(calls[2]?.body).toBeUndefined()
  })

  it('sends a Bearer token when given one, and joins the base URL without a double slash', async () => {
    const { calls, fetch } = fakeFetch()
    const client = createClient({ fetch, token: 'sk-abc', baseUrl: 'https://gh.example.com/' })
    await client.auth.session()
    expect(calls[0]?.url).toBe('https://gh.example.com/auth/session')
    expect(calls[0]?.headers.authorization).toBe('Bearer sk-abc')
  })

  it('repeats array query parameters, skips unset ones and encodes values and ids', async () => {
    const { calls, fetch } = fakeFetch()
    const client = createClient({ fetch })
    await client.users.list({ ids: ['a', 'b'], email: ['x+y@acme.test'], limit: 10 })
    await client.groups.get('a/b?c')
    await client.auditLog.list({ org_name: 'a&b', since: undefined, action: 'group.create' })
    expect(calls[0]?.url).toBe('/v1/user?ids=a&ids=b&email=x%2By%40acme.test&limit=10')
    expect(calls[1]?.url).toBe('/v1/group/a%2Fb%3Fc')
    expect(calls[2]?.url).toBe('/v1/audit_log?org_name=a%26b&action=group.create')
    expect(queryString({})).toBe('')
    expect(queryString({ a: null, b: undefined, c: false })).toBe('?c=false')
  })

  it('unwraps { objects } lists and returns list_org as the bare array the API sends', async () => {
    const project = { id: ID, name: 'web' }
    const { fetch } = fakeFetch((call) =>
      call.url.startsWith('/v1/acl/list_org')
        ? Response.json([{ id: 'acl-1' }])
        : Response.json({ objects: [project] }),
    )
    const client = createClient({ fetch })
    expect(await client.projects.list()).toEqual([project])
    expect(await client.acls.listOrg({ org_name: 'acme' })).toEqual([{ id: 'acl-1' }])
  })

  it('sends invitation tokens in the body, never in the URL', async () => {
    const { calls, fetch } = fakeFetch()
    const client = createClient({ fetch })
    await client.invitations.preview('inv-secret')
    await client.invitations.accept({ token: 'inv-secret', password: 'a long password' })
    expect(calls.map((c) => c.url)).toEqual(['/v1/invitation/preview', '/v1/invitation/accept'])
    expect(calls[0]?.body).toEqual({ token: 'inv-secret' })
    expect(calls[1]?.body).toEqual({ token: 'inv-secret', password: 'a long password' })
  })
})

describe('createClient: errors', () => {
  it("throws GatehouseApiError with the API's code, message and request id, word for word", async () => {
    const { fetch } = fakeFetch(() =>
      errorReply(403, 'API_KEY_CANNOT_CREATE_API_KEY', 'API keys cannot create API keys'),
    )
    const client = createClient({ fetch, token: 'sk-x' })
    const err = await client.apiKeys.create({ name: 'ci' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GatehouseApiError)
    expect(isGatehouseApiError(err, 'API_KEY_CANNOT_CREATE_API_KEY')).toBe(true)
    expect(isGatehouseApiError(err, 'NETWORK')).toBe(false)
    const apiError = err as GatehouseApiError
    expect(apiError.status).toBe(403)
    expect(apiError.message).toBe('API keys cannot create API keys')
    expect(apiError.requestId).toBe('req-1')
    expect(apiError.details).toBeUndefined()
  })

  it('carries details and the Retry-After of a 429', async () => {
    const { fetch } = fakeFetch(() =>
      Response.json(
        {
          error: {
            code: 'RATE_LIMITED',
            message: 'Too many requests; retry later',
            request_id: 'req-2',
            details: { retry_after_seconds: 1800 },
          },
        },
        { status: 429, headers: { 'retry-after': '1800' } },
      ),
    )
    const err = await createClient({ fetch })
      .auth.login({ email: 'a@b.test', password: 'x' })
      .catch((e: unknown) => e)
    expect(isGatehouseApiError(err, 'RATE_LIMITED')).toBe(true)
    expect((err as GatehouseApiError).retryAfterSeconds).toBe(1800)
    expect((err as GatehouseApiError).details).toEqual({ retry_after_seconds: 1800 })
  })

  it('reads the retry time from the details when the header is missing', async () => {
    const { fetch } = fakeFetch(() =>
      Response.json(
        {
          error: {
            code: 'RATE_LIMITED',
            message: 'm',
            request_id: 'r',
            details: { retry_after_seconds: 60 },
          },
        },
        { status: 429 },
      ),
    )
    const err = await createClient({ fetch })
      .auth.session()
      .catch((e: unknown) => e)
    expect((err as GatehouseApiError).retryAfterSeconds).toBe(60)
  })

  it('turns a response that is no envelope into UNEXPECTED_RESPONSE with the status', async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response('<html>Bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'x-request-id': 'edge-9' },
        }),
    )
    const err = await createClient({ fetch })
      .auth.session()
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GatehouseApiError)
    expect((err as GatehouseApiError).code).toBe('UNEXPECTED_RESPONSE')
    expect((err as GatehouseApiError).status).toBe(502)
    expect((err as GatehouseApiError).message).toBe('The server answered 502 Bad Gateway')
    expect((err as GatehouseApiError).requestId).toBe('edge-9')
  })

  it('turns a network failure into a NETWORK error with status 0, keeping the cause', async () => {
    const cause = new TypeError('fetch failed')
    const fetch = (() => Promise.reject(cause)) as typeof globalThis.fetch
    const err = await createClient({ fetch })
      .users.list()
      .catch((e: unknown) => e)
    expect(isGatehouseApiError(err, 'NETWORK')).toBe(true)
    expect((err as GatehouseApiError).status).toBe(0)
    expect((err as GatehouseApiError).message).toBe('Could not reach the Gatehouse server')
    expect((err as GatehouseApiError).cause).toBe(cause)
  })

  it('resolves an empty 2xx body to undefined instead of failing to parse it', async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 204 }))
    await expect(createClient({ fetch }).auth.logout()).resolves.toBeUndefined()
  })
})

describe('csrfTokenFromCookie', () => {
  it('finds the readable CSRF cookie among others and decodes it', () => {
    expect(csrfTokenFromCookie('a=1; gatehouse_csrf=abc%2Bdef; b=2')).toBe('abc+def')
    expect(csrfTokenFromCookie('gatehouse_csrf=xyz')).toBe('xyz')
    expect(csrfTokenFromCookie('x_gatehouse_csrf=no; other=1')).toBeUndefined()
    expect(csrfTokenFromCookie('gatehouse_csrf=')).toBeUndefined()
    expect(csrfTokenFromCookie('')).toBeUndefined()
  })
})

/** Every method of the client with placeholder arguments, so the route table can be checked. */
function callEverything(client: GatehouseClient): Promise<unknown>[] {
  const acl = {
    object_type: 'project' as const,
    object_id: ID,
    group_id: ID,
    permission: 'read' as const,
  }
  return [
    client.auth.login({ email: 'a@b.test', password: 'p' }),
    client.auth.logout(),
    client.auth.session(),
    client.auth.setup({ token: 't', org_name: 'o', email: 'a@b.test', password: 'p' }),
    client.auth.changePassword({ current_password: 'a', new_password: 'b' }),
    client.organizations.list(),
    client.organizations.get(ID),
    client.organizations.patch(ID, { name: 'n' }),
    client.organizations.updateMembers({ invite_users: { emails: ['a@b.test'] } }),
    client.invitations.list(),
    client.invitations.revoke(ID),
    client.invitations.preview('t'),
    client.invitations.accept({ token: 't' }),
    client.users.list(),
    client.users.get(ID),
    client.projects.list(),
    client.projects.create({ name: 'p' }),
    client.projects.get(ID),
    client.projects.patch(ID, { name: 'q' }),
    client.projects.delete(ID),
    client.groups.list(),
    client.groups.create({ name: 'g' }),
    client.groups.get(ID),
    client.groups.patch(ID, { name: 'h' }),
    client.groups.delete(ID),
    client.roles.list(),
    client.acls.list({ object_type: 'project', object_id: ID }),
    client.acls.create(acl),
    client.acls.delete(ID),
    client.acls.batchUpdate({ add_acls: [acl] }),
    client.acls.listOrg(),
    client.acls.explain({ user_id: ID, object_type: 'project', object_id: ID }),
    client.apiKeys.list({ scope: 'org' }),
    client.apiKeys.create({ name: 'k' }),
    client.apiKeys.delete(ID),
    client.serviceAccounts.list(),
    client.serviceAccounts.create({ name: 's' }),
    client.serviceAccounts.delete(ID),
    client.serviceTokens.list(),
    client.serviceTokens.create({ name: 't', service_account_id: ID }),
    client.serviceTokens.delete(ID),
    client.auditLog.list(),
    client.authorize({ checks: [{ permission: 'read', object_type: 'project', object_id: ID }] }),
  ]
}

describe('createClient: the route table', () => {
  it('calls only routes that the committed OpenAPI document declares, with their methods', async () => {
    const document = JSON.parse(
      readFileSync(new URL('../../../openapi.json', import.meta.url), 'utf8'),
    ) as { paths: Record<string, Record<string, unknown>> }
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({
        method: method.toUpperCase(),
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      })),
    )
    const { calls, fetch } = fakeFetch((call) =>
      call.method === 'GET' ? Response.json({ objects: [] }) : Response.json({}),
    )
    await Promise.all(callEverything(createClient({ fetch })))
    expect(calls.length).toBe(43)
    const unknown = calls
      .map((c) => ({ method: c.method, path: new URL(c.url, 'http://x').pathname }))
      .filter((c) => !routes.some((r) => r.method === c.method && r.pattern.test(c.path)))
    expect(unknown).toEqual([])
  })
})
