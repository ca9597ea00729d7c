import type { User } from '@gatehouse/core'
import { addMember } from '@gatehouse/core/testing'
import { expect, it } from 'vitest'
import { describeHttp, type Harness } from '../testing/harness.js'

interface UserBody {
  id: string
  given_name: string | null
  family_name: string | null
  email: string | null
  avatar_url: string | null
  created: string | null
  kind: 'user' | 'service_account'
  last_active_at: string | null
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

async function rename(harness: Harness, user: User, givenName: string, familyName: string) {
  await harness.deps.store.transaction((tx) => tx.users.update({ ...user, givenName, familyName }))
}

describeHttp('users', (h) => {
  it('lists the members of the org with the name and email filters and paging', async () => {
    const w = await h().world()
    const ada = await h().member(w)
    const alan = await h().member(w)
    await rename(h(), ada.user, 'Ada', 'Lovelace')
    await rename(h(), alan.user, 'Alan', 'Turing')
    const bot = await addMember(h().deps, w.org, { kind: 'service_account', name: 'bot' })
    const outsider = await h().world()

    const all = await h().request<{ objects: UserBody[] }>('GET', '/v1/user', { auth: ada.key })
    expect(all.status).toBe(200)
    expect(all.body.objects.map((u) => u.id).sort()).toEqual(
      [w.owner.user.id, ada.user.id, alan.user.id, bot.id].sort(),
    )
    expect(all.body.objects.map((u) => u.id)).not.toContain(outsider.owner.user.id)
    const ofAda = all.body.objects.find((u) => u.id === ada.user.id)
    expect(ofAda).toMatchObject({
      given_name: 'Ada',
      family_name: 'Lovelace',
      email: ada.user.email,
    })
    expect(Object.keys(ofAda ?? {}).sort()).toEqual(
      [
        'avatar_url',
        'created',
        'email',
        'family_name',
        'given_name',
        'id',
        'kind',
        'last_active_at',
      ].sort(),
    )
    // Gatehouse extensions: the owner logged in when the world was made; the bot never can.
    const ofOwner = all.body.objects.find((u) => u.id === w.owner.user.id)
    expect(ofOwner?.kind).toBe('user')
    const lastActive = Date.parse(ofOwner?.last_active_at ?? '')
    expect(lastActive).toBeGreaterThan(h().deps.clock.now() - 60_000)
    expect(lastActive).toBeLessThanOrEqual(h().deps.clock.now())
    const ofBot = all.body.objects.find((u) => u.id === bot.id)
    expect(ofBot).toMatchObject({ kind: 'service_account', last_active_at: null })

    const ids = async (query: Record<string, string | string[]>) => {
      const reply = await h().request<{ objects: UserBody[] }>('GET', '/v1/user', {
        auth: w.owner.key,
        query,
      })
      expect(reply.status).toBe(200)
      return reply.body.objects.map((u) => u.id).sort()
    }
    expect(await ids({ given_name: 'Ada' })).toEqual([ada.user.id])
    expect(await ids({ family_name: 'Turing' })).toEqual([alan.user.id])
    expect(await ids({ email: [ada.user.email.toUpperCase(), alan.user.email] })).toEqual(
      [ada.user.id, alan.user.id].sort(),
    )
    expect(await ids({ email: alan.user.email })).toEqual([alan.user.id])
    expect(await ids({ org_name: w.org.name, ids: [bot.id, ada.user.id] })).toEqual(
      [bot.id, ada.user.id].sort(),
    )
    expect(await ids({ limit: '2' })).toHaveLength(2)
  })

  it('refuses bad queries with 400 and no credentials with 401', async () => {
    const w = await h().world()
    for (const query of [{ limit: '1001' }, { ids: 'someone' }, { starting_after: 'x' }] as Record<
      string,
      string
    >[]) {
      const reply = await h().request<ErrorReply>('GET', '/v1/user', { auth: w.owner.key, query })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    const both = await h().request<ErrorReply>('GET', '/v1/user', {
      auth: w.owner.key,
      query: { starting_after: w.owner.user.id, ending_before: w.owner.user.id },
    })
    expect(both.status).toBe(400)
    expect((await h().request('GET', '/v1/user')).status).toBe(401)
    expect((await h().request('GET', `/v1/user/${w.owner.user.id}`)).status).toBe(401)
  })

  it("is 404 for another org's member list", async () => {
    const a = await h().world()
    const b = await h().world()
    const reply = await h().request<ErrorReply>('GET', '/v1/user', {
      auth: a.owner.session,
      query: { org_name: b.org.name },
    })
    expect(reply.status).toBe(404)
    expect(reply.body.error.code).toBe('ORG_NOT_FOUND')
  })

  it('gets a fellow member and oneself; 400 for a bad id', async () => {
    const w = await h().world({ plan: 'starter' })
    const member = await h().member(w)
    const other = await h().request<UserBody>('GET', `/v1/user/${w.owner.user.id}`, {
      auth: member.key,
    })
    expect(other.status).toBe(200)
    expect(other.body).toMatchObject({ id: w.owner.user.id, email: w.owner.user.email })
    const self = await h().request<UserBody>('GET', `/v1/user/${member.user.id}`, {
      auth: member.session,
    })
    expect(self.body.id).toBe(member.user.id)
    const bad = await h().request<ErrorReply>('GET', '/v1/user/me', { auth: member.key })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('VALIDATION_FAILED')
  })

  it("is 404 for another org's user, also for a key bound to a shared org's neighbour", async () => {
    const a = await h().world()
    const b = await h().world()
    const reply = await h().request<ErrorReply>('GET', `/v1/user/${b.owner.user.id}`, {
      auth: a.owner.key,
    })
    expect(reply.status).toBe(404)
    expect(reply.body.error.code).toBe('USER_NOT_FOUND')
    // A's owner joins B: their session sees B's owner, their key (bound to A) still does not.
    await addMember(h().deps, b.org, { email: a.owner.user.email })
    const bySession = await h().request<UserBody>('GET', `/v1/user/${b.owner.user.id}`, {
      auth: a.owner.session,
    })
    expect(bySession.status).toBe(200)
    const byKey = await h().request<ErrorReply>('GET', `/v1/user/${b.owner.user.id}`, {
      auth: a.owner.key,
    })
    expect(byKey.status).toBe(404)
    const unknown = await h().request<ErrorReply>('GET', `/v1/user/${crypto.randomUUID()}`, {
      auth: a.owner.key,
    })
    expect(unknown.status).toBe(404)
  })
})
