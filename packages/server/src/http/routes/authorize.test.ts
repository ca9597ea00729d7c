import { createAcl, createProject, createServiceToken } from '@gatehouse/core'
import { addMember } from '@gatehouse/core/testing'
import { expect, it } from 'vitest'
import { describeHttp, type Harness, type World } from '../testing/harness.js'

interface Grant {
  permission: string
  acl_id: string
  acl_object_type: string
  acl_object_id: string
  group_path: string[]
  role_path: string[]
  restrict_object_type: string | null
}
interface AuthorizeBody {
  principal: {
    user_id: string
    kind: string
    org_id: string
    credential_kind: string
    impersonator_user_id: string | null
  }
  results: { allowed: boolean; grants?: Grant[] }[]
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

const DATASET_ID = '22222222-2222-4222-8222-222222222222'

async function twoProjects(h: Harness, w: World) {
  const { project: alpha } = await createProject(h.deps, w.owner.actor, { name: 'alpha' })
  const { project: beta } = await createProject(h.deps, w.owner.actor, { name: 'beta' })
  return { alpha, beta }
}

describeHttp('authorize', (h) => {
  it("answers each check with the end user's permissions, and explains them", async () => {
    const w = await h().world()
    const { alpha, beta } = await twoProjects(h(), w)
    const reader = await h().member(w)
    const { acl } = await createAcl(h().deps, w.owner.actor, {
      objectType: 'project',
      objectId: alpha.id,
      userId: reader.user.id,
      permission: 'read',
    })
    const checks = [
      { permission: 'read', object_type: 'project', object_id: alpha.id },
      { permission: 'update', object_type: 'project', object_id: alpha.id },
      { permission: 'read', object_type: 'project', object_id: beta.id },
      { permission: 'read', object_type: 'dataset', object_id: DATASET_ID, project_id: alpha.id },
      { permission: 'read', object_type: 'dataset', object_id: DATASET_ID, project_id: beta.id },
    ]
    const reply = await h().request<AuthorizeBody>('POST', '/v1/authorize', {
      auth: reader.key,
      body: { checks },
    })
    expect(reply.status).toBe(200)
    expect(reply.body.results).toEqual([
      { allowed: true },
      { allowed: false },
      { allowed: false },
      { allowed: true },
      { allowed: false },
    ])
    expect(reply.body.principal).toEqual({
      user_id: reader.user.id,
      kind: 'user',
      org_id: w.org.id,
      credential_kind: 'api_key',
      impersonator_user_id: null,
    })

    const explained = await h().request<AuthorizeBody>('POST', '/v1/authorize', {
      auth: reader.session,
      body: { checks, explain: true },
    })
    expect(explained.body.principal.credential_kind).toBe('session')
    expect(explained.body.results.map((r) => r.allowed)).toEqual([true, false, false, true, false])
    expect(explained.body.results[0]?.grants).toEqual([
      {
        permission: 'read',
        acl_id: acl.id,
        acl_object_type: 'project',
        acl_object_id: alpha.id,
        group_path: [],
        role_path: [],
        restrict_object_type: null,
      },
    ])
    expect(explained.body.results[1]?.grants).toEqual([])
  })

  it('decides for a service token by its service account, and for the impersonated user', async () => {
    const w = await h().world()
    const { alpha } = await twoProjects(h(), w)
    const engineers = w.groups.engineers
    if (engineers === undefined) {
      throw new Error('an enterprise org has Engineers')
    }
    const sa = await addMember(h().deps, w.org, {
      kind: 'service_account',
      name: 'bot',
      groups: [engineers],
    })
    const { secret } = await createServiceToken(h().deps, w.owner.actor, {
      name: 't',
      serviceAccountId: sa.id,
      orgId: w.org.id,
    })
    const checks = [
      { permission: 'update', object_type: 'project', object_id: alpha.id },
      { permission: 'update_acls', object_type: 'project', object_id: alpha.id },
    ]
    const byToken = await h().request<AuthorizeBody>('POST', '/v1/authorize', {
      auth: { bearer: secret },
      body: { checks, explain: true },
    })
    expect(byToken.status).toBe(200)
    expect(byToken.body.principal).toMatchObject({
      user_id: sa.id,
      kind: 'service_account',
      credential_kind: 'service_token',
    })
    expect(byToken.body.results.map((r) => r.allowed)).toEqual([true, false])
    expect(byToken.body.results[0]?.grants?.[0]?.group_path).toEqual([engineers.id])

    const member = await h().member(w)
    const impersonating = await h().request<AuthorizeBody>('POST', '/v1/authorize', {
      auth: {
        headers: {
          authorization: `Bearer ${w.owner.keySecret}`,
          'x-bt-impersonate-user': member.user.email,
        },
      },
      body: { checks },
    })
    expect(impersonating.body.principal).toMatchObject({
      user_id: member.user.id,
      impersonator_user_id: w.owner.user.id,
    })
    expect(impersonating.body.results.map((r) => r.allowed)).toEqual([false, false])
  })

  it('answers the single-check form with a top-level allowed, and refuses mixing the forms', async () => {
    const w = await h().world()
    const { alpha, beta } = await twoProjects(h(), w)
    const reader = await h().member(w)
    await createAcl(h().deps, w.owner.actor, {
      objectType: 'project',
      objectId: alpha.id,
      userId: reader.user.id,
      permission: 'read',
    })
    const ask = (body: object) =>
      h().request<AuthorizeBody & { allowed?: boolean }>('POST', '/v1/authorize', {
        auth: reader.key,
        body,
      })
    const yes = await ask({ permission: 'read', object_type: 'project', object_id: alpha.id })
    expect(yes.status).toBe(200)
    expect(yes.body.allowed).toBe(true)
    expect(yes.body.results).toEqual([{ allowed: true }])
    expect(yes.body.principal.user_id).toBe(reader.user.id)
    const no = await ask({ permission: 'read', object_type: 'project', object_id: beta.id })
    expect(no.body.allowed).toBe(false)
    const explained = await ask({
      permission: 'read',
      object_type: 'project',
      object_id: alpha.id,
      explain: true,
    })
    expect(explained.body.results[0]?.grants?.map((g) => g.permission)).toEqual(['read'])
    const batch = await ask({
      checks: [{ permission: 'read', object_type: 'project', object_id: alpha.id }],
    })
    expect(batch.body).not.toHaveProperty('allowed')

    const mixed = await h().request<{
      error: { code: string; details: { issues: { path: string }[] } }
    }>('POST', '/v1/authorize', {
      auth: reader.key,
      body: {
        permission: 'read',
        checks: [{ permission: 'read', object_type: 'project', object_id: alpha.id }],
      },
    })
    expect(mixed.status).toBe(400)
    expect(mixed.body.error.details.issues.map((i) => i.path)).toEqual(['permission'])
    const partial = await h().request<{ error: { details: { issues: { path: string }[] } } }>(
      'POST',
      '/v1/authorize',
      { auth: reader.key, body: { permission: 'read' } },
    )
    expect(partial.status).toBe(400)
    expect(partial.body.error.details.issues.map((i) => i.path)).toEqual([
      'object_type',
      'object_id',
    ])
  })

  it('refuses bad input with 400, unknown fields and URL credentials too', async () => {
    const w = await h().world()
    const check = { permission: 'read', object_type: 'organization', object_id: w.org.id }
    for (const body of [
      {},
      { checks: [] },
      { checks: Array(101).fill(check) },
      { checks: [{ ...check, permission: 'admin' }] },
      { checks: [{ ...check, object_type: 'table' }] },
      { checks: [{ ...check, object_id: 'org' }] },
      { checks: [{ ...check, user_id: w.owner.user.id }] },
      { checks: [check], as_user: w.owner.user.id },
      { checks: [check], explain: 'yes' },
      'nope',
    ]) {
      const reply = await h().request<ErrorReply>('POST', '/v1/authorize', {
        auth: w.owner.key,
        body,
      })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    const inUrl = await h().request<ErrorReply>('POST', '/v1/authorize', {
      query: { api_key: w.owner.keySecret },
      body: { checks: [check] },
    })
    expect(inUrl.status).toBe(400)
    expect(inUrl.body.error.code).toBe('CREDENTIAL_IN_URL')
    const full = await h().request<AuthorizeBody>('POST', '/v1/authorize', {
      auth: w.owner.key,
      body: { checks: Array(100).fill(check) },
    })
    expect(full.status).toBe(200)
    expect(full.body.results.every((r) => r.allowed)).toBe(true)
  })

  it('is 401 without credentials or with a revoked key', async () => {
    const w = await h().world()
    const body = {
      checks: [{ permission: 'read', object_type: 'organization', object_id: w.org.id }],
    }
    expect((await h().request('POST', '/v1/authorize', { body })).status).toBe(401)
    const member = await h().member(w)
    const keys = await h().request<{ objects: { id: string }[] }>('GET', '/v1/api_key', {
      auth: member.key,
    })
    await h().request('DELETE', `/v1/api_key/${keys.body.objects[0]?.id}`, { auth: w.owner.key })
    const revoked = await h().request<ErrorReply>('POST', '/v1/authorize', {
      auth: member.key,
      body,
    })
    expect(revoked.status).toBe(401)
    expect(revoked.body.error.code).toBe('UNAUTHENTICATED')
  })

  it('answers "no" instead of 403: a denial is a decision, not a refusal', async () => {
    const w = await h().world()
    const { alpha } = await twoProjects(h(), w)
    const viewers = w.groups.viewers
    if (viewers === undefined) {
      throw new Error('an enterprise org has Viewers')
    }
    const viewer = await h().member(w, [viewers])
    const reply = await h().request<AuthorizeBody>('POST', '/v1/authorize', {
      auth: viewer.key,
      body: {
        checks: [
          { permission: 'read', object_type: 'project', object_id: alpha.id },
          { permission: 'delete', object_type: 'project', object_id: alpha.id },
          { permission: 'read', object_type: 'org_audit_logs', object_id: w.org.id },
        ],
      },
    })
    expect(reply.status).toBe(200)
    expect(reply.body.results.map((r) => r.allowed)).toEqual([true, false, false])
  })

  it("denies another org's objects and is 404 for another org by name", async () => {
    const a = await h().world()
    const b = await h().world()
    const { alpha } = await twoProjects(h(), a)
    const reply = await h().request<AuthorizeBody>('POST', '/v1/authorize', {
      auth: b.owner.key,
      body: {
        explain: true,
        checks: [
          { permission: 'read', object_type: 'project', object_id: alpha.id },
          { permission: 'read', object_type: 'organization', object_id: a.org.id },
          {
            permission: 'read',
            object_type: 'dataset',
            object_id: DATASET_ID,
            project_id: alpha.id,
          },
          { permission: 'read', object_type: 'project_log', object_id: alpha.id },
        ],
      },
    })
    expect(reply.status).toBe(200)
    expect(reply.body.principal.org_id).toBe(b.org.id)
    expect(reply.body.results).toEqual([
      { allowed: false, grants: [] },
      { allowed: false, grants: [] },
      { allowed: false, grants: [] },
      { allowed: false, grants: [] },
    ])
    for (const auth of [b.owner.key, b.owner.session]) {
      const foreign = await h().request<ErrorReply>('POST', '/v1/authorize', {
        auth,
        body: {
          org_name: a.org.name,
          checks: [{ permission: 'read', object_type: 'project', object_id: alpha.id }],
        },
      })
      expect(foreign.status).toBe(404)
      expect(foreign.body.error.code).toBe('ORG_NOT_FOUND')
    }
  })
})
