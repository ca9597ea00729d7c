import { describe, expect, it } from 'vitest'
import { SYSTEM_ROLE_IDS } from '../../authz/system-roles.js'
import type { Group } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import {
  addMember,
  apiKeyActor,
  auditEvents,
  createTestDeps,
  expectError,
  grantGroup,
  grantUser,
  lastEvent,
  readerAndStranger,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { createGroup } from './create-group.js'
import { deleteGroup } from './delete-group.js'
import { getGroup } from './get-group.js'
import { listGroups } from './list-groups.js'
import { replaceGroup } from './replace-group.js'
import { updateGroup } from './update-group.js'

async function storedGroup(deps: Deps, id: string): Promise<Group | undefined> {
  return deps.store.transaction((tx) => tx.groups.find(id))
}

const CREATE_GROUPS = { permission: 'create', restrictObjectType: 'group' } as const

describe('createGroup', () => {
  it('creates a custom group with members, an owner grant for its creator, and an audit event', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const alice = await addMember(deps, a.org)
    const versionBefore = (await deps.store.transaction((tx) => tx.orgs.find(a.org.id)))
      ?.authzVersion

    const { group, found } = await createGroup(deps, a.ownerActor, {
      name: '  Reviewers ',
      description: 'People who review',
      memberUsers: [alice.id, alice.id],
      memberGroups: [a.groups.owners.id],
    })

    expect(found).toBe(false)
    expect(group).toMatchObject({
      orgId: a.org.id,
      name: 'Reviewers',
      userId: a.owner.id,
      builtin: null,
      memberUsers: [alice.id],
      memberGroups: [a.groups.owners.id],
      deletedAt: null,
    })
    expect(await storedGroup(deps, group.id)).toEqual(group)
    const acls = await deps.store.transaction((tx) => tx.acls.listAll(a.org.id))
    expect(acls).toContainEqual(
      expect.objectContaining({
        objectType: 'group',
        objectId: group.id,
        userId: a.owner.id,
        roleId: SYSTEM_ROLE_IDS.owner,
      }),
    )
    const versionAfter = (await deps.store.transaction((tx) => tx.orgs.find(a.org.id)))
      ?.authzVersion
    expect(versionAfter).toBeGreaterThan(versionBefore ?? Number.POSITIVE_INFINITY)
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'group.create',
      outcome: 'success',
      objectType: 'group',
      objectId: group.id,
      actor: { userId: a.owner.id, credentialKind: 'session' },
    })
  })

  it('returns the live group of that name unchanged, with found', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const first = await createGroup(deps, a.ownerActor, { name: 'Reviewers' })
    const eventsBefore = (await auditEvents(deps, a.org.id)).length

    const second = await createGroup(deps, a.ownerActor, {
      name: 'Reviewers',
      description: 'ignored',
    })

    expect(second).toEqual({ group: first.group, found: true })
    expect((await auditEvents(deps, a.org.id)).length).toBe(eventsBefore)
  })

  it('gives no owner grant when the org turned direct ownership grants off', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    await deps.store.transaction((tx) =>
      tx.orgs.update({
        ...a.org,
        settings: { ...a.org.settings, directOwnershipGrants: false },
      }),
    )
    const { group } = await createGroup(deps, a.ownerActor, { name: 'Plain' })
    const acls = await deps.store.transaction((tx) => tx.acls.listAll(a.org.id))
    expect(acls.filter((acl) => acl.objectId === group.id)).toEqual([])
  })

  it('refuses members outside the org and groups of another org with 404', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    await expectError(
      createGroup(deps, a.ownerActor, { name: 'X', memberUsers: [b.owner.id] }),
      'USER_NOT_FOUND',
    )
    await expectError(
      createGroup(deps, a.ownerActor, { name: 'X', memberGroups: [b.groups.owners.id] }),
      'GROUP_NOT_FOUND',
    )
    expect(await listGroups(deps, a.ownerActor, { name: 'X' })).toEqual([])
  })

  it('refuses an empty name', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    await expectError(createGroup(deps, a.ownerActor, { name: '   ' }), 'VALIDATION_FAILED')
  })

  it.each(['starter', 'pro'] as const)(
    'needs the Enterprise plan for custom groups (%s)',
    async (plan) => {
      const deps = createTestDeps()
      const a = await seedOrg(deps, { plan })
      const err = await expectError(
        createGroup(deps, a.ownerActor, { name: 'Custom' }),
        'PLAN_CUSTOM_GROUPS',
      )
      expect(err.message).toBe('Custom permission groups require the Enterprise plan')
      expect(await lastEvent(deps, a.org.id)).toMatchObject({
        action: 'group.create',
        outcome: 'denied',
        reason: 'PLAN_CUSTOM_GROUPS',
      })
      // The built-in group is still found by name: idempotent create is not a custom group.
      const owners = await createGroup(deps, a.ownerActor, { name: 'Owners' })
      expect(owners).toEqual({ group: a.groups.owners, found: true })
    },
  )

  it('needs create on the organization for groups, and audits the refusal', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const engineers = a.groups.engineers as Group
    const eve = await addMember(deps, a.org, { groups: [engineers] })
    await expectError(createGroup(deps, sessionActor(eve), { name: 'Mine' }), 'PERMISSION_DENIED')
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'group.create',
      outcome: 'denied',
      reason: 'PERMISSION_DENIED',
      actor: { userId: eve.id },
      objectType: 'organization',
      objectId: a.org.id,
    })

    // A grant of create restricted to groups is enough.
    await grantUser(deps, a.org, eve, 'organization', a.org.id, CREATE_GROUPS)
    const { found } = await createGroup(deps, sessionActor(eve), { name: 'Mine' })
    expect(found).toBe(false)
  })

  it('needs update on every member group it is given', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const maker = await addMember(deps, a.org)
    await grantUser(deps, a.org, maker, 'organization', a.org.id, CREATE_GROUPS)
    await grantUser(deps, a.org, maker, 'group', a.groups.owners.id, 'read')
    await expectError(
      createGroup(deps, sessionActor(maker), {
        name: 'Wrapper',
        memberGroups: [a.groups.owners.id],
      }),
      'PERMISSION_DENIED',
    )
  })
})

describe('getGroup and listGroups', () => {
  it('shows a group to whoever may read it and hides it from everyone else', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const { group } = await createGroup(deps, a.ownerActor, { name: 'Reviewers' })
    const { reader, stranger } = await readerAndStranger(deps, a.org, 'group', group.id)

    expect(await getGroup(deps, a.ownerActor, { groupId: group.id })).toEqual(group)
    expect(await getGroup(deps, sessionActor(reader), { groupId: group.id })).toEqual(group)
    await expectError(
      getGroup(deps, sessionActor(stranger), { groupId: group.id }),
      'GROUP_NOT_FOUND',
    )
    await expectError(getGroup(deps, b.ownerActor, { groupId: group.id }), 'GROUP_NOT_FOUND')
    await expectError(
      getGroup(deps, b.ownerActor, { groupId: group.id, orgId: a.org.id }),
      'ORG_NOT_FOUND',
    )
  })

  it('answers 403 to a caller who holds something on the group but not read', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const { group } = await createGroup(deps, a.ownerActor, { name: 'Reviewers' })
    const deleter = await addMember(deps, a.org)
    await grantUser(deps, a.org, deleter, 'group', group.id, 'delete')
    await expectError(
      getGroup(deps, sessionActor(deleter), { groupId: group.id }),
      'PERMISSION_DENIED',
    )
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'group.read',
      outcome: 'denied',
      objectType: 'group',
      objectId: group.id,
    })
  })

  it('lists only readable groups, newest first, applying the limit after the filter', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const made: Group[] = []
    for (const name of ['G1', 'G2', 'G3', 'G4']) {
      deps.clock.advance(1000)
      made.push((await createGroup(deps, a.ownerActor, { name })).group)
    }
    const [g1, g2, g3, g4] = made as [Group, Group, Group, Group]
    const reader = await addMember(deps, a.org)
    for (const g of [g1, g3]) {
      await grantUser(deps, a.org, reader, 'group', g.id, 'read')
    }

    const all = await listGroups(deps, a.ownerActor)
    expect(all.map((g) => g.name).slice(0, 4)).toEqual(['G4', 'G3', 'G2', 'G1'])
    expect(all).toHaveLength(7)
    expect(await listGroups(deps, sessionActor(reader))).toEqual([g3, g1])
    expect(await listGroups(deps, sessionActor(reader), { limit: 1 })).toEqual([g3])
    expect(await listGroups(deps, a.ownerActor, { name: 'G2' })).toEqual([g2])
    expect(await listGroups(deps, a.ownerActor, { ids: [g4.id, g1.id] })).toEqual([g4, g1])
    expect(await listGroups(deps, b.ownerActor, { name: 'G2' })).toEqual([])
  })

  it('shows a member the groups it is in, directly or nested, and no others', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const { group: inner } = await createGroup(deps, a.ownerActor, { name: 'Inner' })
    const { group: outer } = await createGroup(deps, a.ownerActor, {
      name: 'Outer',
      memberGroups: [inner.id],
    })
    const { group: other } = await createGroup(deps, a.ownerActor, { name: 'Other' })
    const member = await addMember(deps, a.org, { groups: [inner] })
    const actor = sessionActor(member)

    const seen = await listGroups(deps, actor)
    expect(seen.map((g) => g.name).sort()).toEqual(['Inner', 'Outer'])
    expect(seen.find((g) => g.id === inner.id)?.memberUsers).toContain(member.id)
    expect(await getGroup(deps, actor, { groupId: outer.id })).toMatchObject({ id: outer.id })
    await expectError(getGroup(deps, actor, { groupId: other.id }), 'GROUP_NOT_FOUND')
    // Seeing a group is not managing it: a refusal now, since the group exists for the member.
    await expectError(
      updateGroup(deps, actor, { groupId: inner.id, name: 'Renamed' }),
      'PERMISSION_DENIED',
    )
    await expectError(deleteGroup(deps, actor, { groupId: outer.id }), 'PERMISSION_DENIED')
    await expectError(
      updateGroup(deps, actor, { groupId: other.id, name: 'Renamed' }),
      'GROUP_NOT_FOUND',
    )
  })
})

describe('updateGroup', () => {
  it('renames, describes and changes members, recording before and after', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const alice = await addMember(deps, a.org)
    const bob = await addMember(deps, a.org)
    const { group } = await createGroup(deps, a.ownerActor, {
      name: 'Reviewers',
      memberUsers: [alice.id],
    })

    const updated = await updateGroup(deps, a.ownerActor, {
      groupId: group.id,
      name: 'Critics',
      description: 'Sharp eyes',
      addMemberUsers: [bob.id],
      removeMemberUsers: [alice.id],
      addMemberGroups: [a.groups.viewers?.id ?? ''],
    })

    expect(updated).toMatchObject({
      id: group.id,
      name: 'Critics',
      description: 'Sharp eyes',
      memberUsers: [bob.id],
      memberGroups: [a.groups.viewers?.id],
    })
    expect(await storedGroup(deps, group.id)).toEqual(updated)
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'group.update',
      outcome: 'success',
      before: { name: 'Reviewers', memberUsers: [alice.id] },
      after: { name: 'Critics', memberUsers: [bob.id] },
    })
  })

  it('keeps the names of built-in groups but lets their description change', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    await expectError(
      updateGroup(deps, a.ownerActor, { groupId: a.groups.owners.id, name: 'Admins' }),
      'BUILTIN_GROUP_IMMUTABLE',
    )
    expect((await storedGroup(deps, a.groups.owners.id))?.name).toBe('Owners')
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      outcome: 'denied',
      reason: 'BUILTIN_GROUP_IMMUTABLE',
    })
    const same = await updateGroup(deps, a.ownerActor, {
      groupId: a.groups.owners.id,
      name: 'Owners',
      description: 'The people in charge',
    })
    expect(same).toMatchObject({ name: 'Owners', description: 'The people in charge' })
  })

  it('refuses a name another group has', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const { group } = await createGroup(deps, a.ownerActor, { name: 'Reviewers' })
    await expectError(
      updateGroup(deps, a.ownerActor, { groupId: group.id, name: 'Viewers' }),
      'NAME_TAKEN',
    )
  })

  it('refuses members of other orgs and unknown groups', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const { group } = await createGroup(deps, a.ownerActor, { name: 'Reviewers' })
    await expectError(
      updateGroup(deps, a.ownerActor, { groupId: group.id, addMemberUsers: [b.owner.id] }),
      'USER_NOT_FOUND',
    )
    await expectError(
      updateGroup(deps, a.ownerActor, {
        groupId: group.id,
        addMemberGroups: [b.groups.owners.id],
      }),
      'GROUP_NOT_FOUND',
    )
    await expectError(
      updateGroup(deps, a.ownerActor, {
        groupId: group.id,
        addMemberUsers: [b.owner.id],
        removeMemberUsers: [b.owner.id],
      }),
      'VALIDATION_FAILED',
    )
    expect(await storedGroup(deps, group.id)).toEqual(group)
  })

  it('refuses loops among groups', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const g1 = (await createGroup(deps, a.ownerActor, { name: 'G1' })).group
    const g2 = (await createGroup(deps, a.ownerActor, { name: 'G2', memberGroups: [g1.id] })).group
    const g3 = (await createGroup(deps, a.ownerActor, { name: 'G3', memberGroups: [g2.id] })).group
    await expectError(
      updateGroup(deps, a.ownerActor, { groupId: g1.id, addMemberGroups: [g3.id] }),
      'GROUP_CYCLE',
    )
    await expectError(
      updateGroup(deps, a.ownerActor, { groupId: g1.id, addMemberGroups: [g1.id] }),
      'GROUP_CYCLE',
    )
    expect((await storedGroup(deps, g1.id))?.memberGroups).toEqual([])
  })

  // Security case 7 (Kubernetes escalate/bind): managing a group is not owning what it grants.
  it('stops a member manager without owner from adding themselves to Owners', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const admin = await addMember(deps, a.org)
    for (const permission of ['read', 'update'] as const) {
      await grantUser(deps, a.org, admin, 'group', a.groups.owners.id, permission)
    }
    await grantUser(deps, a.org, admin, 'org_member', a.org.id, { roleId: SYSTEM_ROLE_IDS.owner })

    const err = await expectError(
      updateGroup(deps, sessionActor(admin), {
        groupId: a.groups.owners.id,
        addMemberUsers: [admin.id],
      }),
      'GRANT_EXCEEDS_CALLER',
    )
    expect(err.message).toBe('You cannot grant permissions that you do not hold')
    expect((await storedGroup(deps, a.groups.owners.id))?.memberUsers).toEqual([a.owner.id])
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'group.update',
      outcome: 'denied',
      reason: 'GRANT_EXCEEDS_CALLER',
      actor: { userId: admin.id },
      objectType: 'group',
      objectId: a.groups.owners.id,
    })
  })

  it('lets a manager add people to a group whose grants they hold themselves', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const admin = await addMember(deps, a.org)
    const newcomer = await addMember(deps, a.org)
    const { group } = await createGroup(deps, a.ownerActor, { name: 'Readers' })
    await grantGroup(deps, a.org, group, 'org_project', a.org.id, 'read')
    await grantUser(deps, a.org, admin, 'group', group.id, 'update')
    await expectError(
      updateGroup(deps, sessionActor(admin), { groupId: group.id, addMemberUsers: [newcomer.id] }),
      'GRANT_EXCEEDS_CALLER',
    )
    await grantUser(deps, a.org, admin, 'org_project', a.org.id, 'read')
    const updated = await updateGroup(deps, sessionActor(admin), {
      groupId: group.id,
      addMemberUsers: [newcomer.id],
    })
    expect(updated.memberUsers).toEqual([newcomer.id])
  })

  // Security case 8 (Keycloak CVE-2026-9099): a re-parent needs rights on both groups.
  it('needs update on a group before moving it under another', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const admin = await addMember(deps, a.org)
    const g1 = (await createGroup(deps, a.ownerActor, { name: 'G1' })).group
    const gAdmin = (await createGroup(deps, a.ownerActor, { name: 'Gadmin' })).group
    await grantGroup(deps, a.org, gAdmin, 'organization', a.org.id, {
      roleId: SYSTEM_ROLE_IDS.owner,
    })
    await grantUser(deps, a.org, admin, 'group', g1.id, 'update')

    // Holding nothing on Gadmin: it does not exist for the caller.
    await expectError(
      updateGroup(deps, sessionActor(admin), { groupId: g1.id, addMemberGroups: [gAdmin.id] }),
      'GROUP_NOT_FOUND',
    )
    await grantUser(deps, a.org, admin, 'group', gAdmin.id, 'read')
    await expectError(
      updateGroup(deps, sessionActor(admin), { groupId: g1.id, addMemberGroups: [gAdmin.id] }),
      'PERMISSION_DENIED',
    )
    expect(await storedGroup(deps, g1.id)).toEqual(g1)
    expect(await storedGroup(deps, gAdmin.id)).toEqual(gAdmin)

    // The other direction: G1's members would join Gadmin and become owners.
    await grantUser(deps, a.org, admin, 'group', gAdmin.id, 'update')
    await expectError(
      updateGroup(deps, sessionActor(admin), { groupId: gAdmin.id, addMemberGroups: [g1.id] }),
      'GRANT_EXCEEDS_CALLER',
    )
    expect(await storedGroup(deps, gAdmin.id)).toEqual(gAdmin)

    // With update on both sides and nothing conferred, the move is allowed.
    const moved = await updateGroup(deps, sessionActor(admin), {
      groupId: g1.id,
      addMemberGroups: [gAdmin.id],
    })
    expect(moved.memberGroups).toEqual([gAdmin.id])
  })

  it('keeps the last owner in Owners, and lets one of two owners leave', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const err = await expectError(
      updateGroup(deps, a.ownerActor, {
        groupId: a.groups.owners.id,
        removeMemberUsers: [a.owner.id],
      }),
      'LAST_OWNER',
    )
    expect(err.message).toBe('An organization must keep at least one owner')
    expect((await storedGroup(deps, a.groups.owners.id))?.memberUsers).toEqual([a.owner.id])
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      outcome: 'denied',
      reason: 'LAST_OWNER',
    })

    // A service account is not a person: it cannot be the last owner.
    const robot = await addMember(deps, a.org, {
      kind: 'service_account',
      groups: [a.groups.owners],
    })
    await expectError(
      updateGroup(deps, a.ownerActor, {
        groupId: a.groups.owners.id,
        removeMemberUsers: [a.owner.id],
      }),
      'LAST_OWNER',
    )

    const second = await addMember(deps, a.org, { groups: [a.groups.owners] })
    const updated = await updateGroup(deps, a.ownerActor, {
      groupId: a.groups.owners.id,
      removeMemberUsers: [a.owner.id],
    })
    expect(updated.memberUsers).toEqual([robot.id, second.id])
  })

  it('is 404 for the owner of another org, and changes nothing', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const eventsBefore = await auditEvents(deps, a.org.id)
    await expectError(
      updateGroup(deps, b.ownerActor, {
        groupId: a.groups.owners.id,
        addMemberUsers: [b.owner.id],
      }),
      'GROUP_NOT_FOUND',
    )
    await expectError(
      updateGroup(deps, apiKeyActor(b.owner, b.org.id), {
        groupId: a.groups.owners.id,
        name: 'Mine',
        orgId: a.org.id,
      }),
      'ORG_NOT_FOUND',
    )
    expect(await storedGroup(deps, a.groups.owners.id)).toEqual(a.groups.owners)
    expect(await auditEvents(deps, a.org.id)).toEqual(eventsBefore)
  })
})

describe('deleteGroup', () => {
  it('soft-deletes a custom group, which then no longer exists or grants', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const { group } = await createGroup(deps, a.ownerActor, { name: 'Temp' })
    deps.clock.advance(5000)
    const deleted = await deleteGroup(deps, a.ownerActor, { groupId: group.id })
    expect(deleted).toEqual({ ...group, deletedAt: deps.clock.now() })
    expect(await storedGroup(deps, group.id)).toBeUndefined()
    await expectError(getGroup(deps, a.ownerActor, { groupId: group.id }), 'GROUP_NOT_FOUND')
    expect((await listGroups(deps, a.ownerActor)).map((g) => g.id)).not.toContain(group.id)
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'group.delete',
      outcome: 'success',
      objectId: group.id,
      before: { name: 'Temp' },
    })
    // The name is free again.
    expect((await createGroup(deps, a.ownerActor, { name: 'Temp' })).found).toBe(false)
  })

  it('takes away the ACLs that name the group and its place in other groups', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const { group: child } = await createGroup(deps, a.ownerActor, { name: 'Child' })
    const { group: parent } = await createGroup(deps, a.ownerActor, {
      name: 'Parent',
      memberGroups: [child.id],
    })
    const subjectAcl = await grantGroup(deps, a.org, child, 'org_project', a.org.id, 'read')
    const objectAcl = await grantUser(deps, a.org, a.owner, 'group', child.id, 'update')
    const unrelated = await grantGroup(deps, a.org, parent, 'org_project', a.org.id, 'read')
    await deleteGroup(deps, a.ownerActor, { groupId: child.id })
    const remaining = await deps.store.transaction((tx) => tx.acls.listAll(a.org.id))
    const ids = remaining.map((acl) => acl.id)
    expect(ids).not.toContain(subjectAcl.id)
    expect(ids).not.toContain(objectAcl.id)
    expect(ids).toContain(unrelated.id)
    expect((await storedGroup(deps, parent.id))?.memberGroups).toEqual([])
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'group.delete',
      after: { removed_from_groups: [parent.id] },
    })
  })

  it('refuses to delete a built-in group', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const err = await expectError(
      deleteGroup(deps, a.ownerActor, { groupId: a.groups.owners.id }),
      'BUILTIN_GROUP_IMMUTABLE',
    )
    expect(err.message).toBe('Built-in groups cannot be deleted or renamed')
    expect(await storedGroup(deps, a.groups.owners.id)).toEqual(a.groups.owners)
  })

  it('refuses to delete the group through which the last owner holds ownership', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const boss = await addMember(deps, a.org)
    const { group } = await createGroup(deps, a.ownerActor, {
      name: 'Bosses',
      memberUsers: [boss.id],
    })
    await grantGroup(deps, a.org, group, 'organization', a.org.id, {
      roleId: SYSTEM_ROLE_IDS.owner,
    })
    await updateGroup(deps, a.ownerActor, {
      groupId: a.groups.owners.id,
      removeMemberUsers: [a.owner.id],
    })
    await expectError(deleteGroup(deps, sessionActor(boss), { groupId: group.id }), 'LAST_OWNER')
    expect(await storedGroup(deps, group.id)).toEqual(group)
  })

  it('needs delete on the group; 404 without any grant and across orgs', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const { group } = await createGroup(deps, a.ownerActor, { name: 'Keep' })
    const { reader, stranger } = await readerAndStranger(deps, a.org, 'group', group.id)
    await expectError(
      deleteGroup(deps, sessionActor(reader), { groupId: group.id }),
      'PERMISSION_DENIED',
    )
    await expectError(
      deleteGroup(deps, sessionActor(stranger), { groupId: group.id }),
      'GROUP_NOT_FOUND',
    )
    await expectError(deleteGroup(deps, b.ownerActor, { groupId: group.id }), 'GROUP_NOT_FOUND')
    expect(await storedGroup(deps, group.id)).toEqual(group)
  })
})

describe('replaceGroup', () => {
  it('creates a group that does not exist, then replaces it by name', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const alice = await addMember(deps, a.org)
    const bob = await addMember(deps, a.org)
    const created = await replaceGroup(deps, a.ownerActor, {
      name: 'Reviewers',
      description: 'v1',
      memberUsers: [alice.id],
    })
    expect(created.found).toBe(false)
    const replaced = await replaceGroup(deps, a.ownerActor, {
      name: 'Reviewers',
      memberUsers: [bob.id],
    })
    expect(replaced).toEqual({
      group: { ...created.group, description: null, memberUsers: [bob.id] },
      found: true,
    })
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'group.replace',
      before: { memberUsers: [alice.id] },
      after: { memberUsers: [bob.id] },
    })
  })

  it('runs the update rules on a replaced group: the last owner stays', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    await expectError(replaceGroup(deps, a.ownerActor, { name: 'Owners' }), 'LAST_OWNER')
    expect(await storedGroup(deps, a.groups.owners.id)).toEqual(a.groups.owners)
  })

  it('needs update on the group it replaces', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const maker = await addMember(deps, a.org)
    await grantUser(deps, a.org, maker, 'organization', a.org.id, CREATE_GROUPS)
    // Create on groups reaches every group (restricted grants apply to objects of that type),
    // so the group is visible, but create is not update.
    await expectError(
      replaceGroup(deps, sessionActor(maker), { name: 'Owners', memberUsers: [maker.id] }),
      'PERMISSION_DENIED',
    )
    expect(await storedGroup(deps, a.groups.owners.id)).toEqual(a.groups.owners)
  })

  it('applies the plan gate when it creates', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps, { plan: 'pro' })
    await expectError(replaceGroup(deps, a.ownerActor, { name: 'New' }), 'PLAN_CUSTOM_GROUPS')
  })
})
