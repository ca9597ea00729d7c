import { describe, expect, it } from 'vitest'
import { SYSTEM_ROLE_IDS, SYSTEM_ROLES } from '../../authz/system-roles.js'
import { PERMISSIONS } from '../../model/catalog.js'
import type { Role } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import {
  addMember,
  auditEvents,
  createTestDeps,
  expectError,
  grantUser,
  lastEvent,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { createProject } from '../projects/create-project.js'
import { createRole } from './create-role.js'
import { deleteRole } from './delete-role.js'
import { getRole } from './get-role.js'
import { listRoles } from './list-roles.js'
import { replaceRole } from './replace-role.js'
import { updateRole } from './update-role.js'

async function storedRole(deps: Deps, id: string): Promise<Role | undefined> {
  return deps.store.transaction((tx) => tx.roles.find(id))
}

const ALL = PERMISSIONS.map((permission) => ({ permission }))

describe('createRole', () => {
  it('creates an org role with an owner grant for its creator and an audit event', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps, { plan: 'starter' })
    const { role, found } = await createRole(deps, a.ownerActor, {
      name: 'Dataset editor',
      description: 'Edits datasets',
      memberPermissions: [
        { permission: 'update', restrictObjectType: 'dataset' },
        { permission: 'update', restrictObjectType: 'dataset' },
        { permission: 'read' },
      ],
      memberRoles: [SYSTEM_ROLE_IDS.viewer],
    })
    expect(found).toBe(false)
    expect(role).toMatchObject({
      orgId: a.org.id,
      userId: a.owner.id,
      name: 'Dataset editor',
      memberPermissions: [
        { permission: 'update', restrictObjectType: 'dataset' },
        { permission: 'read', restrictObjectType: null },
      ],
      memberRoles: [SYSTEM_ROLE_IDS.viewer],
    })
    expect(await storedRole(deps, role.id)).toEqual(role)
    const acls = await deps.store.transaction((tx) => tx.acls.listAll(a.org.id))
    expect(acls).toContainEqual(
      expect.objectContaining({
        objectType: 'role',
        objectId: role.id,
        userId: a.owner.id,
        roleId: SYSTEM_ROLE_IDS.owner,
      }),
    )
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'role.create',
      outcome: 'success',
      objectType: 'role',
      objectId: role.id,
    })
  })

  it('returns an existing role of that name, system roles included', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const first = await createRole(deps, a.ownerActor, { name: 'Auditor' })
    expect(
      await createRole(deps, a.ownerActor, { name: 'Auditor', memberPermissions: ALL }),
    ).toEqual({ role: first.role, found: true })
    const owner = await createRole(deps, a.ownerActor, { name: 'Owner' })
    expect(owner.found).toBe(true)
    expect(owner.role.id).toBe(SYSTEM_ROLE_IDS.owner)
  })

  it('refuses inherited roles that do not exist here', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const foreign = (await createRole(deps, b.ownerActor, { name: 'Theirs' })).role
    await expectError(
      createRole(deps, a.ownerActor, { name: 'Mine', memberRoles: [foreign.id] }),
      'ROLE_NOT_FOUND',
    )
    await expectError(
      createRole(deps, a.ownerActor, { name: 'Mine', memberRoles: [deps.crypto.uuid()] }),
      'ROLE_NOT_FOUND',
    )
  })

  it('refuses bad permissions and names', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    await expectError(
      createRole(deps, a.ownerActor, {
        name: 'Bad',
        memberPermissions: [{ permission: 'fly' as 'read' }],
      }),
      'VALIDATION_FAILED',
    )
    await expectError(createRole(deps, a.ownerActor, { name: '' }), 'VALIDATION_FAILED')
  })

  it('needs create on the organization for roles', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const eve = await addMember(deps, a.org, {
      groups: a.groups.engineers ? [a.groups.engineers] : [],
    })
    await expectError(createRole(deps, sessionActor(eve), { name: 'Mine' }), 'PERMISSION_DENIED')
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'role.create',
      outcome: 'denied',
      reason: 'PERMISSION_DENIED',
    })
  })
})

describe('system roles', () => {
  it('are readable by every member and listed for them', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const nobody = await addMember(deps, a.org)
    const mine = (await createRole(deps, a.ownerActor, { name: 'Mine' })).role
    expect(await getRole(deps, sessionActor(nobody), { roleId: SYSTEM_ROLE_IDS.viewer })).toEqual(
      SYSTEM_ROLES[2],
    )
    const listed = await listRoles(deps, sessionActor(nobody))
    expect(listed.map((r) => r.id).sort()).toEqual(Object.values(SYSTEM_ROLE_IDS).sort())
    const all = await listRoles(deps, a.ownerActor)
    expect(all[0]).toEqual(mine)
    expect(all).toHaveLength(4)
  })

  it('cannot be updated, replaced or deleted, even by an owner', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const err = await expectError(
      updateRole(deps, a.ownerActor, {
        roleId: SYSTEM_ROLE_IDS.viewer,
        addMemberPermissions: [{ permission: 'delete' }],
      }),
      'SYSTEM_ROLE_IMMUTABLE',
    )
    expect(err.message).toBe('System roles cannot be changed')
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'role.update',
      outcome: 'denied',
      reason: 'SYSTEM_ROLE_IMMUTABLE',
      objectType: 'role',
      objectId: SYSTEM_ROLE_IDS.viewer,
    })
    await expectError(
      deleteRole(deps, a.ownerActor, { roleId: SYSTEM_ROLE_IDS.owner }),
      'SYSTEM_ROLE_IMMUTABLE',
    )
    await expectError(
      replaceRole(deps, a.ownerActor, { name: 'Engineer', memberPermissions: ALL }),
      'SYSTEM_ROLE_IMMUTABLE',
    )
    expect(await storedRole(deps, SYSTEM_ROLE_IDS.viewer)).toEqual(SYSTEM_ROLES[2])
  })
})

describe('getRole and listRoles', () => {
  it('hide org roles from members without read, and from other orgs', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const role = (await createRole(deps, a.ownerActor, { name: 'Secret' })).role
    const nobody = await addMember(deps, a.org)
    const reader = await addMember(deps, a.org)
    await grantUser(deps, a.org, reader, 'role', role.id, 'read')
    await expectError(getRole(deps, sessionActor(nobody), { roleId: role.id }), 'ROLE_NOT_FOUND')
    await expectError(getRole(deps, b.ownerActor, { roleId: role.id }), 'ROLE_NOT_FOUND')
    expect(await getRole(deps, sessionActor(reader), { roleId: role.id })).toEqual(role)
    expect((await listRoles(deps, sessionActor(reader), { limit: 1 })).map((r) => r.id)).toEqual([
      role.id,
    ])
    expect(await listRoles(deps, b.ownerActor, { name: 'Secret' })).toEqual([])
    expect(await listRoles(deps, a.ownerActor, { name: 'Secret' })).toEqual([role])
  })
})

describe('updateRole', () => {
  it('edits permissions and inherited roles, recording before and after', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const role = (
      await createRole(deps, a.ownerActor, {
        name: 'Editor',
        memberPermissions: [{ permission: 'read' }, { permission: 'update' }],
      })
    ).role
    const updated = await updateRole(deps, a.ownerActor, {
      roleId: role.id,
      name: 'Writer',
      addMemberPermissions: [{ permission: 'create', restrictObjectType: 'dataset' }],
      removeMemberPermissions: [{ permission: 'update' }],
      addMemberRoles: [SYSTEM_ROLE_IDS.viewer],
    })
    expect(updated).toMatchObject({
      name: 'Writer',
      memberPermissions: [
        { permission: 'read', restrictObjectType: null },
        { permission: 'create', restrictObjectType: 'dataset' },
      ],
      memberRoles: [SYSTEM_ROLE_IDS.viewer],
    })
    expect(await storedRole(deps, role.id)).toEqual(updated)
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'role.update',
      before: { name: 'Editor' },
      after: { name: 'Writer' },
    })
  })

  it('refuses a name another role has, system roles included', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const role = (await createRole(deps, a.ownerActor, { name: 'Mine' })).role
    await createRole(deps, a.ownerActor, { name: 'Other' })
    await expectError(
      updateRole(deps, a.ownerActor, { roleId: role.id, name: 'Other' }),
      'NAME_TAKEN',
    )
    await expectError(
      updateRole(deps, a.ownerActor, { roleId: role.id, name: 'Viewer' }),
      'NAME_TAKEN',
    )
  })

  it('refuses loops among roles', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const r1 = (await createRole(deps, a.ownerActor, { name: 'R1' })).role
    const r2 = (await createRole(deps, a.ownerActor, { name: 'R2', memberRoles: [r1.id] })).role
    await expectError(
      updateRole(deps, a.ownerActor, { roleId: r1.id, addMemberRoles: [r2.id] }),
      'ROLE_CYCLE',
    )
    await expectError(
      updateRole(deps, a.ownerActor, { roleId: r1.id, addMemberRoles: [r1.id] }),
      'ROLE_CYCLE',
    )
    expect(await storedRole(deps, r1.id)).toEqual(r1)
  })

  it('bounds what a role gains by what its editor holds wherever the role is granted', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const { project } = await createProject(deps, a.ownerActor, { name: 'P' })
    const editor = await addMember(deps, a.org)
    const holder = await addMember(deps, a.org)
    const base = (
      await createRole(deps, a.ownerActor, {
        name: 'Base',
        memberPermissions: [{ permission: 'read' }],
      })
    ).role
    const derived = (
      await createRole(deps, a.ownerActor, { name: 'Derived', memberRoles: [base.id] })
    ).role
    // The role is used through the role that inherits it.
    await grantUser(deps, a.org, holder, 'project', project.id, { roleId: derived.id })
    await grantUser(deps, a.org, editor, 'role', base.id, 'update')
    await grantUser(deps, a.org, editor, 'project', project.id, 'update')

    await expectError(
      updateRole(deps, sessionActor(editor), {
        roleId: base.id,
        addMemberPermissions: [{ permission: 'delete' }],
      }),
      'GRANT_EXCEEDS_CALLER',
    )
    await expectError(
      updateRole(deps, sessionActor(editor), {
        roleId: base.id,
        addMemberRoles: [SYSTEM_ROLE_IDS.owner],
      }),
      'GRANT_EXCEEDS_CALLER',
    )
    expect(await storedRole(deps, base.id)).toEqual(base)
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      outcome: 'denied',
      reason: 'GRANT_EXCEEDS_CALLER',
      objectType: 'role',
      objectId: base.id,
    })

    const updated = await updateRole(deps, sessionActor(editor), {
      roleId: base.id,
      addMemberPermissions: [{ permission: 'update' }],
    })
    expect(updated.memberPermissions.map((p) => p.permission)).toEqual(['read', 'update'])
  })

  it('keeps an owner when a role that makes the last owner is emptied or deleted', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const boss = await addMember(deps, a.org)
    const admin = (await createRole(deps, a.ownerActor, { name: 'Admin', memberPermissions: ALL }))
      .role
    await grantUser(deps, a.org, boss, 'organization', a.org.id, { roleId: admin.id })
    await deps.store.transaction((tx) => tx.groups.update({ ...a.groups.owners, memberUsers: [] }))
    const err = await expectError(
      updateRole(deps, sessionActor(boss), {
        roleId: admin.id,
        removeMemberPermissions: [{ permission: 'delete' }],
      }),
      'LAST_OWNER',
    )
    expect(err.message).toBe('An organization must keep at least one owner')
    await expectError(deleteRole(deps, sessionActor(boss), { roleId: admin.id }), 'LAST_OWNER')
    expect(await storedRole(deps, admin.id)).toEqual(admin)
  })

  it('is 404 across orgs and without any grant, and changes nothing', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const role = (await createRole(deps, a.ownerActor, { name: 'Mine' })).role
    const nobody = await addMember(deps, a.org)
    const eventsBefore = await auditEvents(deps, a.org.id)
    await expectError(
      updateRole(deps, b.ownerActor, { roleId: role.id, addMemberPermissions: ALL }),
      'ROLE_NOT_FOUND',
    )
    await expectError(deleteRole(deps, b.ownerActor, { roleId: role.id }), 'ROLE_NOT_FOUND')
    await expectError(
      updateRole(deps, sessionActor(nobody), { roleId: role.id, name: 'Stolen' }),
      'ROLE_NOT_FOUND',
    )
    expect(await storedRole(deps, role.id)).toEqual(role)
    expect(await auditEvents(deps, a.org.id)).toEqual(eventsBefore)
  })
})

describe('deleteRole', () => {
  it('soft-deletes a role; ACLs naming it stop granting', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const { project } = await createProject(deps, a.ownerActor, { name: 'P' })
    const user = await addMember(deps, a.org)
    const role = (
      await createRole(deps, a.ownerActor, {
        name: 'Reader',
        memberPermissions: [{ permission: 'read' }],
      })
    ).role
    await grantUser(deps, a.org, user, 'project', project.id, { roleId: role.id })
    await grantUser(deps, a.org, user, 'role', role.id, 'read')
    expect(await getRole(deps, sessionActor(user), { roleId: role.id })).toEqual(role)

    const deleted = await deleteRole(deps, a.ownerActor, { roleId: role.id })
    expect(deleted).toEqual({ ...role, deletedAt: deps.clock.now() })
    expect(await storedRole(deps, role.id)).toBeUndefined()
    await expectError(getRole(deps, a.ownerActor, { roleId: role.id }), 'ROLE_NOT_FOUND')
    expect(await lastEvent(deps, a.org.id)).toMatchObject({
      action: 'role.delete',
      outcome: 'success',
      objectId: role.id,
    })
    // The ACL granting the role and the ACL on it are gone with it.
    const left = await deps.store.transaction((tx) => tx.acls.listAll(a.org.id))
    expect(left.filter((acl) => acl.roleId === role.id || acl.objectId === role.id)).toEqual([])
  })

  it('takes the role out of the roles that inherited it', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const base = (
      await createRole(deps, a.ownerActor, {
        name: 'Base',
        memberPermissions: [{ permission: 'read' }],
      })
    ).role
    const heir = (await createRole(deps, a.ownerActor, { name: 'Heir', memberRoles: [base.id] }))
      .role
    await deleteRole(deps, a.ownerActor, { roleId: base.id })
    expect((await storedRole(deps, heir.id))?.memberRoles).toEqual([])
  })
})

describe('replaceRole', () => {
  it('creates, then replaces an org role by name', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const created = await replaceRole(deps, a.ownerActor, {
      name: 'Ops',
      description: 'v1',
      memberPermissions: [{ permission: 'read' }],
    })
    expect(created.found).toBe(false)
    const replaced = await replaceRole(deps, a.ownerActor, {
      name: 'Ops',
      memberPermissions: [{ permission: 'update' }],
    })
    expect(replaced).toEqual({
      role: {
        ...created.role,
        description: null,
        memberPermissions: [{ permission: 'update', restrictObjectType: null }],
        memberRoles: [],
      },
      found: true,
    })
    expect(await storedRole(deps, created.role.id)).toEqual(replaced.role)
  })
})
