import { createAcl } from '@gatehouse/core'
import { addMember } from '@gatehouse/core/testing'
import { expect, it } from 'vitest'
import { describeHttp } from '../testing/harness.js'

interface GroupBody {
  id: string
  org_id: string
  name: string
  description: string | null
  deleted_at: string | null
  member_users: string[]
  member_groups: string[]
  builtin: string | null
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

const UNKNOWN_ID = '7f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b'

describeHttp('groups', (h) => {
  it('creates a group, returns it again by name, lists, reads, edits, replaces and deletes it', async () => {
    const w = await h().world()
    const alice = await h().member(w)
    const created = await h().request<GroupBody>('POST', '/v1/group', {
      auth: w.owner.key,
      body: { name: 'Analysts', description: 'read things', member_users: [alice.user.id] },
    })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({
      name: 'Analysts',
      org_id: w.org.id,
      description: 'read things',
      member_users: [alice.user.id],
      member_groups: [],
      builtin: null,
      deleted_at: null,
    })
    expect(created.headers.get('x-bt-found-existing')).toBeNull()

    const again = await h().request<GroupBody>('POST', '/v1/group', {
      auth: w.owner.session,
      body: { name: 'Analysts', description: 'ignored' },
    })
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(created.body.id)
    expect(again.body.description).toBe('read things')
    expect(again.headers.get('x-bt-found-existing')).toBe('true')

    const list = await h().request<{ objects: GroupBody[] }>('GET', '/v1/group', {
      auth: w.owner.key,
    })
    expect(list.body.objects.map((g) => g.name)).toEqual(
      expect.arrayContaining(['Owners', 'Engineers', 'Viewers', 'Analysts']),
    )
    const byName = await h().request<{ objects: GroupBody[] }>('GET', '/v1/group', {
      auth: w.owner.key,
      query: { group_name: 'Analysts' },
    })
    expect(byName.body.objects.map((g) => g.id)).toEqual([created.body.id])

    const path = `/v1/group/${created.body.id}`
    const read = await h().request<GroupBody>('GET', path, { auth: w.owner.key })
    expect(read.body).toEqual(created.body)

    const patched = await h().request<GroupBody>('PATCH', path, {
      auth: w.owner.key,
      body: { name: 'Readers', remove_member_users: [alice.user.id] },
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ name: 'Readers', member_users: [] })

    const replaced = await h().request<GroupBody>('PUT', '/v1/group', {
      auth: w.owner.key,
      body: { name: 'Readers', member_users: [alice.user.id] },
    })
    expect(replaced.status).toBe(200)
    expect(replaced.headers.get('x-bt-found-existing')).toBe('true')
    expect(replaced.body).toMatchObject({
      id: created.body.id,
      description: null,
      member_users: [alice.user.id],
    })
    const fresh = await h().request<GroupBody>('PUT', '/v1/group', {
      auth: w.owner.key,
      body: { name: 'Fresh' },
    })
    expect(fresh.status).toBe(200)
    expect(fresh.headers.get('x-bt-found-existing')).toBeNull()
    expect(fresh.body.id).not.toBe(created.body.id)

    const deleted = await h().request<GroupBody>('DELETE', path, { auth: w.owner.key })
    expect(deleted.status).toBe(200)
    expect(deleted.body.id).toBe(created.body.id)
    expect(deleted.body.deleted_at).not.toBeNull()
    const gone = await h().request<ErrorReply>('GET', path, { auth: w.owner.key })
    expect(gone.status).toBe(404)
    expect(gone.body.error.code).toBe('GROUP_NOT_FOUND')
  })

  it('refuses bad input with 400, unknown fields included, and changes nothing', async () => {
    const w = await h().world()
    const bodies = [
      {},
      { name: '' },
      { name: 'x', owner: 'me' },
      { name: 'x', member_users: ['nope'] },
      'not json',
    ]
    for (const method of ['POST', 'PUT']) {
      for (const body of bodies) {
        const reply = await h().request<ErrorReply>(method, '/v1/group', {
          auth: w.owner.key,
          body,
        })
        expect(reply.status).toBe(400)
        expect(reply.body.error.code).toBe('VALIDATION_FAILED')
      }
    }
    const owners = `/v1/group/${w.groups.owners.id}`
    for (const body of [{ colour: 'red' }, { add_member_users: 'x' }, { name: 7 }]) {
      const reply = await h().request<ErrorReply>('PATCH', owners, { auth: w.owner.key, body })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    for (const [method, path] of [
      ['GET', '/v1/group/not-a-uuid'],
      ['DELETE', '/v1/group/not-a-uuid'],
    ] as const) {
      expect((await h().request(method, path, { auth: w.owner.key })).status).toBe(400)
    }
    const badQuery = await h().request<ErrorReply>('GET', '/v1/group', {
      auth: w.owner.key,
      query: { limit: '-1' },
    })
    expect(badQuery.status).toBe(400)
    const list = await h().request<{ objects: GroupBody[] }>('GET', '/v1/group', {
      auth: w.owner.key,
    })
    expect(list.body.objects.map((g) => g.name).sort()).toEqual(['Engineers', 'Owners', 'Viewers'])
    const stillOwners = await h().request<GroupBody>('GET', owners, { auth: w.owner.key })
    expect(stillOwners.body.member_users).toEqual([w.owner.user.id])
  })

  it('is 401 on every group route without credentials', async () => {
    const w = await h().world()
    const path = `/v1/group/${w.groups.owners.id}`
    for (const [method, url, body] of [
      ['GET', '/v1/group'],
      ['POST', '/v1/group', { name: 'x' }],
      ['PUT', '/v1/group', { name: 'x' }],
      ['GET', path],
      ['PATCH', path, { description: 'x' }],
      ['DELETE', path],
    ] as const) {
      const reply = await h().request<ErrorReply>(method, url, { body })
      expect(reply.status).toBe(401)
      expect(reply.body.error.code).toBe('UNAUTHENTICATED')
    }
  })

  it('shows an Engineer the groups it is in, with their members, and no other group', async () => {
    const w = await h().world()
    const engineers = w.groups.engineers
    const viewers = w.groups.viewers
    if (engineers === undefined || viewers === undefined) {
      throw new Error('an Enterprise org has Engineers and Viewers')
    }
    const dana = await h().member(w, [engineers])
    const eli = await h().member(w, [engineers])
    await h().member(w, [viewers])
    const list = await h().request<{ objects: GroupBody[] }>('GET', '/v1/group', {
      auth: dana.session,
    })
    expect(list.status).toBe(200)
    expect(list.body.objects.map((g) => g.name)).toEqual(['Engineers'])
    expect(list.body.objects[0]?.member_users).toEqual(
      expect.arrayContaining([dana.user.id, eli.user.id]),
    )
    const own = await h().request('GET', `/v1/group/${engineers.id}`, { auth: dana.key })
    expect(own.status).toBe(200)
    const other = await h().request<ErrorReply>('GET', `/v1/group/${viewers.id}`, {
      auth: dana.key,
    })
    expect(other.status).toBe(404)
    // Seen, not managed: the group exists for its member, so changing it is a 403.
    const patch = await h().request<ErrorReply>('PATCH', `/v1/group/${engineers.id}`, {
      auth: dana.session,
      body: { remove_member_users: [eli.user.id] },
    })
    expect(patch.status).toBe(403)
    expect(patch.body.error.code).toBe('PERMISSION_DENIED')
  })

  it('is 403 with the rule for an org reader who can read groups but not change them', async () => {
    const w = await h().world()
    // Viewers only read projects; reading groups takes read on the organization.
    const reader = await h().member(w)
    await createAcl(h().deps, w.owner.actor, {
      objectType: 'organization',
      objectId: w.org.id,
      userId: reader.user.id,
      permission: 'read',
    })
    const created = await h().request<GroupBody>('POST', '/v1/group', {
      auth: w.owner.key,
      body: { name: 'Team' },
    })
    const path = `/v1/group/${created.body.id}`
    expect((await h().request('GET', path, { auth: reader.key })).status).toBe(200)
    for (const [method, url, body] of [
      ['POST', '/v1/group', { name: 'Mine' }],
      ['PUT', '/v1/group', { name: 'Team', member_users: [reader.user.id] }],
      ['PATCH', path, { add_member_users: [reader.user.id] }],
      ['DELETE', path],
    ] as const) {
      const reply = await h().request<ErrorReply>(method, url, { auth: reader.key, body })
      expect(reply.status).toBe(403)
      expect(reply.body.error).toMatchObject({
        code: 'PERMISSION_DENIED',
        message: 'The caller lacks the permission this request needs',
      })
    }
    const after = await h().request<GroupBody>('GET', path, { auth: w.owner.key })
    expect(after.body).toEqual(created.body)
    const names = await h().request<{ objects: GroupBody[] }>('GET', '/v1/group', {
      auth: w.owner.key,
      query: { group_name: 'Mine' },
    })
    expect(names.body.objects).toEqual([])
  })

  it('keeps built-in groups: no delete, no rename, and the last owner stays', async () => {
    const w = await h().world()
    const owners = `/v1/group/${w.groups.owners.id}`
    for (const [method, body] of [['DELETE'], ['PATCH', { name: 'Admins' }]] as const) {
      const reply = await h().request<ErrorReply>(method, owners, { auth: w.owner.key, body })
      expect(reply.status).toBe(403)
      expect(reply.body.error).toMatchObject({
        code: 'BUILTIN_GROUP_IMMUTABLE',
        message: 'Built-in groups cannot be deleted or renamed',
      })
    }
    const leave = await h().request<ErrorReply>('PATCH', owners, {
      auth: w.owner.key,
      body: { remove_member_users: [w.owner.user.id] },
    })
    expect(leave.status).toBe(403)
    expect(leave.body.error).toMatchObject({
      code: 'LAST_OWNER',
      message: 'An organization must keep at least one owner',
    })
    const after = await h().request<GroupBody>('GET', owners, { auth: w.owner.key })
    expect(after.body).toMatchObject({ name: 'Owners', member_users: [w.owner.user.id] })
  })

  it('refuses custom groups on Starter and Pro with the plan rule', async () => {
    for (const plan of ['starter', 'pro'] as const) {
      const w = await h().world({ plan })
      for (const method of ['POST', 'PUT']) {
        const reply = await h().request<ErrorReply>(method, '/v1/group', {
          auth: w.owner.key,
          body: { name: 'Contractors' },
        })
        expect(reply.status).toBe(403)
        expect(reply.body.error).toMatchObject({
          code: 'PLAN_CUSTOM_GROUPS',
          message: 'Custom permission groups require the Enterprise plan',
        })
      }
      const list = await h().request<{ objects: GroupBody[] }>('GET', '/v1/group', {
        auth: w.owner.key,
      })
      expect(list.body.objects.map((g) => g.name)).not.toContain('Contractors')
    }
  })

  it('finds the org from the group for a session that spans several orgs', async () => {
    const a = await h().world()
    const b = await h().world()
    await addMember(h().deps, b.org, { email: a.owner.user.email, groups: [b.groups.owners] })
    const session = await h().sessionFor(a.owner.user)
    const created = await h().request<GroupBody>('POST', '/v1/group', {
      auth: b.owner.key,
      body: { name: 'Team' },
    })
    const path = `/v1/group/${created.body.id}`
    expect((await h().request<GroupBody>('GET', path, { auth: session })).body).toEqual(
      created.body,
    )
    const patched = await h().request<GroupBody>('PATCH', path, {
      auth: session,
      body: { add_member_users: [a.owner.user.id] },
    })
    expect(patched.status).toBe(200)
    expect(patched.body.member_users).toEqual([a.owner.user.id])
    const deleted = await h().request<GroupBody>('DELETE', path, { auth: session })
    expect(deleted.status).toBe(200)
    // Listing and creating name no object: the session must name the org.
    const ambiguous = await h().request<ErrorReply>('GET', '/v1/group', { auth: session })
    expect(ambiguous.status).toBe(400)
    expect(ambiguous.body.error.code).toBe('ORG_REQUIRED')
    const named = await h().request<{ objects: GroupBody[] }>('GET', '/v1/group', {
      auth: session,
      query: { org_name: b.org.name },
    })
    expect(named.body.objects.every((g) => g.org_id === b.org.id)).toBe(true)
  })

  it("is 404 for another org's group, which stays unchanged", async () => {
    const a = await h().world()
    const b = await h().world()
    const created = await h().request<GroupBody>('POST', '/v1/group', {
      auth: a.owner.key,
      body: { name: 'Secret', member_users: [a.owner.user.id] },
    })
    for (const id of [created.body.id, a.groups.owners.id, UNKNOWN_ID]) {
      const path = `/v1/group/${id}`
      for (const [method, body] of [
        ['GET'],
        ['PATCH', { name: 'pwned', add_member_users: [b.owner.user.id] }],
        ['DELETE'],
      ] as const) {
        const reply = await h().request<ErrorReply>(method, path, { auth: b.owner.key, body })
        expect(reply.status).toBe(404)
        expect(reply.body.error.code).toBe('GROUP_NOT_FOUND')
      }
    }
    const listed = await h().request<{ objects: GroupBody[] }>('GET', '/v1/group', {
      auth: b.owner.key,
      query: { ids: [created.body.id] },
    })
    expect(listed.body.objects).toEqual([])
    const cross = await h().request<ErrorReply>('GET', '/v1/group', {
      auth: b.owner.key,
      query: { org_name: a.org.name },
    })
    expect(cross.status).toBe(404)
    const still = await h().request<GroupBody>('GET', `/v1/group/${created.body.id}`, {
      auth: a.owner.key,
    })
    expect(still.body).toEqual(created.body)
  })
})
