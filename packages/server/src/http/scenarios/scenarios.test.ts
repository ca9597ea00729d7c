import { addMember } from '@gatehouse/core/testing'
import { expect, it } from 'vitest'
import { type Credential, describeHttp, type Harness, type World } from '../testing/harness.js'

/*
 * The stories issue 3 exists for, end to end over HTTP: each test reads like the story and uses
 * only the public API after the world is set up.
 */

interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}
interface Project {
  id: string
  name: string
}
interface AuditRow {
  action: string
  outcome: 'success' | 'denied'
  actor_user_id: string | null
  credential_kind: string
  credential_id: string | null
  impersonator_user_id: string | null
  object_type: string
  object_id: string | null
  reason: string | null
}
interface Authorization {
  principal: {
    user_id: string
    kind: string
    org_id: string
    credential_kind: string
    impersonator_user_id: string | null
  }
  results: { allowed: boolean }[]
}
interface Listed<T> {
  objects: T[]
}

function expectError(
  reply: { status: number; body: unknown },
  status: number,
  code: string,
  message?: string,
): void {
  const body = reply.body as ErrorReply
  expect({ status: reply.status, code: body.error?.code }).toEqual({ status, code })
  if (message !== undefined) {
    expect(body.error.message).toBe(message)
  }
}

async function createProject(h: Harness, auth: Credential, name: string): Promise<Project> {
  const reply = await h.request<Project>('POST', '/v1/project', { auth, body: { name } })
  expect(reply.status).toBe(200)
  return reply.body
}

/** What `POST /v1/authorize` answers for read on each project, in order. */
async function canRead(h: Harness, auth: Credential, projects: Project[]): Promise<boolean[]> {
  const reply = await h.request<Authorization>('POST', '/v1/authorize', {
    auth,
    body: {
      checks: projects.map((p) => ({
        permission: 'read',
        object_type: 'project',
        object_id: p.id,
      })),
    },
  })
  expect(reply.status).toBe(200)
  return reply.body.results.map((r) => r.allowed)
}

async function auditLog(h: Harness, w: World, query: Record<string, string>) {
  const reply = await h.request<Listed<AuditRow>>('GET', '/v1/audit_log', {
    auth: w.owner.key,
    query,
  })
  expect(reply.status).toBe(200)
  return reply.body.objects
}

async function ownKeyId(h: Harness, auth: Credential): Promise<string> {
  const reply = await h.request<Listed<{ id: string }>>('GET', '/v1/api_key', { auth })
  const id = reply.body.objects[0]?.id
  if (id === undefined) {
    throw new Error('the caller has no API key')
  }
  return id
}

describeHttp('issue 3 scenarios', (h) => {
  it("1. an owner's API key impersonating a member cannot create an API key, and it is audited", async () => {
    const w = await h().world()
    const engineers = w.groups.engineers
    if (engineers === undefined) {
      throw new Error('an enterprise org has Engineers')
    }
    const member = await h().member(w, [engineers])
    const inventory = async () => {
      const reply = await h().request<Listed<{ id: string }>>('GET', '/v1/api_key', {
        auth: w.owner.session,
        query: { scope: 'org' },
      })
      expect(reply.status).toBe(200)
      return reply.body.objects.map((k) => k.id).sort()
    }
    const before = await inventory()
    expect(before).toHaveLength(2)

    for (const target of [member.user.id, member.user.email]) {
      const refused = await h().request('POST', '/v1/api_key', {
        auth: w.owner.key,
        headers: { 'x-bt-impersonate-user': target },
        body: { name: 'minted by a key' },
      })
      expectError(refused, 403, 'API_KEY_CANNOT_CREATE_API_KEY', 'API keys cannot create API keys')
    }

    expect(await inventory()).toEqual(before)
    const events = await auditLog(h(), w, { action: 'api_key.create' })
    // The two keys the world was set up with, then the two refusals.
    expect(events.map((e) => e.outcome)).toEqual(['denied', 'denied', 'success', 'success'])
    const refusals = events.filter((e) => e.outcome === 'denied')
    const ownerKeyId = await ownKeyId(h(), w.owner.key)
    for (const event of refusals) {
      expect(event).toMatchObject({
        outcome: 'denied',
        actor_user_id: member.user.id,
        impersonator_user_id: w.owner.user.id,
        credential_kind: 'api_key',
        credential_id: ownerKeyId,
        reason: 'API_KEY_CANNOT_CREATE_API_KEY',
      })
    }
  })

  it('2. Enterprise: a service account in a custom group reads project A only, until it leaves', async () => {
    const w = await h().world({ plan: 'enterprise' })
    const a = await createProject(h(), w.owner.key, 'project-a')
    const b = await createProject(h(), w.owner.key, 'project-b')

    const group = await h().request<{ id: string }>('POST', '/v1/group', {
      auth: w.owner.key,
      body: { name: 'project-a-readers', description: 'Read project A' },
    })
    expect(group.status).toBe(200)
    const grant = await h().request('POST', '/v1/acl', {
      auth: w.owner.key,
      body: {
        object_type: 'project',
        object_id: a.id,
        group_id: group.body.id,
        permission: 'read',
      },
    })
    expect(grant.status).toBe(200)

    // An owner, in a session, adds the service account straight into the group with a token.
    const added = await h().request<{ added_users: { id: string; api_key?: string | null }[] }>(
      'PATCH',
      '/v1/organization/members',
      {
        auth: w.owner.session,
        body: {
          invite_users: {
            service_accounts: [{ name: 'ingest', token_name: 'ingest token' }],
            group_names: ['project-a-readers'],
          },
        },
      },
    )
    expect(added.status).toBe(200)
    const account = added.body.added_users[0]
    const secret = account?.api_key
    if (account === undefined || typeof secret !== 'string') {
      throw new Error('no service token was returned')
    }
    expect(secret.startsWith('bt-st-')).toBe(true)
    const token = { bearer: secret }

    const readA = await h().request<Project>('GET', `/v1/project/${a.id}`, { auth: token })
    expect(readA.status).toBe(200)
    expect(readA.body.name).toBe('project-a')
    expectError(
      await h().request('GET', `/v1/project/${b.id}`, { auth: token }),
      404,
      'PROJECT_NOT_FOUND',
    )
    const listed = await h().request<Listed<Project>>('GET', '/v1/project', { auth: token })
    expect(listed.body.objects.map((p) => p.id)).toEqual([a.id])
    expect(await canRead(h(), token, [a, b])).toEqual([true, false])
    // Read is all it got.
    expectError(
      await h().request('PATCH', `/v1/project/${a.id}`, { auth: token, body: { name: 'mine' } }),
      403,
      'PERMISSION_DENIED',
    )

    const left = await h().request('PATCH', `/v1/group/${group.body.id}`, {
      auth: w.owner.key,
      body: { remove_member_users: [account.id] },
    })
    expect(left.status).toBe(200)
    expectError(
      await h().request('GET', `/v1/project/${a.id}`, { auth: token }),
      404,
      'PROJECT_NOT_FOUND',
    )
    expect(await canRead(h(), token, [a, b])).toEqual([false, false])
  })

  it('3. Pro: direct permissions on a service account instead of custom groups', async () => {
    const w = await h().world({ plan: 'pro' })
    const a = await createProject(h(), w.owner.key, 'project-a')
    const b = await createProject(h(), w.owner.key, 'project-b')

    expectError(
      await h().request('POST', '/v1/group', { auth: w.owner.key, body: { name: 'readers' } }),
      403,
      'PLAN_CUSTOM_GROUPS',
      'Custom permission groups require the Enterprise plan',
    )
    const engineers = w.groups.engineers
    if (engineers === undefined) {
      throw new Error('a pro org has Engineers')
    }
    expectError(
      await h().request('POST', '/v1/acl', {
        auth: w.owner.key,
        body: {
          object_type: 'project',
          object_id: a.id,
          group_id: engineers.id,
          permission: 'read',
        },
      }),
      403,
      'PLAN_PROJECT_GROUP_GRANTS',
      'Project-level permissions for groups require the Enterprise plan',
    )
    const groups = await h().request<Listed<{ name: string }>>('GET', '/v1/group', {
      auth: w.owner.key,
    })
    expect(groups.body.objects.map((g) => g.name).sort()).toEqual([
      'Engineers',
      'Owners',
      'Viewers',
    ])

    const created = await h().request<{
      service_account: { id: string }
      token?: { key: string }
    }>('POST', '/v1/service_account', {
      auth: w.owner.session,
      body: { name: 'ingest', token_name: 'ingest token' },
    })
    expect(created.status).toBe(200)
    const secret = created.body.token?.key
    if (secret === undefined) {
      throw new Error('no service token was returned')
    }
    const token = { bearer: secret }
    const accountId = created.body.service_account.id
    // A new service account holds nothing.
    expectError(
      await h().request('GET', `/v1/project/${a.id}`, { auth: token }),
      404,
      'PROJECT_NOT_FOUND',
    )

    const grant = await h().request<{ id: string }>('POST', '/v1/acl', {
      auth: w.owner.key,
      body: { object_type: 'project', object_id: a.id, user_id: accountId, permission: 'read' },
    })
    expect(grant.status).toBe(200)

    expect((await h().request('GET', `/v1/project/${a.id}`, { auth: token })).status).toBe(200)
    expectError(
      await h().request('GET', `/v1/project/${b.id}`, { auth: token }),
      404,
      'PROJECT_NOT_FOUND',
    )
    expect(await canRead(h(), token, [a, b])).toEqual([true, false])
    expectError(
      await h().request('DELETE', `/v1/project/${a.id}`, { auth: token }),
      403,
      'PERMISSION_DENIED',
    )

    const revoked = await h().request('DELETE', `/v1/acl/${grant.body.id}`, { auth: w.owner.key })
    expect(revoked.status).toBe(200)
    expectError(
      await h().request('GET', `/v1/project/${a.id}`, { auth: token }),
      404,
      'PROJECT_NOT_FOUND',
    )
    expect(await canRead(h(), token, [a, b])).toEqual([false, false])
  })

  it('4. an invited engineer makes their own key, which acts exactly as they do until removed', async () => {
    const w = await h().world()
    const email = 'new-engineer@example.com'
    const invited = await h().request<{ invitations: { email: string; invite_url: string }[] }>(
      'PATCH',
      '/v1/organization/members',
      {
        auth: w.owner.key,
        body: { invite_users: { emails: [email], group_names: ['Engineers'] } },
      },
    )
    expect(invited.status).toBe(200)
    const link = invited.body.invitations[0]?.invite_url
    if (link === undefined) {
      throw new Error('no invitation link')
    }
    const inviteToken = decodeURIComponent(new URL(link).pathname.replace(/^\/invite\//, ''))

    const password = 'the engineer chose this'
    const accepted = await h().request<{ user_id: string; created_user: boolean }>(
      'POST',
      '/v1/invitation/accept',
      { body: { token: inviteToken, password } },
    )
    expect(accepted.status).toBe(200)
    expect(accepted.body.created_user).toBe(true)

    const login = await h().request<{ user: { id: string } }>('POST', '/auth/login', {
      body: { email, password },
    })
    expect(login.status).toBe(200)
    expect(login.body.user.id).toBe(accepted.body.user_id)
    const cookies = new Map(
      login.headers.getSetCookie().map((line) => {
        const pair = line.split(';')[0] ?? ''
        const eq = pair.indexOf('=')
        return [pair.slice(0, eq), pair.slice(eq + 1)] as const
      }),
    )
    const session = {
      session: cookies.get('gatehouse_session') ?? '',
      csrf: cookies.get('gatehouse_csrf') ?? '',
    }

    const minted = await h().request<{ key: string; user_id: string; org_id: string }>(
      'POST',
      '/v1/api_key',
      { auth: session, body: { name: 'laptop' } },
    )
    expect(minted.status).toBe(200)
    expect(minted.body).toMatchObject({ user_id: accepted.body.user_id, org_id: w.org.id })
    const key = { bearer: minted.body.key }

    // What an Engineer may do, the key may do; what an Engineer may not, the key may not.
    const project = await createProject(h(), key, 'engineer-project')
    expectError(await h().request('GET', '/v1/audit_log', { auth: key }), 403, 'PERMISSION_DENIED')
    expectError(
      await h().request('POST', '/v1/group', { auth: key, body: { name: 'my-own-group' } }),
      403,
      'PERMISSION_DENIED',
    )
    const engineers = w.groups.engineers
    if (engineers === undefined) {
      throw new Error('an enterprise org has Engineers')
    }
    const grab = await h().request('PATCH', `/v1/group/${w.groups.owners.id}`, {
      auth: key,
      body: { add_member_users: [accepted.body.user_id] },
    })
    // Engineers hold nothing on the Owners group: for them it does not exist.
    expectError(grab, 404, 'GROUP_NOT_FOUND')
    const owners = await h().request<{ member_users: string[] }>(
      'GET',
      `/v1/group/${w.groups.owners.id}`,
      { auth: w.owner.key },
    )
    expect(owners.body.member_users).toEqual([w.owner.user.id])
    const ownProject = await createProject(h(), w.owner.key, 'owner-project')
    const checks = ['read', 'update', 'delete', 'create_acls'].flatMap((permission) =>
      [
        { object_type: 'project', object_id: project.id },
        { object_type: 'project', object_id: ownProject.id },
        { object_type: 'organization', object_id: w.org.id },
        { object_type: 'org_audit_logs', object_id: w.org.id },
        { object_type: 'group', object_id: engineers.id },
      ].map((o) => ({ permission, ...o })),
    )
    const decide = async (auth: Credential) => {
      const reply = await h().request<Authorization>('POST', '/v1/authorize', {
        auth,
        body: { checks },
      })
      expect(reply.status).toBe(200)
      return reply.body.results.map((r) => r.allowed)
    }
    const bySession = await decide(session)
    expect(await decide(key)).toEqual(bySession)
    expect(bySession).toContain(true)
    expect(bySession).toContain(false)

    const removed = await h().request('PATCH', '/v1/organization/members', {
      auth: w.owner.key,
      body: { remove_users: { emails: [email] } },
    })
    expect(removed.status).toBe(200)
    expectError(await h().request('GET', '/v1/project', { auth: key }), 401, 'UNAUTHENTICATED')
  })

  it("impersonation acts with the member's permissions, needs ownership everywhere, and is audited", async () => {
    const w = await h().world()
    const engineers = w.groups.engineers
    if (engineers === undefined) {
      throw new Error('an enterprise org has Engineers')
    }
    const member = await h().member(w, [engineers])
    const as = (auth: Credential) => ({
      auth,
      headers: { 'x-bt-impersonate-user': member.user.email },
    })

    const who = await h().request<{ user: { id: string }; impersonator_user_id: string | null }>(
      'GET',
      '/auth/session',
      as(w.owner.key),
    )
    expect(who.status).toBe(200)
    expect(who.body.user.id).toBe(member.user.id)
    expect(who.body.impersonator_user_id).toBe(w.owner.user.id)

    // The owner reads the audit log; as the engineer, the same key cannot.
    expect((await h().request('GET', '/v1/audit_log', { auth: w.owner.key })).status).toBe(200)
    expectError(
      await h().request('GET', '/v1/audit_log', as(w.owner.key)),
      403,
      'PERMISSION_DENIED',
    )
    const made = await h().request<Project>('POST', '/v1/project', {
      ...as(w.owner.key),
      body: { name: 'made-as-engineer' },
    })
    expect(made.status).toBe(200)
    const decided = await h().request<Authorization>('POST', '/v1/authorize', {
      ...as(w.owner.key),
      body: {
        checks: [{ permission: 'read', object_type: 'org_audit_logs', object_id: w.org.id }],
      },
    })
    expect(decided.body.principal).toMatchObject({
      user_id: member.user.id,
      impersonator_user_id: w.owner.user.id,
      credential_kind: 'api_key',
    })
    expect(decided.body.results).toEqual([{ allowed: false }])

    // The member also belongs to an org this owner does not own: impersonating them is refused.
    const other = await h().world()
    await addMember(h().deps, other.org, { email: member.user.email })
    for (const auth of [w.owner.key, w.owner.session]) {
      expectError(
        await h().request('GET', '/v1/project', as(auth)),
        403,
        'IMPERSONATION_NOT_ALLOWED',
        'Impersonation requires the Owner role in every organization the user belongs to',
      )
    }
    // Their own credentials are unaffected.
    expect((await h().request('GET', '/v1/project', { auth: member.key })).status).toBe(200)

    const created = await auditLog(h(), w, { action: 'project.create' })
    expect(created.find((e) => e.object_id === made.body.id)).toMatchObject({
      outcome: 'success',
      actor_user_id: member.user.id,
      impersonator_user_id: w.owner.user.id,
    })
    const refusals = await auditLog(h(), w, { action: 'user.impersonate' })
    expect(refusals).toHaveLength(2)
    for (const event of refusals) {
      expect(event).toMatchObject({
        outcome: 'denied',
        actor_user_id: w.owner.user.id,
        object_type: 'user',
        object_id: member.user.id,
        reason: 'IMPERSONATION_NOT_ALLOWED',
      })
    }
    // The other org's owner sees nothing of it: the owner of `w` is no member there.
    const elsewhere = await h().request<Listed<AuditRow>>('GET', '/v1/audit_log', {
      auth: other.owner.key,
      query: { action: 'user.impersonate' },
    })
    expect(elsewhere.body.objects).toEqual([])
  })
})
