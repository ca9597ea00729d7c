import { createServiceAccount } from '@gatehouse/core'
import { expect, it } from 'vitest'
import { describeHttp, type Harness, type World } from '../testing/harness.js'

interface AccountBody {
  id: string
  org_id: string
  name: string
  email: string
  created: string | null
}
interface CreatedBody {
  service_account: AccountBody
  token?: { id: string; name: string; service_account_id: string; org_id: string; key: string }
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

async function accountIds(harness: Harness, world: World): Promise<string[]> {
  const reply = await harness.request<{ objects: AccountBody[] }>('GET', '/v1/service_account', {
    auth: world.owner.session,
  })
  return reply.body.objects.map((a) => a.id)
}

/** A service account made through core, with a token, for the tests that do not create one. */
async function seedAccount(harness: Harness, world: World, name = 'bot') {
  const { user, token } = await createServiceAccount(harness.deps, world.owner.actor, {
    name,
    tokenName: 'seed',
    orgId: world.org.id,
  })
  if (token === undefined) {
    throw new Error('fixture: no token')
  }
  return { account: user, secret: token.secret }
}

describeHttp('service accounts', (h) => {
  it('creates a service account from an owner session, with its first token shown once', async () => {
    const w = await h().world({ plan: 'pro' })
    const reply = await h().request<CreatedBody>('POST', '/v1/service_account', {
      auth: w.owner.session,
      body: { name: 'ingest', token_name: 'first', org_name: w.org.name },
    })
    expect(reply.status).toBe(200)
    const { service_account: account, token } = reply.body
    expect(account).toMatchObject({ org_id: w.org.id, name: 'ingest' })
    expect(token).toMatchObject({ name: 'first', service_account_id: account.id, org_id: w.org.id })
    expect(token?.key.startsWith('bt-st-')).toBe(true)
    // The token acts as the account: it is a member of the org and sees itself.
    const me = await h().request<{ id: string }>('GET', `/v1/user/${account.id}`, {
      auth: { bearer: token?.key ?? '' },
    })
    expect(me.body.id).toBe(account.id)
    const plain = await h().request<CreatedBody>('POST', '/v1/service_account', {
      auth: w.owner.session,
      body: { name: 'no token' },
    })
    expect(plain.status).toBe(200)
    expect(plain.body.token).toBeUndefined()
    expect((await accountIds(h(), w)).sort()).toEqual(
      [account.id, plain.body.service_account.id].sort(),
    )
  })

  it('refuses bad bodies with 400 and no credentials with 401, creating nothing', async () => {
    const w = await h().world()
    for (const body of [
      {},
      { name: '' },
      { name: '  ' },
      { name: 'x', scopes: [] },
      { name: 7 },
      'x',
    ]) {
      const reply = await h().request<ErrorReply>('POST', '/v1/service_account', {
        auth: w.owner.session,
        body,
      })
      expect(reply.status, JSON.stringify(body)).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    const anonymous = await h().request<ErrorReply>('POST', '/v1/service_account', {
      body: { name: 'bot' },
    })
    expect(anonymous.status).toBe(401)
    expect(await accountIds(h(), w)).toEqual([])
  })

  it('is 403 for an owner API key and for a member who is not an owner', async () => {
    const w = await h().world()
    const byKey = await h().request<ErrorReply>('POST', '/v1/service_account', {
      auth: w.owner.key,
      body: { name: 'bot' },
    })
    expect(byKey.status).toBe(403)
    expect(byKey.body.error).toMatchObject({
      code: 'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT',
      message: 'API keys cannot create service accounts',
    })
    const engineer = await h().member(w, w.groups.engineers ? [w.groups.engineers] : [])
    const byMember = await h().request<ErrorReply>('POST', '/v1/service_account', {
      auth: engineer.session,
      body: { name: 'bot' },
    })
    expect(byMember.status).toBe(403)
    expect(byMember.body.error).toMatchObject({
      code: 'OWNER_REQUIRED',
      message: 'Only organization owners can manage service accounts and service tokens',
    })
    expect(await accountIds(h(), w)).toEqual([])
  })

  it("is 404 for another org's name, creating nothing there", async () => {
    const a = await h().world()
    const b = await h().world()
    const reply = await h().request<ErrorReply>('POST', '/v1/service_account', {
      auth: a.owner.session,
      body: { name: 'spy', org_name: b.org.name },
    })
    expect(reply.status).toBe(404)
    expect(reply.body.error.code).toBe('ORG_NOT_FOUND')
    expect(await accountIds(h(), b)).toEqual([])
  })

  it('lists service accounts for owners, with the name filter and paging', async () => {
    const w = await h().world()
    const one = await seedAccount(h(), w, 'one')
    const two = await seedAccount(h(), w, 'two')
    await h().member(w)
    const list = async (query: Record<string, string>) => {
      const reply = await h().request<{ objects: AccountBody[] }>('GET', '/v1/service_account', {
        auth: w.owner.key,
        query,
      })
      expect(reply.status).toBe(200)
      return reply.body.objects.map((a) => a.id)
    }
    expect((await list({})).sort()).toEqual([one.account.id, two.account.id].sort())
    expect(await list({ service_account_name: 'two' })).toEqual([two.account.id])
    expect(await list({ org_name: w.org.name, limit: '1' })).toHaveLength(1)
    expect(await list({ ids: one.account.id })).toEqual([one.account.id])
  })

  it('refuses bad list queries, no credentials, non-owners and other orgs', async () => {
    const w = await h().world()
    const other = await h().world()
    for (const query of [{ limit: '-3' }, { ids: 'bot' }] as Record<string, string>[]) {
      const reply = await h().request<ErrorReply>('GET', '/v1/service_account', {
        auth: w.owner.key,
        query,
      })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    expect((await h().request('GET', '/v1/service_account')).status).toBe(401)
    const engineer = await h().member(w, w.groups.engineers ? [w.groups.engineers] : [])
    const refused = await h().request<ErrorReply>('GET', '/v1/service_account', {
      auth: engineer.key,
    })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('OWNER_REQUIRED')
    const foreign = await h().request<ErrorReply>('GET', '/v1/service_account', {
      auth: w.owner.session,
      query: { org_name: other.org.name },
    })
    expect(foreign.status).toBe(404)
    expect(foreign.body.error.code).toBe('ORG_NOT_FOUND')
  })

  it('deletes a service account: its token stops working at once', async () => {
    const w = await h().world()
    const { account, secret } = await seedAccount(h(), w)
    const before = await h().request('GET', `/v1/user/${account.id}`, { auth: { bearer: secret } })
    expect(before.status).toBe(200)
    const reply = await h().request<AccountBody>('DELETE', `/v1/service_account/${account.id}`, {
      auth: w.owner.key,
    })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ id: account.id, org_id: w.org.id, name: 'bot' })
    const after = await h().request('GET', `/v1/user/${account.id}`, { auth: { bearer: secret } })
    expect(after.status).toBe(401)
    expect(await accountIds(h(), w)).toEqual([])
    const again = await h().request<ErrorReply>('DELETE', `/v1/service_account/${account.id}`, {
      auth: w.owner.key,
    })
    expect(again.status).toBe(404)
    expect(again.body.error.code).toBe('SERVICE_ACCOUNT_NOT_FOUND')
  })

  it('refuses deleting with a bad id, without credentials, as a non-owner or a person', async () => {
    const w = await h().world()
    const { account, secret } = await seedAccount(h(), w)
    const path = `/v1/service_account/${account.id}`
    const bad = await h().request<ErrorReply>('DELETE', '/v1/service_account/bot', {
      auth: w.owner.key,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('VALIDATION_FAILED')
    expect((await h().request('DELETE', path)).status).toBe(401)
    const engineer = await h().member(w, w.groups.engineers ? [w.groups.engineers] : [])
    const refused = await h().request<ErrorReply>('DELETE', path, { auth: engineer.key })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('OWNER_REQUIRED')
    const person = await h().request<ErrorReply>(
      'DELETE',
      `/v1/service_account/${engineer.user.id}`,
      { auth: w.owner.key },
    )
    expect(person.status).toBe(404)
    expect(person.body.error.code).toBe('SERVICE_ACCOUNT_NOT_FOUND')
    expect(await accountIds(h(), w)).toEqual([account.id])
    expect(
      (await h().request('GET', '/v1/organization', { auth: { bearer: secret } })).status,
    ).toBe(200)
  })

  it("is 404 for another org's service account, which keeps working", async () => {
    const a = await h().world()
    const b = await h().world()
    const { account, secret } = await seedAccount(h(), b)
    const reply = await h().request<ErrorReply>('DELETE', `/v1/service_account/${account.id}`, {
      auth: a.owner.session,
    })
    expect(reply.status).toBe(404)
    expect(reply.body.error.code).toBe('SERVICE_ACCOUNT_NOT_FOUND')
    expect(await accountIds(h(), b)).toEqual([account.id])
    expect(
      (await h().request('GET', '/v1/organization', { auth: { bearer: secret } })).status,
    ).toBe(200)
  })
})
