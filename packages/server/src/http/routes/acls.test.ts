import { createAcl, createProject, type Project, SYSTEM_ROLE_IDS } from '@gatehouse/core'
import { addMember } from '@gatehouse/core/testing'
import { expect, it } from 'vitest'
import { describeHttp, type World } from '../testing/harness.js'

interface AclBody {
  id: string
  object_type: string
  object_id: string
  user_id: string | null
  group_id: string | null
  permission: string | null
  restrict_object_type: string | null
  role_id: string | null
  _object_org_id: string
  created: string | null
}
interface ExplainBody {
  permissions: string[]
  grants: {
    permission: string
    acl_id: string
    acl_object_type: string
    acl_object_id: string
    group_path: string[]
    role_path: string[]
    restrict_object_type: string | null
  }[]
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

const UNKNOWN_ID = '7f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b'
const DENIED = {
  code: 'PERMISSION_DENIED',
  message: 'The caller lacks the permission this request needs',
}
const EXCEEDS = {
  code: 'GRANT_EXCEEDS_CALLER',
  message: 'You cannot grant permissions that you do not hold',
}
const LAST_OWNER = { code: 'LAST_OWNER', message: 'An organization must keep at least one owner' }

describeHttp('acls', (h) => {
  async function projectIn(w: World, name = 'P'): Promise<Project> {
    return (await createProject(h().deps, w.owner.actor, { name })).project
  }

  async function orgAcls(w: World, query: Record<string, string> = {}): Promise<AclBody[]> {
    const reply = await h().request<AclBody[]>('GET', '/v1/acl/list_org', {
      auth: w.owner.key,
      query,
    })
    expect(reply.status).toBe(200)
    return reply.body
  }

  it('creates an ACL once, finds it again, lists, reads and deletes it by id', async () => {
    const w = await h().world()
    const project = await projectIn(w)
    const alice = await h().member(w)
    const item = {
      object_type: 'project',
      object_id: project.id,
      user_id: alice.user.id,
      permission: 'read',
    }
    const created = await h().request<AclBody>('POST', '/v1/acl', { auth: w.owner.key, body: item })
    expect(created.status).toBe(200)
    expect(created.headers.get('x-bt-found-existing')).toBeNull()
    expect(created.body).toMatchObject({
      ...item,
      group_id: null,
      role_id: null,
      restrict_object_type: null,
      _object_org_id: w.org.id,
    })
    const again = await h().request<AclBody>('POST', '/v1/acl', {
      auth: w.owner.session,
      body: { ...item, group_id: null, role_id: null },
    })
    expect(again.status).toBe(200)
    expect(again.body).toEqual(created.body)
    expect(again.headers.get('x-bt-found-existing')).toBe('true')

    const onProject = await h().request<{ objects: AclBody[] }>('GET', '/v1/acl', {
      auth: w.owner.key,
      query: { object_type: 'project', object_id: project.id },
    })
    expect(onProject.body.objects.map((a) => a.id)).toContain(created.body.id)
    const filtered = await h().request<{ objects: AclBody[] }>('GET', '/v1/acl', {
      auth: w.owner.key,
      query: {
        object_type: 'project',
        object_id: project.id,
        user_id: alice.user.id,
        permission: 'read',
      },
    })
    expect(filtered.body.objects).toEqual([created.body])
    const otherPermission = await h().request<{ objects: AclBody[] }>('GET', '/v1/acl', {
      auth: w.owner.key,
      query: {
        object_type: 'project',
        object_id: project.id,
        user_id: alice.user.id,
        permission: 'update',
      },
    })
    expect(otherPermission.body.objects).toEqual([])

    const path = `/v1/acl/${created.body.id}`
    expect((await h().request<AclBody>('GET', path, { auth: w.owner.key })).body).toEqual(
      created.body,
    )
    const deleted = await h().request<AclBody>('DELETE', path, { auth: w.owner.key })
    expect(deleted.status).toBe(200)
    expect(deleted.body).toEqual(created.body)
    const gone = await h().request<ErrorReply>('GET', path, { auth: w.owner.key })
    expect(gone.status).toBe(404)
    expect(gone.body.error.code).toBe('ACL_NOT_FOUND')
  })

  it('deletes an ACL by content and lists the org as a bare array', async () => {
    const w = await h().world()
    const project = await projectIn(w)
    const alice = await h().member(w)
    const item = {
      object_type: 'project',
      object_id: project.id,
      user_id: alice.user.id,
      role_id: SYSTEM_ROLE_IDS.viewer,
    }
    const created = await h().request<AclBody>('POST', '/v1/acl', { auth: w.owner.key, body: item })
    const all = await orgAcls(w)
    expect(Array.isArray(all)).toBe(true)
    expect(all.map((a) => a.id)).toContain(created.body.id)
    expect(all.every((a) => a._object_org_id === w.org.id)).toBe(true)
    expect(await orgAcls(w, { user_id: alice.user.id })).toEqual([created.body])
    expect(await orgAcls(w, { role_id: SYSTEM_ROLE_IDS.viewer, object_id: project.id })).toEqual([
      created.body,
    ])

    const removed = await h().request<AclBody>('DELETE', '/v1/acl', {
      auth: w.owner.key,
      body: item,
    })
    expect(removed.status).toBe(200)
    expect(removed.body).toEqual(created.body)
    const twice = await h().request<ErrorReply>('DELETE', '/v1/acl', {
      auth: w.owner.key,
      body: item,
    })
    expect(twice.status).toBe(404)
    expect(twice.body.error.code).toBe('ACL_NOT_FOUND')
    expect(await orgAcls(w, { user_id: alice.user.id })).toEqual([])
  })

  it('adds and removes in one batch, idempotently', async () => {
    const w = await h().world()
    const project = await projectIn(w)
    const alice = await h().member(w)
    const bob = await h().member(w)
    const on = { object_type: 'project', object_id: project.id }
    const existing = await createAcl(h().deps, w.owner.actor, {
      objectType: 'project',
      objectId: project.id,
      userId: bob.user.id,
      permission: 'read',
    })
    const reply = await h().request<{ added_acls: AclBody[]; removed_acls: AclBody[] }>(
      'POST',
      '/v1/acl/batch_update',
      {
        auth: w.owner.key,
        body: {
          add_acls: [
            { ...on, user_id: alice.user.id, permission: 'read' },
            {
              ...on,
              user_id: alice.user.id,
              permission: 'update',
              restrict_object_type: 'dataset',
            },
          ],
          remove_acls: [
            { ...on, user_id: bob.user.id, permission: 'read' },
            { ...on, user_id: bob.user.id, permission: 'delete' },
          ],
        },
      },
    )
    expect(reply.status).toBe(200)
    expect(
      reply.body.added_acls.map((a) => [a.user_id, a.permission, a.restrict_object_type]),
    ).toEqual([
      [alice.user.id, 'read', null],
      [alice.user.id, 'update', 'dataset'],
    ])
    expect(reply.body.removed_acls.map((a) => a.id)).toEqual([existing.acl.id])
    const empty = await h().request<{ added_acls: AclBody[]; removed_acls: AclBody[] }>(
      'POST',
      '/v1/acl/batch_update',
      {
        auth: w.owner.key,
        body: { add_acls: [{ ...on, user_id: alice.user.id, permission: 'read' }] },
      },
    )
    expect(empty.body).toEqual({ added_acls: [], removed_acls: [] })
    expect((await orgAcls(w, { object_id: project.id, user_id: bob.user.id })).length).toBe(0)
    expect((await orgAcls(w, { object_id: project.id, user_id: alice.user.id })).length).toBe(2)
  })

  it('refuses bad input with 400, unknown fields included, and changes nothing', async () => {
    const w = await h().world()
    const project = await projectIn(w)
    const alice = await h().member(w)
    const on = { object_type: 'project', object_id: project.id }
    const before = await orgAcls(w)
    const shapes: [unknown, string][] = [
      [{}, 'VALIDATION_FAILED'],
      [{ ...on, user_id: alice.user.id, permission: 'read', note: 'x' }, 'VALIDATION_FAILED'],
      [
        { ...on, object_type: 'planet', user_id: alice.user.id, permission: 'read' },
        'VALIDATION_FAILED',
      ],
      [{ ...on, user_id: alice.user.id, permission: 'fly' }, 'VALIDATION_FAILED'],
      [
        { ...on, object_id: 'nope', user_id: alice.user.id, permission: 'read' },
        'VALIDATION_FAILED',
      ],
      ['not json', 'VALIDATION_FAILED'],
      [{ ...on, permission: 'read' }, 'ACL_SUBJECT_INVALID'],
      [
        { ...on, user_id: alice.user.id, group_id: w.groups.owners.id, permission: 'read' },
        'ACL_SUBJECT_INVALID',
      ],
      [{ ...on, user_id: alice.user.id }, 'ACL_GRANT_INVALID'],
      [
        { ...on, user_id: alice.user.id, permission: 'read', role_id: SYSTEM_ROLE_IDS.viewer },
        'ACL_GRANT_INVALID',
      ],
      [
        {
          ...on,
          user_id: alice.user.id,
          role_id: SYSTEM_ROLE_IDS.viewer,
          restrict_object_type: 'dataset',
        },
        'ACL_RESTRICT_WITH_ROLE',
      ],
    ]
    for (const [body, code] of shapes) {
      for (const [method, path, wrapped] of [
        ['POST', '/v1/acl', body],
        ['DELETE', '/v1/acl', body],
        ['POST', '/v1/acl/batch_update', { add_acls: [body] }],
        ['POST', '/v1/acl/batch_update', { remove_acls: [body] }],
      ] as const) {
        if (typeof body === 'string' && path === '/v1/acl/batch_update') {
          continue
        }
        const reply = await h().request<ErrorReply>(method, path, {
          auth: w.owner.key,
          body: wrapped,
        })
        expect(reply.status, `${method} ${path} ${JSON.stringify(wrapped)}`).toBe(400)
        expect(reply.body.error.code).toBe(code)
      }
    }
    const restrictWithRole = await h().request<ErrorReply>('POST', '/v1/acl', {
      auth: w.owner.key,
      body: {
        ...on,
        user_id: alice.user.id,
        role_id: SYSTEM_ROLE_IDS.viewer,
        restrict_object_type: 'dataset',
      },
    })
    expect(restrictWithRole.body.error.message).toBe(
      'restrict_object_type cannot be set alongside a role_id',
    )
    const batchExtra = await h().request<ErrorReply>('POST', '/v1/acl/batch_update', {
      auth: w.owner.key,
      body: { add_acls: [], upsert: true },
    })
    expect(batchExtra.status).toBe(400)
    const queries: Record<string, string>[] = [
      {},
      { object_type: 'project' },
      { object_id: project.id },
      { object_type: 'project', object_id: project.id, permission: 'fly' },
      { object_type: 'project', object_id: project.id, limit: 'many' },
      {
        object_type: 'project',
        object_id: project.id,
        starting_after: UNKNOWN_ID,
        ending_before: UNKNOWN_ID,
      },
    ]
    for (const query of queries) {
      const reply = await h().request<ErrorReply>('GET', '/v1/acl', { auth: w.owner.key, query })
      expect(reply.status, JSON.stringify(query)).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    const badOrgQuery = await h().request<ErrorReply>('GET', '/v1/acl/list_org', {
      auth: w.owner.key,
      query: { object_type: 'planet' },
    })
    expect(badOrgQuery.status).toBe(400)
    for (const [method, path] of [
      ['GET', '/v1/acl/not-a-uuid'],
      ['DELETE', '/v1/acl/not-a-uuid'],
    ] as const) {
      expect((await h().request(method, path, { auth: w.owner.key })).status).toBe(400)
    }
    expect(await orgAcls(w)).toEqual(before)
  })

  it('is 401 on every ACL route without credentials', async () => {
    const w = await h().world()
    const item = {
      object_type: 'organization',
      object_id: w.org.id,
      user_id: w.owner.user.id,
      permission: 'read',
    }
    const path = `/v1/acl/${UNKNOWN_ID}`
    for (const [method, url, body, query] of [
      ['GET', '/v1/acl', undefined, { object_type: 'organization', object_id: w.org.id }],
      ['POST', '/v1/acl', item],
      ['DELETE', '/v1/acl', item],
      ['POST', '/v1/acl/batch_update', { add_acls: [item] }],
      ['GET', '/v1/acl/list_org'],
      [
        'POST',
        '/v1/acl/explain',
        { user_id: w.owner.user.id, object_type: 'organization', object_id: w.org.id },
      ],
      ['GET', path],
      ['DELETE', path],
    ] as const) {
      const reply = await h().request<ErrorReply>(method, url, { body, query })
      expect(reply.status, `${method} ${url}`).toBe(401)
      expect(reply.body.error.code).toBe('UNAUTHENTICATED')
    }
    expect((await orgAcls(w, { user_id: w.owner.user.id, permission: 'read' })).length).toBe(0)
  })

  it('is 403 with the rule for a member who can read the project but not manage its ACLs', async () => {
    const w = await h().world({ plan: 'pro' })
    const viewers = w.groups.viewers
    if (viewers === undefined) {
      throw new Error('a pro org has Viewers')
    }
    const viewer = await h().member(w, [viewers])
    const project = await projectIn(w)
    const item = {
      object_type: 'project',
      object_id: project.id,
      user_id: viewer.user.id,
      permission: 'update',
    }
    const existing = await createAcl(h().deps, w.owner.actor, {
      objectType: 'project',
      objectId: project.id,
      userId: w.owner.user.id,
      permission: 'read',
    })
    const before = await orgAcls(w)
    for (const [method, url, body, query] of [
      ['GET', '/v1/acl', undefined, { object_type: 'project', object_id: project.id }],
      ['POST', '/v1/acl', item],
      [
        'DELETE',
        '/v1/acl',
        {
          object_type: 'project',
          object_id: project.id,
          user_id: w.owner.user.id,
          permission: 'read',
        },
      ],
      ['POST', '/v1/acl/batch_update', { add_acls: [item] }],
      ['GET', '/v1/acl/list_org'],
      [
        'POST',
        '/v1/acl/explain',
        { user_id: w.owner.user.id, object_type: 'project', object_id: project.id },
      ],
      ['GET', `/v1/acl/${existing.acl.id}`],
      ['DELETE', `/v1/acl/${existing.acl.id}`],
    ] as const) {
      const reply = await h().request<ErrorReply>(method, url, { auth: viewer.key, body, query })
      expect(reply.status, `${method} ${url}`).toBe(403)
      expect(reply.body.error).toMatchObject(DENIED)
    }
    expect(await orgAcls(w)).toEqual(before)
  })

  it('lets nobody grant more than they hold, even to themselves', async () => {
    const w = await h().world()
    const engineers = w.groups.engineers
    if (engineers === undefined) {
      throw new Error('an enterprise org has Engineers')
    }
    const project = await projectIn(w)
    const manager = await h().member(w, [engineers])
    // The manager may create ACLs everywhere (so on the project too), and holds no more.
    await createAcl(h().deps, w.owner.actor, {
      objectType: 'organization',
      objectId: w.org.id,
      userId: manager.user.id,
      permission: 'create_acls',
    })
    const before = await orgAcls(w)
    for (const body of [
      {
        object_type: 'organization',
        object_id: w.org.id,
        user_id: manager.user.id,
        role_id: SYSTEM_ROLE_IDS.owner,
      },
      {
        object_type: 'organization',
        object_id: w.org.id,
        user_id: manager.user.id,
        permission: 'delete_acls',
      },
      {
        object_type: 'project',
        object_id: project.id,
        user_id: manager.user.id,
        role_id: SYSTEM_ROLE_IDS.owner,
      },
      {
        object_type: 'organization',
        object_id: w.org.id,
        group_id: engineers.id,
        permission: 'update_acls',
      },
    ]) {
      for (const [url, wrapped] of [
        ['/v1/acl', body],
        ['/v1/acl/batch_update', { add_acls: [body] }],
      ] as const) {
        const reply = await h().request<ErrorReply>('POST', url, {
          auth: manager.key,
          body: wrapped,
        })
        expect(reply.status, `${url} ${JSON.stringify(body)}`).toBe(403)
        expect(reply.body.error).toMatchObject(EXCEEDS)
      }
    }
    expect(await orgAcls(w)).toEqual(before)
    // What the manager holds, it may hand on.
    const allowed = await h().request<AclBody>('POST', '/v1/acl', {
      auth: manager.key,
      body: {
        object_type: 'project',
        object_id: project.id,
        user_id: manager.user.id,
        permission: 'update',
      },
    })
    expect(allowed.status).toBe(200)
  })

  it('keeps the last owner: the Owners grant cannot be deleted in any way', async () => {
    const w = await h().world()
    const [ownersAcl] = await orgAcls(w, {
      object_type: 'organization',
      group_id: w.groups.owners.id,
      role_id: SYSTEM_ROLE_IDS.owner,
    })
    if (ownersAcl === undefined) {
      throw new Error('a new org grants its Owners group the Owner role')
    }
    const content = {
      object_type: 'organization',
      object_id: w.org.id,
      group_id: w.groups.owners.id,
      role_id: SYSTEM_ROLE_IDS.owner,
    }
    for (const [method, url, body] of [
      ['DELETE', `/v1/acl/${ownersAcl.id}`, undefined],
      ['DELETE', '/v1/acl', content],
      ['POST', '/v1/acl/batch_update', { remove_acls: [content] }],
    ] as const) {
      const reply = await h().request<ErrorReply>(method, url, { auth: w.owner.key, body })
      expect(reply.status, `${method} ${url}`).toBe(403)
      expect(reply.body.error).toMatchObject(LAST_OWNER)
    }
    const still = await h().request<AclBody>('GET', `/v1/acl/${ownersAcl.id}`, {
      auth: w.owner.key,
    })
    expect(still.body).toEqual(ownersAcl)
  })

  it('applies a batch all or nothing', async () => {
    const w = await h().world()
    const other = await h().world()
    const project = await projectIn(w)
    const foreign = await projectIn(other, 'foreign')
    const alice = await h().member(w)
    const good = {
      object_type: 'project',
      object_id: project.id,
      user_id: alice.user.id,
      permission: 'read',
    }
    const before = await orgAcls(w)
    const bad: [Record<string, unknown>, number, string][] = [
      [{ add_acls: [good, { ...good, object_id: foreign.id }] }, 404, 'PROJECT_NOT_FOUND'],
      [{ add_acls: [good, { ...good, user_id: other.owner.user.id }] }, 404, 'USER_NOT_FOUND'],
      [
        {
          add_acls: [
            good,
            {
              ...good,
              role_id: SYSTEM_ROLE_IDS.viewer,
              restrict_object_type: 'dataset',
              permission: null,
            },
          ],
        },
        400,
        'ACL_RESTRICT_WITH_ROLE',
      ],
      [
        {
          add_acls: [good],
          remove_acls: [
            {
              object_type: 'organization',
              object_id: w.org.id,
              group_id: w.groups.owners.id,
              role_id: SYSTEM_ROLE_IDS.owner,
            },
          ],
        },
        403,
        'LAST_OWNER',
      ],
      [{ add_acls: [good], remove_acls: [good] }, 400, 'VALIDATION_FAILED'],
    ]
    for (const [body, status, code] of bad) {
      const reply = await h().request<ErrorReply>('POST', '/v1/acl/batch_update', {
        auth: w.owner.key,
        body,
      })
      expect(reply.status, JSON.stringify(body)).toBe(status)
      expect(reply.body.error.code).toBe(code)
    }
    expect(await orgAcls(w)).toEqual(before)
  })

  it('refuses group grants on projects on Starter and Pro with the plan rule', async () => {
    for (const plan of ['starter', 'pro'] as const) {
      const w = await h().world({ plan })
      const project = await projectIn(w)
      const body = {
        object_type: 'project',
        object_id: project.id,
        group_id: w.groups.owners.id,
        permission: 'read',
      }
      for (const [url, wrapped] of [
        ['/v1/acl', body],
        ['/v1/acl/batch_update', { add_acls: [body] }],
      ] as const) {
        const reply = await h().request<ErrorReply>('POST', url, {
          auth: w.owner.key,
          body: wrapped,
        })
        expect(reply.status).toBe(403)
        expect(reply.body.error).toMatchObject({
          code: 'PLAN_PROJECT_GROUP_GRANTS',
          message: 'Project-level permissions for groups require the Enterprise plan',
        })
      }
      expect(await orgAcls(w, { object_id: project.id, group_id: w.groups.owners.id })).toEqual([])
      // Org-level group grants are every plan's.
      const orgLevel = await h().request<AclBody>('POST', '/v1/acl', {
        auth: w.owner.key,
        body: { ...body, object_type: 'org_project', object_id: w.org.id },
      })
      expect(orgLevel.status).toBe(200)
    }
  })

  it('explains who may do what, and why', async () => {
    const w = await h().world()
    const engineers = w.groups.engineers
    if (engineers === undefined) {
      throw new Error('an enterprise org has Engineers')
    }
    const project = await projectIn(w)
    const engineer = await h().member(w, [engineers])
    const reader = await h().member(w)
    const direct = await createAcl(h().deps, w.owner.actor, {
      objectType: 'project',
      objectId: project.id,
      userId: reader.user.id,
      permission: 'read',
    })
    const about = (userId: string) => ({
      user_id: userId,
      object_type: 'project',
      object_id: project.id,
    })
    const readers = await h().request<ExplainBody>('POST', '/v1/acl/explain', {
      auth: w.owner.key,
      body: about(reader.user.id),
    })
    expect(readers.status).toBe(200)
    expect(readers.body).toEqual({
      permissions: ['read'],
      grants: [
        {
          permission: 'read',
          acl_id: direct.acl.id,
          acl_object_type: 'project',
          acl_object_id: project.id,
          group_path: [],
          role_path: [],
          restrict_object_type: null,
        },
      ],
    })
    const engineers_ = await h().request<ExplainBody>('POST', '/v1/acl/explain', {
      auth: w.owner.session,
      body: about(engineer.user.id),
    })
    expect(engineers_.body.permissions).toEqual(['create', 'read', 'update', 'delete'])
    expect(engineers_.body.grants.every((g) => g.group_path.includes(engineers.id))).toBe(true)
    expect(engineers_.body.grants.every((g) => g.role_path[0] === SYSTEM_ROLE_IDS.engineer)).toBe(
      true,
    )
    // Anyone may ask about themselves.
    const self = await h().request<ExplainBody>('POST', '/v1/acl/explain', {
      auth: reader.key,
      body: about(reader.user.id),
    })
    expect(self.body.permissions).toEqual(['read'])

    for (const body of [
      {},
      { ...about(reader.user.id), extra: 1 },
      { ...about(reader.user.id), user_id: 'nope' },
      { ...about(reader.user.id), object_type: 'planet' },
      { ...about(reader.user.id), project_id: 'nope' },
    ]) {
      const reply = await h().request<ErrorReply>('POST', '/v1/acl/explain', {
        auth: w.owner.key,
        body,
      })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    const unknownUser = await h().request<ErrorReply>('POST', '/v1/acl/explain', {
      auth: w.owner.key,
      body: about(UNKNOWN_ID),
    })
    expect(unknownUser.status).toBe(404)
    expect(unknownUser.body.error.code).toBe('USER_NOT_FOUND')
  })

  it('finds the org from the object for a session that spans several orgs', async () => {
    const a = await h().world()
    const b = await h().world()
    // A's owner also owns B: their session names no org, the object does.
    await addMember(h().deps, b.org, { email: a.owner.user.email, groups: [b.groups.owners] })
    const session = await h().sessionFor(a.owner.user)
    const project = await projectIn(b)
    const item = {
      object_type: 'project',
      object_id: project.id,
      user_id: a.owner.user.id,
      permission: 'read',
    }
    const created = await h().request<AclBody>('POST', '/v1/acl', { auth: session, body: item })
    expect(created.status).toBe(200)
    expect(created.body._object_org_id).toBe(b.org.id)
    const listed = await h().request<{ objects: AclBody[] }>('GET', '/v1/acl', {
      auth: session,
      query: { object_type: 'project', object_id: project.id, user_id: a.owner.user.id },
    })
    expect(listed.body.objects).toEqual([created.body])
    const path = `/v1/acl/${created.body.id}`
    expect((await h().request<AclBody>('GET', path, { auth: session })).body).toEqual(created.body)
    const explained = await h().request<ExplainBody>('POST', '/v1/acl/explain', {
      auth: session,
      body: { user_id: a.owner.user.id, object_type: 'organization', object_id: b.org.id },
    })
    expect(explained.status).toBe(200)
    expect(explained.body.permissions).toContain('delete_acls')
    const batch = await h().request('POST', '/v1/acl/batch_update', {
      auth: session,
      body: { remove_acls: [item], add_acls: [{ ...item, permission: 'update' }] },
    })
    expect(batch.status).toBe(200)
    const removed = await h().request<AclBody>('DELETE', '/v1/acl', {
      auth: session,
      body: { ...item, permission: 'update' },
    })
    expect(removed.status).toBe(200)
    // An org the session is not in still hides its objects, and its key stays in its own org.
    const c = await h().world()
    const foreign = await projectIn(c, 'foreign')
    const hidden = await h().request<ErrorReply>('POST', '/v1/acl', {
      auth: session,
      body: { ...item, object_id: foreign.id },
    })
    expect(hidden.status).toBe(404)
    expect(hidden.body.error.code).toBe('PROJECT_NOT_FOUND')
    const keyElsewhere = await h().request<ErrorReply>('POST', '/v1/acl', {
      auth: a.owner.key,
      body: item,
    })
    expect(keyElsewhere.status).toBe(404)
    expect(keyElsewhere.body.error.code).toBe('PROJECT_NOT_FOUND')
  })

  it("is 404 for another org's ACLs and objects, which stay unchanged", async () => {
    const a = await h().world()
    const b = await h().world()
    const project = await projectIn(a)
    const alice = await h().member(a)
    const item = {
      object_type: 'project',
      object_id: project.id,
      user_id: alice.user.id,
      permission: 'read',
    }
    const acl = await h().request<AclBody>('POST', '/v1/acl', { auth: a.owner.key, body: item })
    const before = await orgAcls(a)
    const path = `/v1/acl/${acl.body.id}`
    for (const [method, url, body, query, code] of [
      ['GET', path, undefined, undefined, 'ACL_NOT_FOUND'],
      ['DELETE', path, undefined, undefined, 'ACL_NOT_FOUND'],
      ['GET', `/v1/acl/${UNKNOWN_ID}`, undefined, undefined, 'ACL_NOT_FOUND'],
      [
        'GET',
        '/v1/acl',
        undefined,
        { object_type: 'project', object_id: project.id },
        'PROJECT_NOT_FOUND',
      ],
      [
        'GET',
        '/v1/acl',
        undefined,
        { object_type: 'organization', object_id: a.org.id },
        'ORG_NOT_FOUND',
      ],
      [
        'GET',
        '/v1/acl',
        undefined,
        { object_type: 'group', object_id: a.groups.owners.id },
        'GROUP_NOT_FOUND',
      ],
      ['POST', '/v1/acl', { ...item, user_id: b.owner.user.id }, undefined, 'PROJECT_NOT_FOUND'],
      ['DELETE', '/v1/acl', item, undefined, 'PROJECT_NOT_FOUND'],
      ['POST', '/v1/acl/batch_update', { remove_acls: [item] }, undefined, 'PROJECT_NOT_FOUND'],
      [
        'POST',
        '/v1/acl',
        {
          object_type: 'organization',
          object_id: a.org.id,
          user_id: b.owner.user.id,
          role_id: SYSTEM_ROLE_IDS.owner,
        },
        undefined,
        'ORG_NOT_FOUND',
      ],
      ['GET', '/v1/acl/list_org', undefined, { org_name: a.org.name }, 'ORG_NOT_FOUND'],
      [
        'POST',
        '/v1/acl/explain',
        { user_id: alice.user.id, object_type: 'project', object_id: project.id },
        undefined,
        'PROJECT_NOT_FOUND',
      ],
      [
        'POST',
        '/v1/acl/explain',
        { user_id: b.owner.user.id, object_type: 'project', object_id: project.id },
        undefined,
        'PROJECT_NOT_FOUND',
      ],
    ] as const) {
      const reply = await h().request<ErrorReply>(method, url, { auth: b.owner.key, body, query })
      expect(reply.status, `${method} ${url}`).toBe(404)
      expect(reply.body.error.code).toBe(code)
    }
    expect(await orgAcls(a)).toEqual(before)
    const own = await orgAcls(b)
    expect(own.some((x) => x.object_id === project.id || x.id === acl.body.id)).toBe(false)
  })
})
