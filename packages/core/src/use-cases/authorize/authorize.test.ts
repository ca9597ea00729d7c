import { describe, expect, it } from 'vitest'
import type { Actor } from '../../actor.js'
import { isAppError } from '../../errors.js'
import {
  addMember,
  apiKeyActor,
  auditEvents,
  createTestDeps,
  seedOrg,
  serviceTokenActor,
  sessionActor,
} from '../../testing/index.js'
import { createAcl } from '../acls/create-acl.js'
import { createGroup } from '../groups/create-group.js'
import { createProject } from '../projects/create-project.js'
import { deleteProject } from '../projects/delete-project.js'
import { type AuthorizeCheck, authorize, MAX_AUTHORIZE_CHECKS } from './authorize.js'

const OTHER_ID = '11111111-1111-4111-8111-111111111111'

async function world() {
  const deps = createTestDeps()
  const seeded = await seedOrg(deps)
  const { project: alpha } = await createProject(deps, seeded.ownerActor, { name: 'alpha' })
  const { project: beta } = await createProject(deps, seeded.ownerActor, { name: 'beta' })
  return { deps, ...seeded, alpha, beta }
}

async function allowed(
  deps: ReturnType<typeof createTestDeps>,
  actor: Actor,
  checks: AuthorizeCheck[],
): Promise<boolean[]> {
  const { results } = await authorize(deps, actor, { checks })
  return results.map((r) => r.allowed)
}

describe('authorize', () => {
  it('answers each check for a member with a project-scoped grant, and names the principal', async () => {
    const { deps, org, ownerActor, alpha, beta } = await world()
    const reader = await addMember(deps, org)
    await createAcl(deps, ownerActor, {
      objectType: 'project',
      objectId: alpha.id,
      userId: reader.id,
      permission: 'read',
    })
    const actor = apiKeyActor(reader, org.id, { credentialId: 'key-1' })
    const result = await authorize(deps, actor, {
      checks: [
        { permission: 'read', objectType: 'project', objectId: alpha.id },
        { permission: 'update', objectType: 'project', objectId: alpha.id },
        { permission: 'read', objectType: 'project', objectId: beta.id },
        { permission: 'read', objectType: 'dataset', objectId: OTHER_ID, projectId: alpha.id },
        { permission: 'read', objectType: 'dataset', objectId: OTHER_ID, projectId: beta.id },
        { permission: 'read', objectType: 'project_log', objectId: alpha.id },
      ],
    })
    expect(result.results.map((r) => r.allowed)).toEqual([true, false, false, true, false, true])
    expect(result.results.every((r) => r.grants === undefined)).toBe(true)
    expect(result.principal).toEqual({
      userId: reader.id,
      kind: 'user',
      orgId: org.id,
      credentialKind: 'api_key',
      impersonatorId: null,
    })
  })

  it('explains the grants behind an allowed check, through groups and roles', async () => {
    const { deps, org, owner, ownerActor, alpha, groups } = await world()
    const engineers = groups.engineers
    if (engineers === undefined) {
      throw new Error('an enterprise org has Engineers')
    }
    const engineer = await addMember(deps, org, { groups: [engineers] })
    const { results } = await authorize(deps, sessionActor(engineer), {
      explain: true,
      checks: [
        { permission: 'update', objectType: 'project', objectId: alpha.id },
        { permission: 'delete_acls', objectType: 'project', objectId: alpha.id },
      ],
    })
    expect(results[0]?.allowed).toBe(true)
    const grant = results[0]?.grants?.[0]
    expect(grant).toMatchObject({
      permission: 'update',
      aclObjectType: 'org_project',
      aclObjectId: org.id,
      groupPath: [engineers.id],
    })
    expect(grant?.rolePath).toHaveLength(1)
    expect(results[1]).toEqual({ allowed: false, grants: [] })

    // The owner holds the project twice: through Owners on the org and the creator's grant.
    const own = await authorize(deps, ownerActor, {
      explain: true,
      checks: [{ permission: 'delete', objectType: 'project', objectId: alpha.id }],
    })
    const sources = own.results[0]?.grants ?? []
    expect(sources.every((g) => g.permission === 'delete')).toBe(true)
    expect(sources.map((g) => g.aclObjectType).sort()).toEqual(['organization', 'project'])
    expect(own.principal.userId).toBe(owner.id)
  })

  it("denies objects that are not live objects of the caller's org", async () => {
    const { deps, ownerActor, org, alpha, beta } = await world()
    const other = await seedOrg(deps)
    const { project: foreign } = await createProject(deps, other.ownerActor, { name: 'foreign' })
    const { group: foreignGroup } = await createGroup(deps, other.ownerActor, { name: 'g' })
    await deleteProject(deps, ownerActor, { projectId: beta.id })
    const checks: AuthorizeCheck[] = [
      { permission: 'read', objectType: 'project', objectId: foreign.id },
      { permission: 'read', objectType: 'project', objectId: beta.id },
      { permission: 'read', objectType: 'dataset', objectId: OTHER_ID, projectId: foreign.id },
      { permission: 'read', objectType: 'project_log', objectId: foreign.id },
      { permission: 'read', objectType: 'project_log', objectId: alpha.id, projectId: foreign.id },
      { permission: 'read', objectType: 'organization', objectId: other.org.id },
      { permission: 'read', objectType: 'org_audit_logs', objectId: other.org.id },
      { permission: 'read', objectType: 'group', objectId: foreignGroup.id },
      { permission: 'read', objectType: 'role', objectId: OTHER_ID },
      // The same org's objects, for contrast: the owner holds everything here.
      { permission: 'read', objectType: 'organization', objectId: org.id },
      { permission: 'read', objectType: 'dataset', objectId: OTHER_ID },
    ]
    expect(await allowed(deps, ownerActor, checks)).toEqual([
      ...Array<boolean>(9).fill(false),
      true,
      true,
    ])
  })

  it('decides for a service account by its own grants, and never writes', async () => {
    const { deps, org, ownerActor, alpha, beta } = await world()
    const account = await addMember(deps, org, { kind: 'service_account', name: 'ci' })
    await createAcl(deps, ownerActor, {
      objectType: 'project',
      objectId: beta.id,
      userId: account.id,
      permission: 'read',
    })
    const before = await auditEvents(deps, org.id)
    const result = await authorize(deps, serviceTokenActor(account, org.id), {
      checks: [
        { permission: 'read', objectType: 'project', objectId: alpha.id },
        { permission: 'read', objectType: 'project', objectId: beta.id },
      ],
    })
    expect(result.results.map((r) => r.allowed)).toEqual([false, true])
    expect(result.principal).toMatchObject({
      kind: 'service_account',
      credentialKind: 'service_token',
    })
    expect(await auditEvents(deps, org.id)).toEqual(before)
  })

  it('answers for the impersonated user and names the impersonator', async () => {
    const { deps, org, owner, alpha } = await world()
    const member = await addMember(deps, org)
    const actor = sessionActor(member, { impersonatorId: owner.id })
    const result = await authorize(deps, actor, {
      checks: [{ permission: 'read', objectType: 'project', objectId: alpha.id }],
    })
    expect(result.results[0]?.allowed).toBe(false)
    expect(result.principal).toMatchObject({ userId: member.id, impersonatorId: owner.id })
  })

  it('is ORG_NOT_FOUND outside the credential org, and refuses empty or oversized batches', async () => {
    const { deps, org, owner, alpha } = await world()
    const other = await seedOrg(deps)
    const check: AuthorizeCheck = { permission: 'read', objectType: 'project', objectId: alpha.id }
    const foreign = await authorize(deps, other.ownerActor, { orgId: org.id, checks: [check] })
      .then(() => undefined)
      .catch((e: unknown) => e)
    expect(isAppError(foreign, 'ORG_NOT_FOUND')).toBe(true)
    const bound = await authorize(deps, apiKeyActor(owner, org.id), {
      orgName: other.org.name,
      checks: [check],
    })
      .then(() => undefined)
      .catch((e: unknown) => e)
    expect(isAppError(bound, 'ORG_NOT_FOUND')).toBe(true)
    for (const checks of [[], Array<AuthorizeCheck>(MAX_AUTHORIZE_CHECKS + 1).fill(check)]) {
      const refused = await authorize(deps, sessionActor(owner), { checks })
        .then(() => undefined)
        .catch((e: unknown) => e)
      expect(isAppError(refused, 'VALIDATION_FAILED')).toBe(true)
    }
    const full = Array<AuthorizeCheck>(MAX_AUTHORIZE_CHECKS).fill(check)
    expect(await allowed(deps, sessionActor(owner), full)).toEqual(full.map(() => true))
  })
})
