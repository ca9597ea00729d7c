import { createServiceToken, ERRORS } from '@gatehouse/core'
import { addMember } from '@gatehouse/core/testing'
import { expect, it } from 'vitest'
import { describeHttp, type Harness, type World } from '../testing/harness.js'

interface ApiKeyBody {
  id: string
  name: string
  preview_name: string
  user_id: string
  user_email: string | null
  org_id: string
  expires_at: string | null
  last_used_at: string | null
  revoked_at: string | null
  key?: string
}
interface ListBody {
  objects: ApiKeyBody[]
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}
interface AuditBody {
  objects: { action: string; outcome: string; reason: string | null; credential_kind: string }[]
}

const UNKNOWN_ID = '11111111-1111-4111-8111-111111111111'

async function serviceToken(h: Harness, w: World, name = 'robot'): Promise<string> {
  const account = await addMember(h.deps, w.org, {
    kind: 'service_account',
    name,
    groups: [w.groups.owners],
  })
  const { secret } = await createServiceToken(h.deps, w.owner.actor, {
    name: 'token',
    serviceAccountId: account.id,
    orgId: w.org.id,
  })
  return secret
}

describeHttp('api keys', (h) => {
  it('creates a key from a session, shows its secret once, lists, gets and revokes it', async () => {
    const w = await h().world()
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString()
    const created = await h().request<ApiKeyBody>('POST', '/v1/api_key', {
      auth: w.owner.session,
      body: { name: 'ci', expires_at: expiresAt },
    })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({
      name: 'ci',
      user_id: w.owner.user.id,
      user_email: w.owner.user.email,
      org_id: w.org.id,
      revoked_at: null,
    })
    expect(Date.parse(created.body.expires_at ?? '')).toBe(Date.parse(expiresAt))
    const secret = created.body.key ?? ''
    expect(secret).toMatch(/^sk-/)
    expect(created.body.preview_name).not.toContain(secret.slice(3))

    const key = { bearer: secret }
    const listed = await h().request<ListBody>('GET', '/v1/api_key', { auth: key })
    expect(listed.status).toBe(200)
    expect(listed.body.objects.map((k) => k.name)).toEqual(['ci', 'test key'])
    expect(listed.body.objects.every((k) => k.key === undefined)).toBe(true)
    const named = await h().request<ListBody>('GET', '/v1/api_key', {
      auth: w.owner.key,
      query: { api_key_name: 'ci' },
    })
    expect(named.body.objects.map((k) => k.id)).toEqual([created.body.id])
    const paged = await h().request<ListBody>('GET', '/v1/api_key', {
      auth: w.owner.key,
      query: { limit: '1', starting_after: created.body.id },
    })
    expect(paged.body.objects.map((k) => k.name)).toEqual(['test key'])

    const path = `/v1/api_key/${created.body.id}`
    const got = await h().request<ApiKeyBody>('GET', path, { auth: w.owner.key })
    expect(got.body).toMatchObject({ id: created.body.id, name: 'ci' })
    expect(got.body.key).toBeUndefined()

    const revoked = await h().request<ApiKeyBody>('DELETE', path, { auth: w.owner.key })
    expect(revoked.status).toBe(200)
    expect(revoked.body.id).toBe(created.body.id)
    expect(revoked.body.revoked_at).not.toBeNull()
    expect((await h().request('GET', path, { auth: w.owner.key })).status).toBe(404)
  })

  it('lets a key revoke itself, and the very next request with it is 401', async () => {
    const w = await h().world()
    const member = await h().member(w)
    const mine = await h().request<ListBody>('GET', '/v1/api_key', { auth: member.key })
    const id = mine.body.objects[0]?.id
    const reply = await h().request('DELETE', `/v1/api_key/${id}`, { auth: member.key })
    expect(reply.status).toBe(200)
    const next = await h().request<ErrorReply>('GET', '/v1/api_key', { auth: member.key })
    expect(next.status).toBe(401)
    expect(next.body.error.code).toBe('UNAUTHENTICATED')
  })

  it('gives owners the org inventory with scope=org, revoked keys included', async () => {
    const w = await h().world()
    const member = await h().member(w)
    const memberKeys = await h().request<ListBody>('GET', '/v1/api_key', { auth: member.key })
    const memberKeyId = memberKeys.body.objects[0]?.id ?? ''
    // The member sees only their own key, even without scope.
    expect(memberKeys.body.objects.map((k) => k.user_id)).toEqual([member.user.id])
    await h().request('DELETE', `/v1/api_key/${memberKeyId}`, { auth: w.owner.key })

    const inventory = await h().request<ListBody>('GET', '/v1/api_key', {
      auth: w.owner.session,
      query: { scope: 'org' },
    })
    expect(inventory.status).toBe(200)
    const byUser = new Map(inventory.body.objects.map((k) => [k.user_id, k]))
    expect([...byUser.keys()].sort()).toEqual([member.user.id, w.owner.user.id].sort())
    expect(byUser.get(member.user.id)).toMatchObject({ id: memberKeyId })
    expect(byUser.get(member.user.id)?.revoked_at).not.toBeNull()
    expect(byUser.get(w.owner.user.id)?.revoked_at).toBeNull()
    expect(inventory.body.objects.every((k) => 'last_used_at' in k && k.key === undefined)).toBe(
      true,
    )
    const own = await h().request<ListBody>('GET', '/v1/api_key', { auth: w.owner.key })
    expect(own.body.objects.map((k) => k.user_id)).toEqual([w.owner.user.id])
  })

  it('refuses bad input with 400, unknown fields and URL credentials too', async () => {
    const w = await h().world()
    const past = new Date(Date.now() - 60_000).toISOString()
    for (const body of [
      {},
      { name: '' },
      { name: 'x', scopes: ['read'] },
      { name: 'x', expires_at: 'tomorrow' },
      { name: 'x', expires_at: past },
      'not json',
    ]) {
      const reply = await h().request<ErrorReply>('POST', '/v1/api_key', {
        auth: w.owner.session,
        body,
      })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    const badQueries: Record<string, string>[] = [
      { scope: 'everyone' },
      { limit: '-1' },
      { starting_after: 'x' },
    ]
    for (const query of badQueries) {
      const reply = await h().request<ErrorReply>('GET', '/v1/api_key', {
        auth: w.owner.key,
        query,
      })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    for (const method of ['GET', 'DELETE']) {
      const reply = await h().request<ErrorReply>(method, '/v1/api_key/not-a-uuid', {
        auth: w.owner.key,
      })
      expect(reply.status).toBe(400)
    }
    const inUrl = await h().request<ErrorReply>('GET', '/v1/api_key', {
      query: { api_key: w.owner.keySecret },
    })
    expect(inUrl.status).toBe(400)
    expect(inUrl.body.error.code).toBe('CREDENTIAL_IN_URL')
    expect(JSON.stringify(inUrl.body)).not.toContain(w.owner.keySecret)
    const listed = await h().request<ListBody>('GET', '/v1/api_key', { auth: w.owner.key })
    expect(listed.body.objects).toHaveLength(1)
  })

  it('is 401 without credentials on every route', async () => {
    for (const [method, path, body] of [
      ['GET', '/v1/api_key'],
      ['POST', '/v1/api_key', { name: 'x' }],
      ['GET', `/v1/api_key/${UNKNOWN_ID}`],
      ['DELETE', `/v1/api_key/${UNKNOWN_ID}`],
    ] as const) {
      const reply = await h().request<ErrorReply>(method, path, { body })
      expect(reply.status).toBe(401)
      expect(reply.body.error.code).toBe('UNAUTHENTICATED')
    }
  })

  it('refuses an API key, even impersonating, with 403, creates nothing and audits it', async () => {
    const w = await h().world()
    const member = await h().member(w)
    const before = await h().request<ListBody>('GET', '/v1/api_key', {
      auth: w.owner.session,
      query: { scope: 'org' },
    })
    const attempts = [
      { auth: w.owner.key },
      {
        auth: {
          headers: {
            authorization: `Bearer ${w.owner.keySecret}`,
            'x-bt-impersonate-user': member.user.id,
          },
        },
      },
      { auth: { basic: `${w.owner.keySecret}:` } },
    ]
    for (const attempt of attempts) {
      const refused = await h().request<ErrorReply>('POST', '/v1/api_key', {
        ...attempt,
        body: { name: 'minted' },
      })
      expect(refused.status).toBe(403)
      expect(refused.body.error).toMatchObject({
        code: 'API_KEY_CANNOT_CREATE_API_KEY',
        message: 'API keys cannot create API keys',
      })
    }
    const after = await h().request<ListBody>('GET', '/v1/api_key', {
      auth: w.owner.session,
      query: { scope: 'org' },
    })
    expect(after.body.objects.map((k) => k.id)).toEqual(before.body.objects.map((k) => k.id))
    expect(after.body.objects.some((k) => k.name === 'minted')).toBe(false)

    const audit = await h().request<AuditBody>('GET', '/v1/audit_log', {
      auth: w.owner.key,
      query: { action: 'api_key.create' },
    })
    const denied = audit.body.objects.filter((e) => e.outcome === 'denied')
    expect(denied).toHaveLength(attempts.length)
    expect(denied.every((e) => e.reason === 'API_KEY_CANNOT_CREATE_API_KEY')).toBe(true)
    expect(denied.every((e) => e.credential_kind === 'api_key')).toBe(true)
  })

  it('refuses service tokens and impersonating sessions, and non-owners the inventory', async () => {
    const w = await h().world()
    const member = await h().member(w)
    const token = await serviceToken(h(), w)
    const byToken = await h().request<ErrorReply>('POST', '/v1/api_key', {
      auth: { bearer: token },
      body: { name: 'minted' },
    })
    expect(byToken.status).toBe(403)
    expect(byToken.body.error).toMatchObject({
      code: 'SERVICE_TOKEN_CANNOT_CREATE_API_KEY',
      message: 'Service tokens cannot create API keys',
    })
    const session = w.owner.session
    if (!('session' in session)) {
      throw new Error('the owner has a session')
    }
    const impersonating = await h().request<ErrorReply>('POST', '/v1/api_key', {
      auth: {
        headers: {
          cookie: `gatehouse_session=${session.session}`,
          'x-csrf-token': session.csrf,
          'x-bt-impersonate-user': member.user.email,
        },
      },
      body: { name: 'minted' },
    })
    expect(impersonating.status).toBe(403)
    expect(impersonating.body.error).toMatchObject({
      code: 'IMPERSONATION_CANNOT_MINT',
      message: ERRORS.IMPERSONATION_CANNOT_MINT.message,
    })
    const inventory = await h().request<ErrorReply>('GET', '/v1/api_key', {
      auth: member.session,
      query: { scope: 'org' },
    })
    expect(inventory.status).toBe(403)
    expect(inventory.body.error).toMatchObject({
      code: 'OWNER_ONLY_KEY_INVENTORY',
      message: ERRORS.OWNER_ONLY_KEY_INVENTORY.message,
    })
    const memberKeys = await h().request<ListBody>('GET', '/v1/api_key', { auth: member.session })
    expect(memberKeys.body.objects.some((k) => k.name === 'minted')).toBe(false)
  })

  it("hides other members' keys from non-owners and other orgs' keys from everyone", async () => {
    const a = await h().world()
    const b = await h().world()
    const member = await h().member(a)
    const ownerKeys = await h().request<ListBody>('GET', '/v1/api_key', { auth: a.owner.key })
    const ownerKeyPath = `/v1/api_key/${ownerKeys.body.objects[0]?.id}`
    for (const [auth, code] of [
      [b.owner.key, 'API_KEY_NOT_FOUND'],
      [b.owner.session, 'API_KEY_NOT_FOUND'],
      [member.key, 'API_KEY_NOT_FOUND'],
    ] as const) {
      for (const method of ['GET', 'DELETE']) {
        const reply = await h().request<ErrorReply>(method, ownerKeyPath, { auth })
        expect(reply.status).toBe(404)
        expect(reply.body.error.code).toBe(code)
      }
    }
    const still = await h().request<ApiKeyBody>('GET', ownerKeyPath, { auth: a.owner.key })
    expect(still.body.revoked_at).toBeNull()
    expect((await h().request('GET', '/v1/api_key', { auth: a.owner.key })).status).toBe(200)

    const foreignOrg = await h().request<ErrorReply>('POST', '/v1/api_key', {
      auth: b.owner.session,
      body: { name: 'x', org_name: a.org.name },
    })
    expect(foreignOrg.status).toBe(404)
    expect(foreignOrg.body.error.code).toBe('ORG_NOT_FOUND')
    const foreignList = await h().request<ErrorReply>('GET', '/v1/api_key', {
      auth: b.owner.key,
      query: { org_name: a.org.name, scope: 'org' },
    })
    expect(foreignList.status).toBe(404)
  })
})
