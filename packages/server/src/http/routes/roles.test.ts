import { createAcl, SYSTEM_ROLE_IDS } from '@gatehouse/core'
import { addMember } from '@gatehouse/core/testing'
import { expect, it } from 'vitest'
import { describeHttp } from '../testing/harness.js'

interface RoleBody {
  id: string
  org_id: string | null
  name: string
  description: string | null
  deleted_at: string | null
  member_permissions: { permission: string; restrict_object_type: string | null }[]
  member_roles: string[]
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

const UNKNOWN_ID = '7f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b'
const SYSTEM_IMMUTABLE = {
  code: 'SYSTEM_ROLE_IMMUTABLE',
  message: 'System roles cannot be changed',
}

describeHttp('roles', (h) => {
  it('lists and reads the system roles, read-only', async () => {
    const w = await h().world({ plan: 'starter' })
    const list = await h().request<{ objects: RoleBody[] }>('GET', '/v1/role', {
      auth: w.owner.key,
    })
    expect(list.status).toBe(200)
    const system = list.body.objects.filter((r) => r.org_id === null)
    expect(system.map((r) => r.name).sort()).toEqual(['Engineer', 'Owner', 'Viewer'])
    const viewer = await h().request<RoleBody>('GET', `/v1/role/${SYSTEM_ROLE_IDS.viewer}`, {
      auth: w.owner.key,
    })
    expect(viewer.body).toMatchObject({
      id: SYSTEM_ROLE_IDS.viewer,
      name: 'Viewer',
      org_id: null,
      member_permissions: [{ permission: 'read', restrict_object_type: null }],
    })
    const byName = await h().request<{ objects: RoleBody[] }>('GET', '/v1/role', {
      auth: w.owner.key,
      query: { role_name: 'Engineer' },
    })
    expect(byName.body.objects.map((r) => r.id)).toEqual([SYSTEM_ROLE_IDS.engineer])

    const path = `/v1/role/${SYSTEM_ROLE_IDS.owner}`
    for (const [method, url, body] of [
      ['PATCH', path, { name: 'Boss' }],
      ['PATCH', path, { remove_member_permissions: [{ permission: 'delete' }] }],
      ['DELETE', path],
      ['PUT', '/v1/role', { name: 'Owner', member_permissions: [] }],
    ] as const) {
      const reply = await h().request<ErrorReply>(method, url, { auth: w.owner.key, body })
      expect(reply.status).toBe(403)
      expect(reply.body.error).toMatchObject(SYSTEM_IMMUTABLE)
    }
    const after = await h().request<RoleBody>('GET', path, { auth: w.owner.key })
    expect(after.body.name).toBe('Owner')
    expect(after.body.member_permissions).toHaveLength(8)
  })

  it('creates a role, returns it again by name, edits, replaces and deletes it', async () => {
    const w = await h().world()
    const created = await h().request<RoleBody>('POST', '/v1/role', {
      auth: w.owner.key,
      body: {
        name: 'Auditor',
        member_permissions: [{ permission: 'read' }, { permission: 'read_acls' }],
        member_roles: [SYSTEM_ROLE_IDS.viewer],
      },
    })
    expect(created.status).toBe(200)
    expect(created.headers.get('x-bt-found-existing')).toBeNull()
    expect(created.body).toMatchObject({
      org_id: w.org.id,
      name: 'Auditor',
      member_permissions: [
        { permission: 'read', restrict_object_type: null },
        { permission: 'read_acls', restrict_object_type: null },
      ],
      member_roles: [SYSTEM_ROLE_IDS.viewer],
      deleted_at: null,
    })
    const again = await h().request<RoleBody>('POST', '/v1/role', {
      auth: w.owner.session,
      body: { name: 'Auditor' },
    })
    expect(again.body).toEqual(created.body)
    expect(again.headers.get('x-bt-found-existing')).toBe('true')

    const path = `/v1/role/${created.body.id}`
    expect((await h().request<RoleBody>('GET', path, { auth: w.owner.key })).body).toEqual(
      created.body,
    )
    const patched = await h().request<RoleBody>('PATCH', path, {
      auth: w.owner.key,
      body: {
        description: 'reads the books',
        add_member_permissions: [{ permission: 'update', restrict_object_type: 'dataset' }],
        remove_member_permissions: [{ permission: 'read_acls' }],
        remove_member_roles: [SYSTEM_ROLE_IDS.viewer],
      },
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({
      description: 'reads the books',
      member_permissions: [
        { permission: 'read', restrict_object_type: null },
        { permission: 'update', restrict_object_type: 'dataset' },
      ],
      member_roles: [],
    })
    const replaced = await h().request<RoleBody>('PUT', '/v1/role', {
      auth: w.owner.key,
      body: { name: 'Auditor', member_permissions: [{ permission: 'read' }] },
    })
    expect(replaced.headers.get('x-bt-found-existing')).toBe('true')
    expect(replaced.body).toMatchObject({
      id: created.body.id,
      description: null,
      member_permissions: [{ permission: 'read', restrict_object_type: null }],
    })
    const fresh = await h().request<RoleBody>('PUT', '/v1/role', {
      auth: w.owner.key,
      body: { name: 'Writer' },
    })
    expect(fresh.status).toBe(200)
    expect(fresh.headers.get('x-bt-found-existing')).toBeNull()

    const listed = await h().request<{ objects: RoleBody[] }>('GET', '/v1/role', {
      auth: w.owner.key,
      query: { ids: [created.body.id, fresh.body.id] },
    })
    expect(listed.body.objects.map((r) => r.id).sort()).toEqual(
      [created.body.id, fresh.body.id].sort(),
    )

    const deleted = await h().request<RoleBody>('DELETE', path, { auth: w.owner.key })
    expect(deleted.status).toBe(200)
    expect(deleted.body.deleted_at).not.toBeNull()
    const gone = await h().request<ErrorReply>('GET', path, { auth: w.owner.key })
    expect(gone.status).toBe(404)
    expect(gone.body.error.code).toBe('ROLE_NOT_FOUND')
  })

  it('refuses bad input with 400, unknown fields included, and changes nothing', async () => {
    const w = await h().world()
    const bodies = [
      {},
      { name: '' },
      { name: 'x', colour: 'red' },
      { name: 'x', member_permissions: [{ permission: 'fly' }] },
      { name: 'x', member_permissions: [{ permission: 'read', extra: true }] },
      { name: 'x', member_permissions: [{ permission: 'read', restrict_object_type: 'planet' }] },
      { name: 'x', member_roles: ['nope'] },
      'not json',
    ]
    for (const method of ['POST', 'PUT']) {
      for (const body of bodies) {
        const reply = await h().request<ErrorReply>(method, '/v1/role', { auth: w.owner.key, body })
        expect(reply.status).toBe(400)
        expect(reply.body.error.code).toBe('VALIDATION_FAILED')
      }
    }
    const role = await h().request<RoleBody>('POST', '/v1/role', {
      auth: w.owner.key,
      body: { name: 'Kept', member_permissions: [{ permission: 'read' }] },
    })
    const path = `/v1/role/${role.body.id}`
    for (const body of [
      { colour: 'red' },
      { add_member_permissions: [{ permission: 'fly' }] },
      { add_member_roles: ['x'] },
      // Adding and removing the same entry contradicts itself.
      {
        add_member_permissions: [{ permission: 'read' }],
        remove_member_permissions: [{ permission: 'read' }],
      },
    ]) {
      const reply = await h().request<ErrorReply>('PATCH', path, { auth: w.owner.key, body })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    expect((await h().request('GET', '/v1/role/not-a-uuid', { auth: w.owner.key })).status).toBe(
      400,
    )
    const list = await h().request<{ objects: RoleBody[] }>('GET', '/v1/role', {
      auth: w.owner.key,
    })
    expect(list.body.objects.filter((r) => r.org_id !== null)).toEqual([role.body])
  })

  it('is 401 on every role route without credentials', async () => {
    const path = `/v1/role/${SYSTEM_ROLE_IDS.owner}`
    for (const [method, url, body] of [
      ['GET', '/v1/role'],
      ['POST', '/v1/role', { name: 'x' }],
      ['PUT', '/v1/role', { name: 'x' }],
      ['GET', path],
      ['PATCH', path, { description: 'x' }],
      ['DELETE', path],
    ] as const) {
      const reply = await h().request<ErrorReply>(method, url, { body })
      expect(reply.status).toBe(401)
      expect(reply.body.error.code).toBe('UNAUTHENTICATED')
    }
  })

  it('is 403 with the rule for an org reader who can read roles but not change them', async () => {
    const w = await h().world({ plan: 'pro' })
    // Viewers only read projects; reading roles takes read on the organization.
    const reader = await h().member(w)
    await createAcl(h().deps, w.owner.actor, {
      objectType: 'organization',
      objectId: w.org.id,
      userId: reader.user.id,
      permission: 'read',
    })
    const role = await h().request<RoleBody>('POST', '/v1/role', {
      auth: w.owner.key,
      body: { name: 'Reader', member_permissions: [{ permission: 'read' }] },
    })
    const path = `/v1/role/${role.body.id}`
    expect((await h().request('GET', path, { auth: reader.key })).status).toBe(200)
    for (const [method, url, body] of [
      ['POST', '/v1/role', { name: 'Mine' }],
      ['PUT', '/v1/role', { name: 'Reader', member_permissions: [] }],
      ['PATCH', path, { add_member_permissions: [{ permission: 'delete' }] }],
      ['DELETE', path],
    ] as const) {
      const reply = await h().request<ErrorReply>(method, url, { auth: reader.key, body })
      expect(reply.status).toBe(403)
      expect(reply.body.error).toMatchObject({
        code: 'PERMISSION_DENIED',
        message: 'The caller lacks the permission this request needs',
      })
    }
    const after = await h().request<RoleBody>('GET', path, { auth: w.owner.key })
    expect(after.body).toEqual(role.body)
  })

  it('finds the org from the role for a session that spans several orgs', async () => {
    const a = await h().world()
    const b = await h().world()
    await addMember(h().deps, b.org, { email: a.owner.user.email, groups: [b.groups.owners] })
    const session = await h().sessionFor(a.owner.user)
    const created = await h().request<RoleBody>('POST', '/v1/role', {
      auth: b.owner.key,
      body: { name: 'Reader', member_permissions: [{ permission: 'read' }] },
    })
    const path = `/v1/role/${created.body.id}`
    expect((await h().request<RoleBody>('GET', path, { auth: session })).body).toEqual(created.body)
    const patched = await h().request<RoleBody>('PATCH', path, {
      auth: session,
      body: { description: 'reads' },
    })
    expect(patched.body.description).toBe('reads')
    expect((await h().request('DELETE', path, { auth: session })).status).toBe(200)
    const gone = await h().request<ErrorReply>('GET', path, { auth: session })
    expect(gone.status).toBe(404)
  })

  it("is 404 for another org's role, which stays unchanged", async () => {
    const a = await h().world()
    const b = await h().world()
    const role = await h().request<RoleBody>('POST', '/v1/role', {
      auth: a.owner.key,
      body: { name: 'Secret', member_permissions: [{ permission: 'read' }] },
    })
    for (const id of [role.body.id, UNKNOWN_ID]) {
      const path = `/v1/role/${id}`
      for (const [method, body] of [
        ['GET'],
        ['PATCH', { name: 'pwned', add_member_permissions: [{ permission: 'delete' }] }],
        ['DELETE'],
      ] as const) {
        const reply = await h().request<ErrorReply>(method, path, { auth: b.owner.key, body })
        expect(reply.status).toBe(404)
        expect(reply.body.error.code).toBe('ROLE_NOT_FOUND')
      }
    }
    // Another org's role cannot be inherited either.
    const inherit = await h().request<ErrorReply>('POST', '/v1/role', {
      auth: b.owner.key,
      body: { name: 'Borrower', member_roles: [role.body.id] },
    })
    expect(inherit.status).toBe(404)
    const listed = await h().request<{ objects: RoleBody[] }>('GET', '/v1/role', {
      auth: b.owner.key,
      query: { role_name: 'Secret' },
    })
    expect(listed.body.objects).toEqual([])
    const still = await h().request<RoleBody>('GET', `/v1/role/${role.body.id}`, {
      auth: a.owner.key,
    })
    expect(still.body).toEqual(role.body)
  })
})
