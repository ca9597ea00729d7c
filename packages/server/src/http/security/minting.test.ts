import { createServiceToken, ERRORS, type ErrorCode, type User } from '@gatehouse/core'
import { addMember, auditEvents } from '@gatehouse/core/testing'
import { beforeAll, expect, it } from 'vitest'
import {
  type Credential,
  describeHttp,
  type Harness,
  type Member,
  type World,
} from '../testing/harness.js'

/*
 * Credentials never mint credentials (DESIGN.md rule 1): every credential kind × every endpoint
 * that creates a credential × every way a secret can travel. What decides is the credential,
 * never the transport: Bearer and both Basic forms are the same credential (403 with the rule),
 * a cookie or a custom header is no credential at all (401), a query string is refused (400).
 */

interface ErrorReply {
  error?: { code?: string; message?: string }
}
interface Listed {
  objects: { id: string }[]
}

type Endpoint = 'apiKey' | 'serviceTokenPost' | 'serviceTokenPut' | 'serviceAccount' | 'members'

interface CredentialKind {
  readonly name: string
  readonly secret: string
  /** Extra headers on every request (the impersonation header). */
  readonly headers?: Record<string, string>
  /** Which org's counts must stay unchanged. */
  readonly world: World
  /** The rule each endpoint refuses this credential with. */
  readonly refusals: Record<Endpoint, ErrorCode>
}

interface Transport {
  readonly name: string
  /** The request's credential and query for a secret. */
  carry(secret: string): { auth?: Credential; query?: Record<string, string> }
  /** undefined: the credential is seen, so the rule's 403 applies. */
  readonly expect?: { status: number; code: ErrorCode }
}

const TRANSPORTS: Transport[] = [
  { name: 'Bearer', carry: (secret) => ({ auth: { bearer: secret } }) },
  { name: 'Basic secret:x', carry: (secret) => ({ auth: { basic: `${secret}:x` } }) },
  { name: 'Basic x:secret', carry: (secret) => ({ auth: { basic: `x:${secret}` } }) },
  {
    name: 'session cookie',
    carry: (secret) => ({ auth: { headers: { cookie: `gatehouse_session=${secret}` } } }),
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    name: 'x-api-key header',
    carry: (secret) => ({ auth: { headers: { 'x-api-key': secret } } }),
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    name: 'x-bt-api-key header',
    carry: (secret) => ({ auth: { headers: { 'x-bt-api-key': secret } } }),
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    name: 'query string',
    carry: (secret) => ({ query: { api_key: secret } }),
    expect: { status: 400, code: 'CREDENTIAL_IN_URL' },
  },
]

/** The request of each credential-creating endpoint, with fresh names. */
function endpointRequest(
  endpoint: Endpoint,
  serviceAccountId: string,
  n: number,
): { method: string; path: string; body: unknown } {
  switch (endpoint) {
    case 'apiKey':
      return { method: 'POST', path: '/v1/api_key', body: { name: `minted-${n}` } }
    case 'serviceTokenPost':
      return {
        method: 'POST',
        path: '/v1/service_token',
        body: { name: `minted-${n}`, service_account_id: serviceAccountId },
      }
    case 'serviceTokenPut':
      return {
        method: 'PUT',
        path: '/v1/service_token',
        body: { name: `minted-${n}`, service_account_id: serviceAccountId },
      }
    case 'serviceAccount':
      return {
        method: 'POST',
        path: '/v1/service_account',
        body: { name: `robot-${n}`, token_name: `minted-${n}` },
      }
    case 'members':
      return {
        method: 'PATCH',
        path: '/v1/organization/members',
        body: { invite_users: { service_accounts: [{ name: `robot-${n}`, token_name: 'first' }] } },
      }
  }
}

const ENDPOINTS: Endpoint[] = [
  'apiKey',
  'serviceTokenPost',
  'serviceTokenPut',
  'serviceAccount',
  'members',
]

/** How many API keys (revoked ones too), service tokens and service accounts the org has. */
async function credentialCounts(h: Harness, w: World) {
  const count = async (path: string, query: Record<string, string> = {}) => {
    const reply = await h.request<Listed>('GET', path, { auth: w.owner.session, query })
    expect(reply.status, path).toBe(200)
    return reply.body.objects.length
  }
  return {
    apiKeys: await count('/v1/api_key', { scope: 'org' }),
    serviceTokens: await count('/v1/service_token'),
    serviceAccounts: await count('/v1/service_account'),
  }
}

async function tokenFor(h: Harness, w: World, account: User): Promise<string> {
  const { secret } = await createServiceToken(h.deps, w.owner.actor, {
    name: 'integration',
    serviceAccountId: account.id,
  })
  return secret
}

describeHttp('credentials never mint credentials', (h) => {
  // `open`: service tokens may mint (the default); `locked`: the owner switched that off.
  let open: World
  let locked: World
  let engineer: Member
  let target: User
  let ownerToken: string
  let kinds: CredentialKind[]
  /** The service account each org's token requests name. */
  const targets = new Map<string, string>()

  beforeAll(async () => {
    open = await h().world()
    locked = await h().world()
    const { engineers } = open.groups
    if (engineers === undefined) {
      throw new Error('an Enterprise org has Engineers')
    }
    engineer = await h().member(open, [engineers])
    target = await addMember(h().deps, open.org, { kind: 'service_account', name: 'target' })
    const worker = await addMember(h().deps, open.org, {
      kind: 'service_account',
      name: 'worker',
      groups: [engineers],
    })
    const openOwnerAccount = await addMember(h().deps, open.org, {
      kind: 'service_account',
      name: 'admin bot',
      groups: [open.groups.owners],
    })
    ownerToken = await tokenFor(h(), open, openOwnerAccount)
    const lockedOwnerAccount = await addMember(h().deps, locked.org, {
      kind: 'service_account',
      name: 'admin bot',
      groups: [locked.groups.owners],
    })
    const lockedOwnerToken = await tokenFor(h(), locked, lockedOwnerAccount)
    const lockedTarget = await addMember(h().deps, locked.org, { kind: 'service_account' })
    const off = await h().request<{ service_tokens_can_mint: boolean }>(
      'PATCH',
      `/v1/organization/${locked.org.id}`,
      { auth: locked.owner.session, body: { service_tokens_can_mint: false } },
    )
    expect(off.status).toBe(200)
    expect(off.body.service_tokens_can_mint).toBe(false)

    const apiKeyRefusals = {
      apiKey: 'API_KEY_CANNOT_CREATE_API_KEY',
      serviceTokenPost: 'API_KEY_CANNOT_CREATE_SERVICE_TOKEN',
      serviceTokenPut: 'API_KEY_CANNOT_CREATE_SERVICE_TOKEN',
      serviceAccount: 'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT',
    } as const
    kinds = [
      {
        name: "an engineer's API key",
        secret: engineer.keySecret,
        world: open,
        // Inviting anyone, service accounts included, needs create on org_member first.
        refusals: { ...apiKeyRefusals, members: 'PERMISSION_DENIED' },
      },
      {
        name: "the owner's API key",
        secret: open.owner.keySecret,
        world: open,
        refusals: { ...apiKeyRefusals, members: 'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT' },
      },
      {
        name: "the owner's API key impersonating the engineer",
        secret: open.owner.keySecret,
        headers: { 'x-bt-impersonate-user': engineer.user.id },
        world: open,
        refusals: { ...apiKeyRefusals, members: 'PERMISSION_DENIED' },
      },
      {
        name: "a non-owner service account's token",
        secret: await tokenFor(h(), open, worker),
        world: open,
        refusals: {
          apiKey: 'SERVICE_TOKEN_CANNOT_CREATE_API_KEY',
          serviceTokenPost: 'OWNER_REQUIRED',
          serviceTokenPut: 'OWNER_REQUIRED',
          serviceAccount: 'OWNER_REQUIRED',
          members: 'PERMISSION_DENIED',
        },
      },
      {
        name: 'an owner-level service token where the org switched minting off',
        secret: lockedOwnerToken,
        world: locked,
        refusals: {
          apiKey: 'SERVICE_TOKEN_CANNOT_CREATE_API_KEY',
          serviceTokenPost: 'SERVICE_TOKEN_MINTING_DISABLED',
          serviceTokenPut: 'SERVICE_TOKEN_MINTING_DISABLED',
          serviceAccount: 'SERVICE_TOKEN_MINTING_DISABLED',
          members: 'SERVICE_TOKEN_MINTING_DISABLED',
        },
      },
    ]
    targets.set(locked.org.id, lockedTarget.id)
    targets.set(open.org.id, target.id)
  })

  it('refuses every credential kind on every credential-creating endpoint over every transport', async () => {
    const before = [await credentialCounts(h(), open), await credentialCounts(h(), locked)]
    const problems: string[] = []
    let n = 0
    for (const kind of kinds) {
      for (const endpoint of ENDPOINTS) {
        for (const transport of TRANSPORTS) {
          const request = endpointRequest(endpoint, targets.get(kind.world.org.id) ?? '', ++n)
          const carried = transport.carry(kind.secret)
          const reply = await h().request<ErrorReply>(request.method, request.path, {
            ...carried,
            body: request.body,
            headers: kind.headers,
          })
          const code = transport.expect?.code ?? kind.refusals[endpoint]
          const status = transport.expect?.status ?? 403
          if (
            reply.status !== status ||
            reply.body.error?.code !== code ||
            reply.body.error.message !== ERRORS[code].message
          ) {
            problems.push(
              `${kind.name}, ${request.method} ${request.path}, ${transport.name}: expected ` +
                `${status} ${code}, got ${reply.status} ${JSON.stringify(reply.body)}`,
            )
          }
        }
      }
    }
    expect(problems).toEqual([])
    expect([await credentialCounts(h(), open), await credentialCounts(h(), locked)]).toEqual(before)
  })

  it("refuses an owner's session that impersonates a member: 'Impersonated requests cannot create credentials'", async () => {
    const before = await credentialCounts(h(), open)
    const headers = { 'x-bt-impersonate-user': engineer.user.email }
    const problems: string[] = []
    let n = 1000
    for (const endpoint of ENDPOINTS) {
      const request = endpointRequest(endpoint, target.id, ++n)
      const reply = await h().request<ErrorReply>(request.method, request.path, {
        auth: open.owner.session,
        body: request.body,
        headers,
      })
      // Inviting needs create on org_member, which the engineer being impersonated lacks.
      const code: ErrorCode =
        endpoint === 'members' ? 'PERMISSION_DENIED' : 'IMPERSONATION_CANNOT_MINT'
      if (reply.status !== 403 || reply.body.error?.message !== ERRORS[code].message) {
        problems.push(
          `${request.method} ${request.path}: ${reply.status} ${JSON.stringify(reply.body)}`,
        )
      }
    }
    expect(problems).toEqual([])
    expect(await credentialCounts(h(), open)).toEqual(before)
  })

  it('audits each refusal with the rule, the credential and the impersonator', async () => {
    const events = await auditEvents(h().deps, open.org.id)
    const refused = events.filter(
      (e) =>
        e.outcome === 'denied' &&
        e.action === 'api_key.create' &&
        e.reason === 'API_KEY_CANNOT_CREATE_API_KEY',
    )
    // One per transport that carried the key (Bearer and both Basic forms), per API-key kind.
    expect(refused.length).toBe(3 * 3)
    expect(
      refused.some(
        (e) => e.actor.impersonatorId === open.owner.user.id && e.actor.userId === engineer.user.id,
      ),
    ).toBe(true)
  })

  it('lets an owner session create an API key and a service token, and an owner-level service token create a service token', async () => {
    const before = await credentialCounts(h(), open)
    const key = await h().request<{ key: string }>('POST', '/v1/api_key', {
      auth: open.owner.session,
      body: { name: 'from the session' },
    })
    expect(key.status).toBe(200)
    expect(key.body.key).toMatch(/^sk-/)
    const me = await h().request<{ id: string }>('POST', '/api/self/me', {
      auth: { bearer: key.body.key },
    })
    expect(me.body.id).toBe(open.owner.user.id)

    const fromSession = await h().request<{ key: string }>('POST', '/v1/service_token', {
      auth: open.owner.session,
      body: { name: 'from the session', service_account_id: target.id },
    })
    expect(fromSession.status).toBe(200)
    expect(fromSession.body.key).toMatch(/^bt-st-/)

    // Braintrust's behaviour, while the org allows it.
    const fromToken = await h().request<{ key: string; service_account_id: string }>(
      'POST',
      '/v1/service_token',
      {
        auth: { bearer: ownerToken },
        body: { name: 'from a token', service_account_id: target.id },
      },
    )
    expect(fromToken.status).toBe(200)
    expect(fromToken.body.service_account_id).toBe(target.id)

    const after = await credentialCounts(h(), open)
    expect(after).toEqual({
      ...before,
      apiKeys: before.apiKeys + 1,
      serviceTokens: before.serviceTokens + 2,
    })
  })
})
