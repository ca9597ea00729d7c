import { ERRORS, type Group, type User, updateOrganization } from '@gatehouse/core'
import { addMember } from '@gatehouse/core/testing'
import { expect, it } from 'vitest'
import { describeHttp, type Harness, type World } from '../testing/harness.js'

interface TokenBody {
  id: string
  name: string
  preview_name: string
  service_account_id: string
  service_account_name: string | null
  org_id: string
  revoked_at: string | null
  key?: string
}
interface ListBody {
  objects: TokenBody[]
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

const UNKNOWN_ID = '11111111-1111-4111-8111-111111111111'

function account(h: Harness, w: World, groups: Group[] = []): Promise<User> {
  return addMember(h.deps, w.org, { kind: 'service_account', name: 'robot', groups })
}

async function mint(h: Harness, w: World, sa: User, name = 'deploy'): Promise<TokenBody> {
  const reply = await h.request<TokenBody>('POST', '/v1/service_token', {
    auth: w.owner.session,
    body: { name, service_account_id: sa.id },
  })
  expect(reply.status).toBe(200)
  return reply.body
}

describeHttp('service tokens', (h) => {
  it('creates a token from an owner session; it authenticates, lists, reads and revokes', async () => {
    const w = await h().world()
    const sa = await account(h(), w)
    const created = await mint(h(), w, sa)
    expect(created).toMatchObject({
      name: 'deploy',
      service_account_id: sa.id,
      service_account_name: 'robot',
      org_id: w.org.id,
      revoked_at: null,
    })
    const secret = created.key ?? ''
    expect(secret).toMatch(/^bt-st-/)
    // The token is a working credential of the service account.
    const me = await h().request<{ id: string }>('POST', '/api/self/me', {
      auth: { bearer: secret },
    })
    expect(me.body.id).toBe(sa.id)

    const second = await mint(h(), w, sa, 'other')
    const listed = await h().request<ListBody>('GET', '/v1/service_token', { auth: w.owner.key })
    expect(listed.status).toBe(200)
    expect(listed.body.objects.map((t) => t.id).sort()).toEqual([created.id, second.id].sort())
    expect(listed.body.objects.every((t) => t.key === undefined)).toBe(true)
    const named = await h().request<ListBody>('GET', '/v1/service_token', {
      auth: w.owner.key,
      query: { service_token_name: 'other' },
    })
    expect(named.body.objects.map((t) => t.id)).toEqual([second.id])

    const path = `/v1/service_token/${created.id}`
    const got = await h().request<TokenBody>('GET', path, { auth: w.owner.key })
    expect(got.body).toMatchObject({ id: created.id, name: 'deploy' })
    expect(got.body.key).toBeUndefined()
    const revoked = await h().request<TokenBody>('DELETE', path, { auth: w.owner.key })
    expect(revoked.status).toBe(200)
    expect(revoked.body.revoked_at).not.toBeNull()
    const next = await h().request('POST', '/api/self/me', { auth: { bearer: secret } })
    expect(next.status).toBe(401)

    const byBody = await h().request<TokenBody>('DELETE', '/v1/service_token', {
      auth: w.owner.key,
      body: { id: second.id },
    })
    expect(byBody.status).toBe(200)
    expect(byBody.body).toMatchObject({ id: second.id })
    expect(byBody.body.revoked_at).not.toBeNull()
    const empty = await h().request<ListBody>('GET', '/v1/service_token', { auth: w.owner.key })
    expect(empty.body.objects).toEqual([])
  })

  it('PUT replaces the live tokens of that name, which stop working at once', async () => {
    const w = await h().world()
    const sa = await account(h(), w)
    const first = await mint(h(), w, sa)
    const replaced = await h().request<TokenBody>('PUT', '/v1/service_token', {
      auth: w.owner.session,
      body: { name: 'deploy', service_account_id: sa.id },
    })
    expect(replaced.status).toBe(200)
    expect(replaced.headers.get('x-bt-found-existing')).toBe('true')
    expect(replaced.body.id).not.toBe(first.id)
    expect(replaced.body.key).toMatch(/^bt-st-/)
    expect(
      (await h().request('POST', '/api/self/me', { auth: { bearer: first.key ?? '' } })).status,
    ).toBe(401)
    const fresh = await h().request('POST', '/api/self/me', {
      auth: { bearer: replaced.body.key ?? '' },
    })
    expect(fresh.status).toBe(200)
    const created = await h().request<TokenBody>('PUT', '/v1/service_token', {
      auth: w.owner.session,
      body: { name: 'new name', service_account_id: sa.id },
    })
    expect(created.status).toBe(200)
    expect(created.headers.get('x-bt-found-existing')).toBeNull()
  })

  it('lets an owner-level service token mint where the org allows it, and not otherwise', async () => {
    const w = await h().world()
    const ownerBot = await account(h(), w, [w.groups.owners])
    const minted = await mint(h(), w, ownerBot)
    const target = await account(h(), w)
    const byToken = await h().request<TokenBody>('POST', '/v1/service_token', {
      auth: { bearer: minted.key ?? '' },
      body: { name: 'child', service_account_id: target.id },
    })
    expect(byToken.status).toBe(200)
    await updateOrganization(h().deps, w.owner.actor, {
      orgId: w.org.id,
      settings: { serviceTokensCanMint: false },
    })
    const refused = await h().request<ErrorReply>('POST', '/v1/service_token', {
      auth: { bearer: minted.key ?? '' },
      body: { name: 'child2', service_account_id: target.id },
    })
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({
      code: 'SERVICE_TOKEN_MINTING_DISABLED',
      message: ERRORS.SERVICE_TOKEN_MINTING_DISABLED.message,
    })
  })

  it('refuses bad input with 400, unknown fields too, creating nothing', async () => {
    const w = await h().world()
    const sa = await account(h(), w)
    for (const method of ['POST', 'PUT']) {
      for (const body of [
        {},
        { name: 'x' },
        { name: 'x', service_account_id: 'nope' },
        { name: '', service_account_id: sa.id },
        { name: 'x', service_account_id: sa.id, scopes: ['read'] },
        { name: 'x', service_account_id: sa.id, expires_at: '2000-01-01T00:00:00Z' },
        '[',
      ]) {
        const reply = await h().request<ErrorReply>(method, '/v1/service_token', {
          auth: w.owner.session,
          body,
        })
        expect(reply.status).toBe(400)
        expect(reply.body.error.code).toBe('VALIDATION_FAILED')
      }
    }
    for (const body of [{}, { id: 'nope' }, { id: UNKNOWN_ID, name: 'x' }]) {
      const reply = await h().request<ErrorReply>('DELETE', '/v1/service_token', {
        auth: w.owner.key,
        body,
      })
      expect(reply.status).toBe(400)
    }
    for (const method of ['GET', 'DELETE']) {
      const reply = await h().request(method, '/v1/service_token/nope', { auth: w.owner.key })
      expect(reply.status).toBe(400)
    }
    const bad = await h().request('GET', '/v1/service_token', {
      auth: w.owner.key,
      query: { limit: 'many' },
    })
    expect(bad.status).toBe(400)
    const listed = await h().request<ListBody>('GET', '/v1/service_token', { auth: w.owner.key })
    expect(listed.body.objects).toEqual([])
  })

  it('is 401 without credentials on every route', async () => {
    const body = { name: 'x', service_account_id: UNKNOWN_ID }
    for (const [method, path, payload] of [
      ['GET', '/v1/service_token'],
      ['POST', '/v1/service_token', body],
      ['PUT', '/v1/service_token', body],
      ['DELETE', '/v1/service_token', { id: UNKNOWN_ID }],
      ['GET', `/v1/service_token/${UNKNOWN_ID}`],
      ['DELETE', `/v1/service_token/${UNKNOWN_ID}`],
    ] as const) {
      const reply = await h().request<ErrorReply>(method, path, { body: payload })
      expect(reply.status).toBe(401)
      expect(reply.body.error.code).toBe('UNAUTHENTICATED')
    }
  })

  it('refuses user API keys with 403 and non-owners with OWNER_REQUIRED', async () => {
    const w = await h().world()
    const sa = await account(h(), w)
    const token = await mint(h(), w, sa)
    const engineers = w.groups.engineers
    if (engineers === undefined) {
      throw new Error('an enterprise org has Engineers')
    }
    const engineer = await h().member(w, [engineers])
    for (const method of ['POST', 'PUT']) {
      const reply = await h().request<ErrorReply>(method, '/v1/service_token', {
        auth: w.owner.key,
        body: { name: 'deploy', service_account_id: sa.id },
      })
      expect(reply.status).toBe(403)
      expect(reply.body.error).toMatchObject({
        code: 'API_KEY_CANNOT_CREATE_SERVICE_TOKEN',
        message: 'API keys cannot create service tokens',
      })
    }
    const path = `/v1/service_token/${token.id}`
    for (const [method, target, body] of [
      ['GET', '/v1/service_token'],
      ['POST', '/v1/service_token', { name: 'x', service_account_id: sa.id }],
      ['PUT', '/v1/service_token', { name: 'deploy', service_account_id: sa.id }],
      ['DELETE', '/v1/service_token', { id: token.id }],
      ['GET', path],
      ['DELETE', path],
    ] as const) {
      const reply = await h().request<ErrorReply>(method, target, { auth: engineer.session, body })
      expect(reply.status).toBe(403)
      expect(reply.body.error).toMatchObject({
        code: 'OWNER_REQUIRED',
        message: ERRORS.OWNER_REQUIRED.message,
      })
    }
    // Nothing was replaced or revoked: the original token still works.
    const me = await h().request('POST', '/api/self/me', { auth: { bearer: token.key ?? '' } })
    expect(me.status).toBe(200)
  })

  it("is 404 for another org's tokens and service accounts, which stay unchanged", async () => {
    const a = await h().world()
    const b = await h().world()
    const sa = await account(h(), a)
    const token = await mint(h(), a, sa)
    const path = `/v1/service_token/${token.id}`
    for (const [method, target, body] of [
      ['GET', path],
      ['DELETE', path],
      ['DELETE', '/v1/service_token', { id: token.id }],
    ] as const) {
      const reply = await h().request<ErrorReply>(method, target, { auth: b.owner.session, body })
      expect(reply.status).toBe(404)
      expect(reply.body.error.code).toBe('SERVICE_TOKEN_NOT_FOUND')
    }
    for (const method of ['POST', 'PUT']) {
      const reply = await h().request<ErrorReply>(method, '/v1/service_token', {
        auth: b.owner.session,
        body: { name: 'deploy', service_account_id: sa.id },
      })
      expect(reply.status).toBe(404)
      expect(reply.body.error.code).toBe('SERVICE_ACCOUNT_NOT_FOUND')
    }
    const foreignList = await h().request<ErrorReply>('GET', '/v1/service_token', {
      auth: b.owner.session,
      query: { org_name: a.org.name },
    })
    expect(foreignList.status).toBe(404)
    const still = await h().request<TokenBody>('GET', path, { auth: a.owner.key })
    expect(still.body.revoked_at).toBeNull()
    const me = await h().request('POST', '/api/self/me', { auth: { bearer: token.key ?? '' } })
    expect(me.status).toBe(200)
  })
})
