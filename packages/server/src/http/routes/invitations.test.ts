import { createAcl, login, updateMembers } from '@gatehouse/core'
import { TEST_PASSWORD } from '@gatehouse/core/testing'
import { expect, it } from 'vitest'
import { describeHttp, type Harness, type World } from '../testing/harness.js'

interface InvitationBody {
  id: string
  org_id: string
  email: string
  group_ids: string[]
  invited_by: string | null
  expires_at: string
}
interface PreviewBody {
  org_id: string
  org_name: string
  email: string
  account_exists: boolean
  expires_at: string
}
interface AcceptBody {
  user_id: string
  org_id: string
  created_user: boolean
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

/** Invites `email` into `world`'s Engineers through core; the raw token and the invitation id. */
async function invite(harness: Harness, world: World, email: string) {
  const result = await updateMembers(harness.deps, world.owner.actor, {
    orgId: world.org.id,
    inviteUsers: { emails: [email], groupName: 'Engineers' },
  })
  const [invitation] = result.invitations
  if (invitation === undefined) {
    throw new Error('fixture: no invitation')
  }
  return invitation
}

async function pendingIds(harness: Harness, world: World): Promise<string[]> {
  const reply = await harness.request<{ objects: InvitationBody[] }>('GET', '/v1/invitation', {
    auth: world.owner.key,
  })
  return reply.body.objects.map((i) => i.id)
}

describeHttp('invitations', (h) => {
  it('lists pending invitations newest first, with the org filter and paging', async () => {
    const w = await h().world()
    const first = await invite(h(), w, 'first@example.com')
    const second = await invite(h(), w, 'second@example.com')
    const reply = await h().request<{ objects: InvitationBody[] }>('GET', '/v1/invitation', {
      auth: w.owner.session,
      query: { org_name: w.org.name },
    })
    expect(reply.status).toBe(200)
    expect(reply.body.objects.map((i) => i.email).sort()).toEqual([
      'first@example.com',
      'second@example.com',
    ])
    const engineers = w.groups.engineers?.id
    expect(reply.body.objects[0]).toMatchObject({
      org_id: w.org.id,
      group_ids: [engineers],
      invited_by: w.owner.user.id,
    })
    expect(JSON.stringify(reply.body)).not.toContain(first.token)
    const one = await h().request<{ objects: InvitationBody[] }>('GET', '/v1/invitation', {
      auth: w.owner.key,
      query: { ids: second.id },
    })
    expect(one.body.objects.map((i) => i.id)).toEqual([second.id])
    const limited = await h().request<{ objects: InvitationBody[] }>('GET', '/v1/invitation', {
      auth: w.owner.key,
      query: { limit: '1' },
    })
    expect(limited.body.objects).toHaveLength(1)
  })

  it('refuses bad list queries, no credentials, members without access and other orgs', async () => {
    const w = await h().world()
    const other = await h().world()
    await invite(h(), other, 'theirs@example.com')
    for (const query of [{ limit: 'all' }, { ids: 'x' }, { ending_before: '1' }] as Record<
      string,
      string
    >[]) {
      const reply = await h().request<ErrorReply>('GET', '/v1/invitation', {
        auth: w.owner.key,
        query,
      })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    expect((await h().request('GET', '/v1/invitation')).status).toBe(401)
    const viewer = await h().member(w, w.groups.viewers ? [w.groups.viewers] : [])
    const refused = await h().request<ErrorReply>('GET', '/v1/invitation', { auth: viewer.key })
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: 'The caller lacks the permission this request needs',
    })
    const foreign = await h().request<ErrorReply>('GET', '/v1/invitation', {
      auth: w.owner.session,
      query: { org_name: other.org.name },
    })
    expect(foreign.status).toBe(404)
    expect(foreign.body.error.code).toBe('ORG_NOT_FOUND')
  })

  it('revokes a pending invitation: its link stops working', async () => {
    const w = await h().world()
    const invitation = await invite(h(), w, 'revoked@example.com')
    const reply = await h().request<InvitationBody>('DELETE', `/v1/invitation/${invitation.id}`, {
      auth: w.owner.key,
    })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ id: invitation.id, email: 'revoked@example.com' })
    expect(await pendingIds(h(), w)).toEqual([])
    const preview = await h().request<ErrorReply>('POST', '/v1/invitation/preview', {
      body: { token: invitation.token },
    })
    expect(preview.status).toBe(404)
    const again = await h().request<ErrorReply>('DELETE', `/v1/invitation/${invitation.id}`, {
      auth: w.owner.key,
    })
    expect(again.status).toBe(404)
    expect(again.body.error.code).toBe('INVITATION_NOT_FOUND')
  })

  it('refuses revoking with a bad id, without credentials, or with read access only', async () => {
    const w = await h().world()
    const invitation = await invite(h(), w, 'kept@example.com')
    const path = `/v1/invitation/${invitation.id}`
    const bad = await h().request<ErrorReply>('DELETE', '/v1/invitation/42', { auth: w.owner.key })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('VALIDATION_FAILED')
    expect((await h().request('DELETE', path)).status).toBe(401)
    const reader = await h().member(w)
    await createAcl(h().deps, w.owner.actor, {
      orgId: w.org.id,
      objectType: 'org_member',
      objectId: w.org.id,
      userId: reader.user.id,
      permission: 'read',
    })
    const refused = await h().request<ErrorReply>('DELETE', path, { auth: reader.key })
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: 'The caller lacks the permission this request needs',
    })
    expect(await pendingIds(h(), w)).toEqual([invitation.id])
  })

  it("is 404 for another org's invitation, which stays pending", async () => {
    const a = await h().world()
    const b = await h().world()
    const invitation = await invite(h(), b, 'target@example.com')
    const reply = await h().request<ErrorReply>('DELETE', `/v1/invitation/${invitation.id}`, {
      auth: a.owner.session,
    })
    expect(reply.status).toBe(404)
    expect(reply.body.error.code).toBe('INVITATION_NOT_FOUND')
    expect(await pendingIds(h(), b)).toEqual([invitation.id])
  })

  it('previews a link without credentials; bad bodies are 400, unknown tokens 404', async () => {
    const w = await h().world()
    const invitation = await invite(h(), w, 'preview@example.com')
    const reply = await h().request<PreviewBody>('POST', '/v1/invitation/preview', {
      body: { token: invitation.token },
    })
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({
      org_id: w.org.id,
      org_name: w.org.name,
      email: 'preview@example.com',
      account_exists: false,
      expires_at: new Date(invitation.expiresAt).toISOString(),
    })
    for (const body of [{}, { token: '' }, { token: invitation.token, email: 'x' }, 'nope']) {
      const bad = await h().request<ErrorReply>('POST', '/v1/invitation/preview', { body })
      expect(bad.status, JSON.stringify(body)).toBe(400)
      expect(bad.body.error.code).toBe('VALIDATION_FAILED')
    }
    for (const token of ['a'.repeat(32), 'short', `${invitation.token.slice(1)}x`]) {
      const unknown = await h().request<ErrorReply>('POST', '/v1/invitation/preview', {
        body: { token },
      })
      expect(unknown.status).toBe(404)
      expect(unknown.body.error.code).toBe('INVITATION_NOT_FOUND')
    }
    // A bad credential is still refused on a public route; the token never goes in a URL.
    const badKey = await h().request<ErrorReply>('POST', '/v1/invitation/preview', {
      auth: { bearer: 'sk-nope' },
      body: { token: invitation.token },
    })
    expect(badKey.status).toBe(401)
    const inUrl = await h().request<ErrorReply>('POST', '/v1/invitation/preview', {
      query: { token: invitation.token },
      body: { token: invitation.token },
    })
    expect(inUrl.status).toBe(400)
    expect(inUrl.body.error.code).toBe('CREDENTIAL_IN_URL')
  })

  it('accepts for a new account once; the new member can log in and sees the org', async () => {
    const w = await h().world()
    const invitation = await invite(h(), w, 'newbie@example.com')
    const short = await h().request<ErrorReply>('POST', '/v1/invitation/accept', {
      body: { token: invitation.token, password: 'short' },
    })
    expect(short.status).toBe(400)
    expect(short.body.error.code).toBe('PASSWORD_TOO_SHORT')
    for (const body of [
      { token: invitation.token },
      { token: invitation.token, password: TEST_PASSWORD, name: 'x' },
    ]) {
      const bad = await h().request<ErrorReply>('POST', '/v1/invitation/accept', { body })
      expect(bad.status, JSON.stringify(body)).toBe(400)
      expect(bad.body.error.code).toBe('VALIDATION_FAILED')
    }
    const reply = await h().request<AcceptBody>('POST', '/v1/invitation/accept', {
      body: { token: invitation.token, password: TEST_PASSWORD },
    })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ org_id: w.org.id, created_user: true })
    const again = await h().request<ErrorReply>('POST', '/v1/invitation/accept', {
      body: { token: invitation.token, password: TEST_PASSWORD },
    })
    expect(again.status).toBe(404)
    expect(again.body.error.code).toBe('INVITATION_NOT_FOUND')

    const { token, csrfToken } = await login(h().deps, {
      email: 'newbie@example.com',
      password: TEST_PASSWORD,
    })
    const orgs = await h().request<{ objects: { id: string }[] }>('GET', '/v1/organization', {
      auth: { session: token, csrf: csrfToken },
    })
    expect(orgs.body.objects.map((o) => o.id)).toEqual([w.org.id])
    expect(await pendingIds(h(), w)).toEqual([])
  })

  it('lets an existing account accept only from its own session', async () => {
    const w = await h().world()
    const elsewhere = await h().world()
    const person = elsewhere.owner
    const invitation = await invite(h(), w, person.user.email)
    const preview = await h().request<PreviewBody>('POST', '/v1/invitation/preview', {
      body: { token: invitation.token },
    })
    expect(preview.body.account_exists).toBe(true)
    const stranger = await h().member(w)
    for (const auth of [undefined, stranger.session, person.key]) {
      const refused = await h().request<ErrorReply>('POST', '/v1/invitation/accept', {
        auth,
        body: { token: invitation.token, password: TEST_PASSWORD },
      })
      expect(refused.status).toBe(404)
      expect(refused.body.error.code).toBe('INVITATION_NOT_FOUND')
    }
    const reply = await h().request<AcceptBody>('POST', '/v1/invitation/accept', {
      auth: person.session,
      body: { token: invitation.token },
    })
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ user_id: person.user.id, org_id: w.org.id, created_user: false })
    const orgs = await h().request<{ objects: { id: string }[] }>('GET', '/v1/organization', {
      auth: person.session,
      query: { org_name: w.org.name },
    })
    expect(orgs.body.objects.map((o) => o.id)).toEqual([w.org.id])
  })
})
