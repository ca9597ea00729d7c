import { describe, expect, it } from 'vitest'
import { SYSTEM_ROLE_IDS } from '../../authz/system-roles.js'
import type { ErrorCode } from '../../errors.js'
import type { Acl, AclItem } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import {
  addMember,
  auditEvents,
  createTestDeps,
  expectError,
  grantUser,
  lastEvent,
  readerAndStranger,
  type SeededOrg,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { createGroup } from '../groups/create-group.js'
import { createProject } from '../projects/create-project.js'
import { createRole } from '../roles/create-role.js'
import { batchUpdateAcls } from './batch-update-acls.js'
import { createAcl } from './create-acl.js'
import { deleteAcl } from './delete-acl.js'
import { deleteAclByContent } from './delete-acl-by-content.js'
import { explainAccess } from './explain-access.js'
import { getAcl } from './get-acl.js'
import { listAcls } from './list-acls.js'
import { listOrgAcls } from './list-org-acls.js'

async function allAcls(deps: Deps, orgId: string): Promise<Acl[]> {
  return deps.store.transaction((tx) => tx.acls.listAll(orgId))
}

/** The ACL every org starts with: Owners hold the Owner role on the organization. */
function ownersAcl(a: SeededOrg): AclItem {
  return {
    objectType: 'organization',
    objectId: a.org.id,
    userId: null,
    groupId: a.groups.owners.id,
    permission: null,
    roleId: SYSTEM_ROLE_IDS.owner,
    restrictObjectType: null,
  }
}

/** An org with one project and alice, a member who holds nothing on it; `item` would give her read. */
async function projectWithAlice() {
  const deps = createTestDeps()
  const a = await seedOrg(deps)
  const { project } = await createProject(deps, a.ownerActor, { name: 'P' })
  const alice = await addMember(deps, a.org)
  const item = {
    objectType: 'project',
    objectId: project.id,
    userId: alice.id,
    permission: 'read',
  } as const
  return { deps, a, project, alice, item }
}

describe('createAcl', () => {
  it('creates an ACL once, then returns it with found', async () => {
    const { deps, a, project, alice, item } = await projectWithAlice()

    const first = await createAcl(deps, a.ownerActor, item)
    expect(first.found).toBe(false)
    expect(first.acl).toMatchObject({
      ...item,
      orgId: a.org.id,
      groupId: null,
      roleId: null,
      restrictObjectType: null,
    })
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'acl.create',
      outcome: 'success',
      objectType: 'acl',
      objectId: first.acl.id,
      after: { objectType: 'project', objectId: project.id, userId: alice.id },
    })
    const eventsBefore = (await auditEvents(deps, a.org.id)).length
    expect(await createAcl(deps, a.ownerActor, item)).toEqual({ acl: first.acl, found: true })
    expect((await auditEvents(deps, a.org.id)).length).toBe(eventsBefore)
  })

  it('validates the shape: one subject, one grant, no restriction with a role', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const base = { objectType: 'organization', objectId: a.org.id } as const
    const cases: [Parameters<typeof createAcl>[2], ErrorCode][] = [
      [{ ...base, permission: 'read' }, 'ACL_SUBJECT_INVALID'],
      [
        { ...base, userId: a.owner.id, groupId: a.groups.owners.id, permission: 'read' },
        'ACL_SUBJECT_INVALID',
      ],
      [{ ...base, userId: a.owner.id }, 'ACL_GRANT_INVALID'],
      [
        { ...base, userId: a.owner.id, permission: 'read', roleId: SYSTEM_ROLE_IDS.viewer },
        'ACL_GRANT_INVALID',
      ],
      [
        {
          ...base,
          userId: a.owner.id,
          roleId: SYSTEM_ROLE_IDS.viewer,
          restrictObjectType: 'dataset',
        },
        'ACL_RESTRICT_WITH_ROLE',
      ],
      [
        { ...base, objectType: 'planet' as 'project', userId: a.owner.id, permission: 'read' },
        'VALIDATION_FAILED',
      ],
    ]
    for (const [input, code] of cases) {
      await expectError(createAcl(deps, a.ownerActor, input), code)
    }
    expect(await allAcls(deps, a.org.id)).toHaveLength(3)
  })

  it('only names objects, subjects and roles of the caller org: anything else is 404', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const pa = (await createProject(deps, a.ownerActor, { name: 'PA' })).project
    const pb = (await createProject(deps, b.ownerActor, { name: 'PB' })).project
    const roleB = (await createRole(deps, b.ownerActor, { name: 'RB' })).role
    const user = { userId: a.owner.id, permission: 'read' } as const
    const cases: [Parameters<typeof createAcl>[2], ErrorCode][] = [
      [{ objectType: 'project', objectId: pb.id, ...user }, 'PROJECT_NOT_FOUND'],
      [{ objectType: 'project_log', objectId: pb.id, ...user }, 'PROJECT_NOT_FOUND'],
      [{ objectType: 'organization', objectId: b.org.id, ...user }, 'ORG_NOT_FOUND'],
      [{ objectType: 'org_member', objectId: b.org.id, ...user }, 'ORG_NOT_FOUND'],
      [{ objectType: 'group', objectId: b.groups.owners.id, ...user }, 'GROUP_NOT_FOUND'],
      [{ objectType: 'role', objectId: roleB.id, ...user }, 'ROLE_NOT_FOUND'],
      [{ objectType: 'role', objectId: SYSTEM_ROLE_IDS.owner, ...user }, 'ROLE_NOT_FOUND'],
      [
        { objectType: 'project', objectId: pa.id, userId: b.owner.id, permission: 'read' },
        'USER_NOT_FOUND',
      ],
      [
        { objectType: 'project', objectId: pa.id, groupId: b.groups.owners.id, permission: 'read' },
        'GROUP_NOT_FOUND',
      ],
      [
        { objectType: 'project', objectId: pa.id, userId: a.owner.id, roleId: roleB.id },
        'ROLE_NOT_FOUND',
      ],
    ]
    for (const [input, code] of cases) {
      await expectError(createAcl(deps, a.ownerActor, input), code)
    }
    // Child objects live in the data plane: their ids are taken as the caller org's.
    const experimentId = deps.crypto.uuid()
    const { acl } = await createAcl(deps, a.ownerActor, {
      objectType: 'experiment',
      objectId: experimentId,
      userId: a.owner.id,
      roleId: SYSTEM_ROLE_IDS.viewer,
    })
    expect(acl.orgId).toBe(a.org.id)
  })

  it('needs create_acls on the object: 404 holding nothing, 403 holding something else', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const { project } = await createProject(deps, a.ownerActor, { name: 'P' })
    const stranger = await addMember(deps, a.org)
    const reader = await addMember(deps, a.org)
    await grantUser(deps, a.org, reader, 'project', project.id, 'read')
    const item = {
      objectType: 'project',
      objectId: project.id,
      userId: reader.id,
      permission: 'read',
      restrictObjectType: 'dataset',
    } as const
    await expectError(createAcl(deps, sessionActor(stranger), item), 'PROJECT_NOT_FOUND')
    await expectError(createAcl(deps, sessionActor(reader), item), 'PERMISSION_DENIED')
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'acl.create',
      outcome: 'denied',
      reason: 'PERMISSION_DENIED',
      actor: { userId: reader.id },
      objectType: 'project',
      objectId: project.id,
    })
  })

  it.each(['starter', 'pro'] as const)(
    'gates group grants on projects and group access on %s',
    async (plan) => {
      const deps = createTestDeps()
      const a = await seedOrg(deps, { plan })
      const { project } = await createProject(deps, a.ownerActor, { name: 'P' })
      const alice = await addMember(deps, a.org)
      const err = await expectError(
        createAcl(deps, a.ownerActor, {
          objectType: 'project',
          objectId: project.id,
          groupId: a.groups.owners.id,
          permission: 'read',
        }),
        'PLAN_PROJECT_GROUP_GRANTS',
      )
      expect(err.message).toBe('Project-level permissions for groups require the Enterprise plan')
      await expectError(
        createAcl(deps, a.ownerActor, {
          objectType: 'dataset',
          objectId: deps.crypto.uuid(),
          groupId: a.groups.owners.id,
          permission: 'read',
        }),
        'PLAN_PROJECT_GROUP_GRANTS',
      )
      const gated = await expectError(
        createAcl(deps, a.ownerActor, {
          objectType: 'group',
          objectId: a.groups.owners.id,
          userId: alice.id,
          permission: 'read',
        }),
        'PLAN_GROUP_MANAGE_ACCESS',
      )
      expect(gated.message).toBe(
        'Managing access to permission groups requires the Enterprise plan',
      )
      expect(await lastEvent(deps, a.org.id)).toMatchObject({
        outcome: 'denied',
        reason: 'PLAN_GROUP_MANAGE_ACCESS',
      })
      // Direct grants to people, and org-wide grants to groups, are on every plan.
      await createAcl(deps, a.ownerActor, {
        objectType: 'project',
        objectId: project.id,
        userId: alice.id,
        permission: 'read',
      })
      await createAcl(deps, a.ownerActor, {
        objectType: 'org_project',
        objectId: a.org.id,
        groupId: a.groups.owners.id,
        permission: 'read',
      })
    },
  )

  // Security case 7: an access manager who is not an owner cannot make themselves one.
  it('never confers more than the caller holds', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const admin = await addMember(deps, a.org)
    const member = await addMember(deps, a.org)
    for (const permission of ['create_acls', 'read'] as const) {
      await grantUser(deps, a.org, admin, 'organization', a.org.id, permission)
    }
    const asAdmin = sessionActor(admin)
    const err = await expectError(
      createAcl(deps, asAdmin, {
        objectType: 'organization',
        objectId: a.org.id,
        userId: admin.id,
        roleId: SYSTEM_ROLE_IDS.owner,
      }),
      'GRANT_EXCEEDS_CALLER',
    )
    expect(err.message).toBe('You cannot grant permissions that you do not hold')
    await expectError(
      createAcl(deps, asAdmin, {
        objectType: 'organization',
        objectId: a.org.id,
        userId: admin.id,
        permission: 'delete',
      }),
      'GRANT_EXCEEDS_CALLER',
    )
    // A custom role full of permissions is judged by what it holds, not by its name.
    const sneaky = (
      await createRole(deps, a.ownerActor, {
        name: 'Sneaky',
        memberPermissions: [{ permission: 'read' }, { permission: 'update' }],
      })
    ).role
    await expectError(
      createAcl(deps, asAdmin, {
        objectType: 'organization',
        objectId: a.org.id,
        groupId: a.groups.engineers?.id ?? '',
        roleId: sneaky.id,
      }),
      'GRANT_EXCEEDS_CALLER',
    )
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'acl.create',
      outcome: 'denied',
      reason: 'GRANT_EXCEEDS_CALLER',
      actor: { userId: admin.id },
    })
    // What the admin holds, they may pass on.
    const { acl } = await createAcl(deps, asAdmin, {
      objectType: 'organization',
      objectId: a.org.id,
      userId: member.id,
      permission: 'read',
    })
    expect(acl.userId).toBe(member.id)
  })
})

describe('reading ACLs', () => {
  it('needs read_acls on the object to get or list its ACLs', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const { project } = await createProject(deps, a.ownerActor, { name: 'P' })
    const { reader, stranger, readAcl } = await readerAndStranger(
      deps,
      a.org,
      'project',
      project.id,
    )
    const projectAcls = (await allAcls(deps, a.org.id)).filter((x) => x.objectId === project.id)

    expect(await getAcl(deps, a.ownerActor, { aclId: readAcl.id })).toEqual(readAcl)
    const listed = await listAcls(deps, a.ownerActor, {
      objectType: 'project',
      objectId: project.id,
    })
    expect(listed.map((x) => x.id).sort()).toEqual(projectAcls.map((x) => x.id).sort())
    expect(
      await listAcls(deps, a.ownerActor, {
        objectType: 'project',
        objectId: project.id,
        permission: 'read',
      }),
    ).toEqual([readAcl])

    await expectError(
      getAcl(deps, sessionActor(reader), { aclId: readAcl.id }),
      'PERMISSION_DENIED',
    )
    await expectError(getAcl(deps, sessionActor(stranger), { aclId: readAcl.id }), 'ACL_NOT_FOUND')
    await expectError(
      listAcls(deps, sessionActor(reader), { objectType: 'project', objectId: project.id }),
      'PERMISSION_DENIED',
    )
    await expectError(
      listAcls(deps, sessionActor(stranger), { objectType: 'project', objectId: project.id }),
      'PROJECT_NOT_FOUND',
    )
  })

  it('lists the whole org only for read_acls on the organization', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const auditor = await addMember(deps, a.org)
    const engineer = await addMember(deps, a.org, {
      groups: a.groups.engineers ? [a.groups.engineers] : [],
    })
    await grantUser(deps, a.org, auditor, 'organization', a.org.id, 'read_acls')
    const all = await listOrgAcls(deps, sessionActor(auditor))
    expect(all.map((x) => x.id).sort()).toEqual(
      (await allAcls(deps, a.org.id)).map((x) => x.id).sort(),
    )
    expect(await listOrgAcls(deps, a.ownerActor, { groupId: a.groups.owners.id })).toEqual([
      expect.objectContaining(ownersAcl(a)),
    ])
    await expectError(listOrgAcls(deps, sessionActor(engineer)), 'PERMISSION_DENIED')
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'acl.list_org',
      outcome: 'denied',
      actor: { userId: engineer.id },
    })
  })
})

describe('deleting ACLs', () => {
  it('deletes by id and by content, with delete_acls, and audits it', async () => {
    const { deps, a, alice, item } = await projectWithAlice()
    const first = (await createAcl(deps, a.ownerActor, item)).acl
    expect(await deleteAcl(deps, a.ownerActor, { aclId: first.id })).toEqual(first)
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'acl.delete',
      outcome: 'success',
      objectId: first.id,
      before: item,
    })
    await expectError(deleteAcl(deps, a.ownerActor, { aclId: first.id }), 'ACL_NOT_FOUND')

    const second = (await createAcl(deps, a.ownerActor, item)).acl
    expect(await deleteAclByContent(deps, a.ownerActor, item)).toEqual(second)
    await expectError(deleteAclByContent(deps, a.ownerActor, item), 'ACL_NOT_FOUND')
    expect((await allAcls(deps, a.org.id)).some((x) => x.userId === alice.id)).toBe(false)
  })

  it('needs delete_acls: 403 holding something, 404 holding nothing', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const { project } = await createProject(deps, a.ownerActor, { name: 'P' })
    const {
      reader,
      stranger,
      readAcl: acl,
    } = await readerAndStranger(deps, a.org, 'project', project.id)
    await expectError(deleteAcl(deps, sessionActor(reader), { aclId: acl.id }), 'PERMISSION_DENIED')
    await expectError(deleteAcl(deps, sessionActor(stranger), { aclId: acl.id }), 'ACL_NOT_FOUND')
    await expectError(deleteAclByContent(deps, sessionActor(stranger), acl), 'PROJECT_NOT_FOUND')
    expect(await getAcl(deps, a.ownerActor, { aclId: acl.id })).toEqual(acl)
  })

  it('refuses to delete the Owners ACL of the last owner', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const err = await expectError(
      deleteAclByContent(deps, a.ownerActor, ownersAcl(a)),
      'LAST_OWNER',
    )
    expect(err.message).toBe('An organization must keep at least one owner')
    const builtin = (await allAcls(deps, a.org.id)).find((x) => x.groupId === a.groups.owners.id)
    expect(builtin).toBeDefined()
    await expectError(deleteAcl(deps, a.ownerActor, { aclId: builtin?.id ?? '' }), 'LAST_OWNER')
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'acl.delete',
      outcome: 'denied',
      reason: 'LAST_OWNER',
    })

    // With another path to ownership, the group grant may go.
    await createAcl(deps, a.ownerActor, {
      objectType: 'organization',
      objectId: a.org.id,
      userId: a.owner.id,
      roleId: SYSTEM_ROLE_IDS.owner,
    })
    expect(await deleteAclByContent(deps, a.ownerActor, ownersAcl(a))).toMatchObject(ownersAcl(a))
  })

  it('is 404 for the owner of another org, and changes nothing', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const { project } = await createProject(deps, a.ownerActor, { name: 'P' })
    const before = await allAcls(deps, a.org.id)
    const eventsBefore = await auditEvents(deps, a.org.id)
    for (const acl of before) {
      await expectError(getAcl(deps, b.ownerActor, { aclId: acl.id }), 'ACL_NOT_FOUND')
      await expectError(deleteAcl(deps, b.ownerActor, { aclId: acl.id }), 'ACL_NOT_FOUND')
    }
    await expectError(deleteAclByContent(deps, b.ownerActor, ownersAcl(a)), 'ORG_NOT_FOUND')
    await expectError(
      listAcls(deps, b.ownerActor, { objectType: 'project', objectId: project.id }),
      'PROJECT_NOT_FOUND',
    )
    await expectError(
      batchUpdateAcls(deps, b.ownerActor, { removeAcls: [ownersAcl(a)] }),
      'ORG_NOT_FOUND',
    )
    expect(await allAcls(deps, a.org.id)).toEqual(before)
    expect(await auditEvents(deps, a.org.id)).toEqual(eventsBefore)
  })
})

describe('batchUpdateAcls', () => {
  it('adds and removes in one go, idempotently', async () => {
    const { deps, a, project, alice } = await projectWithAlice()
    const old = await grantUser(deps, a.org, alice, 'project', project.id, 'read')
    const adds = [
      { objectType: 'project', objectId: project.id, userId: alice.id, permission: 'update' },
      { objectType: 'project', objectId: project.id, userId: alice.id, permission: 'update' },
      {
        objectType: 'project',
        objectId: project.id,
        userId: alice.id,
        roleId: SYSTEM_ROLE_IDS.viewer,
      },
    ] as const
    const removes = [
      old,
      { objectType: 'project', objectId: project.id, userId: alice.id, permission: 'delete' },
    ] as const

    const result = await batchUpdateAcls(deps, a.ownerActor, { addAcls: adds, removeAcls: removes })
    expect(result.removedAcls).toEqual([old])
    expect(result.addedAcls).toHaveLength(2)
    expect(result.addedAcls.map((x) => [x.permission, x.roleId])).toEqual([
      ['update', null],
      [null, SYSTEM_ROLE_IDS.viewer],
    ])
    const events = (await auditEvents(deps, a.org.id)).slice(-3)
    expect(events.map((e) => e.action)).toEqual(['acl.delete', 'acl.create', 'acl.create'])

    const again = await batchUpdateAcls(deps, a.ownerActor, { addAcls: adds, removeAcls: removes })
    expect(again).toEqual({ addedAcls: [], removedAcls: [] })
  })

  it('applies nothing when one item is refused', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const { project } = await createProject(deps, a.ownerActor, { name: 'P' })
    const alice = await addMember(deps, a.org)
    const old = await grantUser(deps, a.org, alice, 'project', project.id, 'read')
    const before = await allAcls(deps, a.org.id)
    const good = {
      objectType: 'project',
      objectId: project.id,
      userId: alice.id,
      permission: 'update',
    } as const
    await expectError(
      batchUpdateAcls(deps, a.ownerActor, {
        addAcls: [good, { ...good, userId: b.owner.id }],
        removeAcls: [old],
      }),
      'USER_NOT_FOUND',
    )
    await expectError(
      batchUpdateAcls(deps, a.ownerActor, { addAcls: [good], removeAcls: [old, ownersAcl(a)] }),
      'LAST_OWNER',
    )
    await expectError(
      batchUpdateAcls(deps, a.ownerActor, {
        addAcls: [good, { ...good, roleId: SYSTEM_ROLE_IDS.owner }],
      }),
      'ACL_GRANT_INVALID',
    )
    await expectError(
      batchUpdateAcls(deps, a.ownerActor, { addAcls: [good], removeAcls: [good] }),
      'VALIDATION_FAILED',
    )
    expect(await allAcls(deps, a.org.id)).toEqual(before)
  })

  it('judges every item on the world before the batch', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const admin = await addMember(deps, a.org)
    await grantUser(deps, a.org, admin, 'organization', a.org.id, 'create_acls')
    const org = { objectType: 'organization', objectId: a.org.id, userId: admin.id } as const
    const before = await allAcls(deps, a.org.id)
    // The first item would give the admin `read`, which the second then passes on.
    await expectError(
      batchUpdateAcls(deps, sessionActor(admin), {
        addAcls: [
          { ...org, permission: 'read' },
          { ...org, userId: a.owner.id, permission: 'read' },
        ],
      }),
      'GRANT_EXCEEDS_CALLER',
    )
    expect(await allAcls(deps, a.org.id)).toEqual(before)
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'acl.batch_update',
      outcome: 'denied',
      reason: 'GRANT_EXCEEDS_CALLER',
    })
  })
})

describe('explainAccess', () => {
  it('explains where each permission comes from', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const { project } = await createProject(deps, a.ownerActor, { name: 'P' })
    const engineers = a.groups.engineers
    if (engineers === undefined) {
      throw new Error('enterprise orgs have Engineers')
    }
    const eng = await addMember(deps, a.org, { groups: [engineers] })
    const direct = await grantUser(deps, a.org, eng, 'project', project.id, 'read_acls')

    const mine = await explainAccess(deps, sessionActor(eng), {
      userId: eng.id,
      target: { objectType: 'project', objectId: project.id },
    })
    expect(mine.permissions).toEqual(['create', 'read', 'update', 'delete', 'read_acls'])
    expect(mine.sources).toContainEqual(
      expect.objectContaining({
        permission: 'read_acls',
        aclId: direct.id,
        groupPath: [],
        rolePath: [],
      }),
    )
    expect(mine.sources).toContainEqual(
      expect.objectContaining({
        permission: 'update',
        aclObjectType: 'org_project',
        groupPath: [engineers.id],
        rolePath: [SYSTEM_ROLE_IDS.engineer],
      }),
    )

    const byOwner = await explainAccess(deps, a.ownerActor, {
      userId: eng.id,
      target: { objectType: 'dataset', objectId: deps.crypto.uuid(), projectId: project.id },
    })
    expect(byOwner.permissions).toEqual(['create', 'read', 'update', 'delete', 'read_acls'])
  })

  it('needs read_acls to explain someone else, and hides what the caller cannot see', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const { project } = await createProject(deps, a.ownerActor, { name: 'P' })
    const { reader, stranger } = await readerAndStranger(deps, a.org, 'project', project.id)
    const target = { objectType: 'project', objectId: project.id } as const
    await expectError(
      explainAccess(deps, sessionActor(reader), { userId: a.owner.id, target }),
      'PERMISSION_DENIED',
    )
    await expectError(
      explainAccess(deps, sessionActor(stranger), { userId: a.owner.id, target }),
      'PROJECT_NOT_FOUND',
    )
    await expectError(
      explainAccess(deps, sessionActor(stranger), { userId: stranger.id, target }),
      'PROJECT_NOT_FOUND',
    )
    await expectError(
      explainAccess(deps, a.ownerActor, { userId: b.owner.id, target }),
      'USER_NOT_FOUND',
    )
    await expectError(
      explainAccess(deps, b.ownerActor, { userId: b.owner.id, target }),
      'PROJECT_NOT_FOUND',
    )
    expect(
      (await explainAccess(deps, sessionActor(reader), { userId: reader.id, target })).permissions,
    ).toEqual(['read'])
  })

  it('does not take a claimed project as grounds to explain a child object', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const { project } = await createProject(deps, a.ownerActor, { name: 'P' })
    const manager = await addMember(deps, a.org)
    await grantUser(deps, a.org, manager, 'project', project.id, 'read_acls')
    await expectError(
      explainAccess(deps, sessionActor(manager), {
        userId: a.owner.id,
        target: { objectType: 'experiment', objectId: deps.crypto.uuid(), projectId: project.id },
      }),
      'OBJECT_NOT_FOUND',
    )
  })
})

describe('ACLs on groups', () => {
  it('let an Enterprise owner hand out management of one group', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const { group } = await createGroup(deps, a.ownerActor, { name: 'Team' })
    const lead = await addMember(deps, a.org)
    const { acl } = await createAcl(deps, a.ownerActor, {
      objectType: 'group',
      objectId: group.id,
      userId: lead.id,
      permission: 'update',
    })
    expect(
      await listAcls(deps, a.ownerActor, {
        objectType: 'group',
        objectId: group.id,
        userId: lead.id,
      }),
    ).toEqual([acl])
  })
})
