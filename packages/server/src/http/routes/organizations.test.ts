import { createAcl, createGroup, createProject, type Group } from '@gatehouse/core'
import { addMember } from '@gatehouse/core/testing'
import { expect, it } from 'vitest'
import { describeHttp, type Harness, type World } from '../testing/harness.js'

interface OrgBody {
  id: string
  name: string
  plan: string
  api_url: string | null
  image_rendering_mode: string | null
  direct_ownership_grants: boolean
  service_tokens_can_mint: boolean
}
interface MembersBody {
  status: string
  org_id: string
  send_email_error: string | null
  added_users: {
    id: string
    email: string | null
    api_key?: string | null
    token_name?: string | null
  }[]
  invitations: { id: string; email: string; invite_url: string; expires_at: string }[]
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new Error(`fixture: ${what}`)
  }
  return value
}

/** An Enterprise group whose members may invite (create on org_member) and nothing else. */
async function inviterGroup(harness: Harness, world: World): Promise<Group> {
  const { group } = await createGroup(harness.deps, world.owner.actor, {
    name: 'Member managers',
    orgId: world.org.id,
  })
  for (const permission of ['create', 'read'] as const) {
    await createAcl(harness.deps, world.owner.actor, {
      orgId: world.org.id,
      objectType: 'org_member',
      objectId: world.org.id,
      groupId: group.id,
      permission,
    })
  }
  return group
}

async function orgOf(harness: Harness, world: World): Promise<OrgBody> {
  const reply = await harness.request<OrgBody>('GET', `/v1/organization/${world.org.id}`, {
    auth: world.owner.key,
  })
  return reply.body
}

describeHttp('organizations', (h) => {
  it('lists the orgs of the caller, one org for a bound key, with the name filter and paging', async () => {
    const a = await h().world()
    const b = await h().world()
    // The owner of A also joins B: a session sees both, A's API key only A.
    await addMember(h().deps, b.org, { email: a.owner.user.email, groups: [b.groups.owners] })
    const bySession = await h().request<{ objects: OrgBody[] }>('GET', '/v1/organization', {
      auth: a.owner.session,
    })
    expect(bySession.status).toBe(200)
    expect(bySession.body.objects.map((o) => o.id).sort()).toEqual([a.org.id, b.org.id].sort())
    const byKey = await h().request<{ objects: OrgBody[] }>('GET', '/v1/organization', {
      auth: a.owner.key,
    })
    expect(byKey.body.objects.map((o) => o.id)).toEqual([a.org.id])
    expect(byKey.body.objects[0]).toMatchObject({ name: a.org.name, plan: 'enterprise' })

    const named = await h().request<{ objects: OrgBody[] }>('GET', '/v1/organization', {
      auth: a.owner.session,
      query: { org_name: b.org.name },
    })
    expect(named.body.objects.map((o) => o.id)).toEqual([b.org.id])
    const page = await h().request<{ objects: OrgBody[] }>('GET', '/v1/organization', {
      auth: a.owner.session,
      query: { limit: '1' },
    })
    expect(page.body.objects).toHaveLength(1)
    const next = await h().request<{ objects: OrgBody[] }>('GET', '/v1/organization', {
      auth: a.owner.session,
      query: { limit: '1', starting_after: page.body.objects[0]?.id ?? '' },
    })
    expect(next.body.objects).toHaveLength(1)
    expect(next.body.objects[0]?.id).not.toBe(page.body.objects[0]?.id)
  })

  it("lists nothing for another org's name, and refuses bad paging and missing credentials", async () => {
    const a = await h().world()
    const b = await h().world()
    const other = await h().request<{ objects: OrgBody[] }>('GET', '/v1/organization', {
      auth: a.owner.key,
      query: { org_name: b.org.name },
    })
    expect(other.status).toBe(200)
    expect(other.body.objects).toEqual([])
    for (const query of [{ limit: '-1' }, { limit: 'many' }, { starting_after: 'nope' }] as Record<
      string,
      string
    >[]) {
      const reply = await h().request<ErrorReply>('GET', '/v1/organization', {
        auth: a.owner.key,
        query,
      })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    const anonymous = await h().request<ErrorReply>('GET', '/v1/organization')
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED')
  })

  it('gets an org for any member; 400 for a bad id, 401 without credentials', async () => {
    const w = await h().world({ plan: 'pro' })
    const viewer = await h().member(w, [need(w.groups.viewers, 'viewers')])
    const reply = await h().request<OrgBody>('GET', `/v1/organization/${w.org.id}`, {
      auth: viewer.key,
    })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ id: w.org.id, name: w.org.name, plan: 'pro' })
    const bad = await h().request<ErrorReply>('GET', '/v1/organization/not-a-uuid', {
      auth: viewer.key,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('VALIDATION_FAILED')
    const anonymous = await h().request<ErrorReply>('GET', `/v1/organization/${w.org.id}`)
    expect(anonymous.status).toBe(401)
  })

  it('updates reference fields and, as owner, the Gatehouse settings', async () => {
    const w = await h().world()
    const reply = await h().request<OrgBody>('PATCH', `/v1/organization/${w.org.id}`, {
      auth: w.owner.session,
      body: {
        name: `${w.org.name}-renamed`,
        api_url: 'https://api.example.com',
        image_rendering_mode: 'blocked',
        direct_ownership_grants: false,
        service_tokens_can_mint: false,
        proxy_url: null,
      },
    })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({
      name: `${w.org.name}-renamed`,
      api_url: 'https://api.example.com',
      image_rendering_mode: 'blocked',
      direct_ownership_grants: false,
      service_tokens_can_mint: false,
    })
    expect(await orgOf(h(), w)).toEqual(reply.body)
  })

  it('refuses invalid updates with 400, changing nothing', async () => {
    const w = await h().world()
    const before = await orgOf(h(), w)
    const path = `/v1/organization/${w.org.id}`
    for (const body of [
      { name: '' },
      { name: 'x', plan: 'starter' },
      { image_rendering_mode: 'sometimes' },
      { direct_ownership_grants: 'yes' },
      [],
      'not json',
    ]) {
      const reply = await h().request<ErrorReply>('PATCH', path, { auth: w.owner.key, body })
      expect(reply.status, JSON.stringify(body)).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    expect(await orgOf(h(), w)).toEqual(before)
    const anonymous = await h().request<ErrorReply>('PATCH', path, { body: { name: 'pwned' } })
    expect(anonymous.status).toBe(401)
  })

  it('is 403 for a member who may read the org but not update it or its settings', async () => {
    const w = await h().world()
    const engineer = await h().member(w, [need(w.groups.engineers, 'engineers')])
    const before = await orgOf(h(), w)
    const path = `/v1/organization/${w.org.id}`
    const rename = await h().request<ErrorReply>('PATCH', path, {
      auth: engineer.key,
      body: { name: 'mine now' },
    })
    expect(rename.status).toBe(403)
    expect(rename.body.error).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: 'The caller lacks the permission this request needs',
    })
    const settings = await h().request<ErrorReply>('PATCH', path, {
      auth: engineer.session,
      body: { service_tokens_can_mint: false },
    })
    expect(settings.status).toBe(403)
    expect(settings.body.error.code).toBe('OWNER_ONLY_SETTING')
    expect(await orgOf(h(), w)).toEqual(before)
  })

  it('is 404 for another org, which stays unchanged', async () => {
    const a = await h().world()
    const b = await h().world()
    const before = await orgOf(h(), b)
    const path = `/v1/organization/${b.org.id}`
    for (const [method, body] of [['GET'], ['PATCH', { name: 'pwned' }]] as const) {
      const reply = await h().request<ErrorReply>(method, path, { auth: a.owner.key, body })
      expect(reply.status).toBe(404)
      expect(reply.body.error.code).toBe('ORG_NOT_FOUND')
    }
    expect(await orgOf(h(), b)).toEqual(before)
  })
})

describeHttp('organization members', (h) => {
  it('invites people into a group and returns their links, listed as pending', async () => {
    const w = await h().world()
    const reply = await h().request<MembersBody>('PATCH', '/v1/organization/members', {
      auth: w.owner.key,
      body: {
        invite_users: { emails: ['New.Person@Example.com'], group_name: 'Engineers' },
      },
    })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({
      status: 'success',
      org_id: w.org.id,
      send_email_error: null,
      added_users: [],
    })
    const [invitation] = reply.body.invitations
    expect(invitation?.email).toBe('new.person@example.com')
    const prefix = `${h().services.config.publicUrl}/invite/`
    expect(invitation?.invite_url.startsWith(prefix)).toBe(true)
    const token = invitation?.invite_url.slice(prefix.length) ?? ''
    const preview = await h().request<{ org_id: string; account_exists: boolean }>(
      'POST',
      '/v1/invitation/preview',
      { body: { token } },
    )
    expect(preview.body).toMatchObject({ org_id: w.org.id, account_exists: false })
    const pending = await h().request<{ objects: { id: string }[] }>('GET', '/v1/invitation', {
      auth: w.owner.key,
    })
    expect(pending.body.objects.map((i) => i.id)).toEqual([invitation?.id])
  })

  it('Enterprise: an owner session creates a service account with a token in a custom group', async () => {
    const w = await h().world()
    const deps = h().deps
    const { project: a } = await createProject(deps, w.owner.actor, { name: 'A', orgId: w.org.id })
    const { project: b } = await createProject(deps, w.owner.actor, { name: 'B', orgId: w.org.id })
    const { group } = await createGroup(deps, w.owner.actor, {
      name: 'Readers of A',
      orgId: w.org.id,
    })
    await createAcl(deps, w.owner.actor, {
      orgId: w.org.id,
      objectType: 'project',
      objectId: a.id,
      groupId: group.id,
      permission: 'read',
    })
    const reply = await h().request<MembersBody>('PATCH', '/v1/organization/members', {
      auth: w.owner.session,
      body: {
        invite_users: {
          service_accounts: [{ name: 'ingest', token_name: 'ingest-token' }],
          group_id: group.id,
        },
      },
    })
    expect(reply.status).toBe(200)
    const [added] = reply.body.added_users
    expect(added).toMatchObject({ token_name: 'ingest-token' })
    const secret = added?.api_key ?? ''
    expect(secret.startsWith('bt-st-')).toBe(true)
    const token = { bearer: secret }
    expect((await h().request('GET', `/v1/project/${a.id}`, { auth: token })).status).toBe(200)
    const hidden = await h().request<ErrorReply>('GET', `/v1/project/${b.id}`, { auth: token })
    expect(hidden.status).toBe(404)
    expect(hidden.body.error.code).toBe('PROJECT_NOT_FOUND')
  })

  it('refuses an owner API key creating a service account, creating nothing', async () => {
    const w = await h().world()
    for (const spec of [{ name: 'bot' }, { name: 'bot', token_name: 't' }]) {
      const reply = await h().request<ErrorReply>('PATCH', '/v1/organization/members', {
        auth: w.owner.key,
        body: { invite_users: { service_accounts: [spec], group_name: 'Viewers' } },
      })
      expect(reply.status).toBe(403)
      expect(reply.body.error).toMatchObject({
        code: 'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT',
        message: 'API keys cannot create service accounts',
      })
    }
    const accounts = await h().request<{ objects: unknown[] }>('GET', '/v1/service_account', {
      auth: w.owner.session,
    })
    expect(accounts.body.objects).toEqual([])
  })

  it('refuses a member manager inviting into Owners, and a viewer inviting at all', async () => {
    const w = await h().world()
    const manager = await h().member(w, [await inviterGroup(h(), w)])
    const intoOwners = await h().request<ErrorReply>('PATCH', '/v1/organization/members', {
      auth: manager.key,
      body: { invite_users: { emails: ['climber@example.com'], group_name: 'Owners' } },
    })
    expect(intoOwners.status).toBe(403)
    expect(intoOwners.body.error).toMatchObject({
      code: 'GRANT_EXCEEDS_CALLER',
      message: 'You cannot grant permissions that you do not hold',
    })
    const viewer = await h().member(w, [need(w.groups.viewers, 'viewers')])
    const byViewer = await h().request<ErrorReply>('PATCH', '/v1/organization/members', {
      auth: viewer.key,
      body: { invite_users: { emails: ['friend@example.com'], group_name: 'Viewers' } },
    })
    expect(byViewer.status).toBe(403)
    expect(byViewer.body.error.code).toBe('PERMISSION_DENIED')
    const pending = await h().request<{ objects: unknown[] }>('GET', '/v1/invitation', {
      auth: w.owner.key,
    })
    expect(pending.body.objects).toEqual([])
    // What the manager does hold, it may confer.
    const allowed = await h().request<MembersBody>('PATCH', '/v1/organization/members', {
      auth: manager.key,
      body: { invite_users: { emails: ['ok@example.com'], group_name: 'Member managers' } },
    })
    expect(allowed.status).toBe(200)
  })

  it('removes members but never the last owner', async () => {
    const w = await h().world()
    const engineer = await h().member(w, [need(w.groups.engineers, 'engineers')])
    const last = await h().request<ErrorReply>('PATCH', '/v1/organization/members', {
      auth: w.owner.session,
      body: { remove_users: { ids: [w.owner.user.id] } },
    })
    expect(last.status).toBe(403)
    expect(last.body.error).toMatchObject({
      code: 'LAST_OWNER',
      message: 'An organization must keep at least one owner',
    })
    expect((await h().request('GET', '/v1/organization', { auth: w.owner.key })).status).toBe(200)

    const removed = await h().request<MembersBody>('PATCH', '/v1/organization/members', {
      auth: w.owner.session,
      body: { remove_users: { emails: [engineer.user.email] } },
    })
    expect(removed.status).toBe(200)
    // Their API key for this org stops working.
    expect((await h().request('GET', '/v1/organization', { auth: engineer.key })).status).toBe(401)
  })

  it('refuses bad bodies with 400 and no credentials with 401, changing nothing', async () => {
    const w = await h().world()
    for (const body of [
      { invite_users: { emails: ['a@example.com'], group_name: 'Viewers', role: 'x' } },
      { invite_users: { emails: 'a@example.com', group_name: 'Viewers' } },
      { remove_users: { ids: ['not-a-uuid'] } },
      { org_id: 'nope' },
      { members: [] },
      'not json',
    ]) {
      const reply = await h().request<ErrorReply>('PATCH', '/v1/organization/members', {
        auth: w.owner.key,
        body,
      })
      expect(reply.status, JSON.stringify(body)).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    const needsGroup = await h().request<ErrorReply>('PATCH', '/v1/organization/members', {
      auth: w.owner.key,
      body: { invite_users: { emails: ['a@example.com'] } },
    })
    expect(needsGroup.body.error).toMatchObject({
      code: 'INVITATION_NEEDS_GROUP',
      message: 'Every invited member must be assigned at least one permission group',
    })
    const anonymous = await h().request<ErrorReply>('PATCH', '/v1/organization/members', {
      body: { invite_users: { emails: ['a@example.com'], group_name: 'Viewers' } },
    })
    expect(anonymous.status).toBe(401)
    const pending = await h().request<{ objects: unknown[] }>('GET', '/v1/invitation', {
      auth: w.owner.key,
    })
    expect(pending.body.objects).toEqual([])
  })

  it("is 404 for another org's members, which stay unchanged", async () => {
    const a = await h().world()
    const b = await h().world()
    const bMember = await h().member(b, [need(b.groups.engineers, 'engineers')])
    for (const body of [
      { org_id: b.org.id, invite_users: { emails: ['spy@example.com'], group_name: 'Owners' } },
      { org_name: b.org.name, remove_users: { ids: [bMember.user.id] } },
    ]) {
      const reply = await h().request<ErrorReply>('PATCH', '/v1/organization/members', {
        auth: a.owner.session,
        body,
      })
      expect(reply.status).toBe(404)
      expect(reply.body.error.code).toBe('ORG_NOT_FOUND')
    }
    // Removing B's member through A's org: not a member there, so not found either.
    const viaOwnOrg = await h().request<ErrorReply>('PATCH', '/v1/organization/members', {
      auth: a.owner.key,
      body: { remove_users: { ids: [bMember.user.id] } },
    })
    expect(viaOwnOrg.status).toBe(404)
    expect(viaOwnOrg.body.error.code).toBe('USER_NOT_FOUND')
    expect((await h().request('GET', '/v1/organization', { auth: bMember.key })).status).toBe(200)
    const pending = await h().request<{ objects: unknown[] }>('GET', '/v1/invitation', {
      auth: b.owner.key,
    })
    expect(pending.body.objects).toEqual([])
  })
})
