import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Role, RolePermission } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import {
  applyRoleChange,
  enterRole,
  isSystemRole,
  type RolePermissionInput,
  roleName,
  rolePermissions,
  roleTarget,
} from './role-changes.js'

export interface UpdateRoleInput extends OrgSelector {
  readonly roleId: string
  /** Absent or null leaves the field as it is (the reference API's PATCH cannot set null). */
  readonly name?: string | null | undefined
  readonly description?: string | null | undefined
  readonly addMemberPermissions?: readonly RolePermissionInput[] | null | undefined
  readonly removeMemberPermissions?: readonly RolePermissionInput[] | null | undefined
  readonly addMemberRoles?: readonly string[] | null | undefined
  readonly removeMemberRoles?: readonly string[] | null | undefined
}

function samePermission(a: RolePermission, b: RolePermission): boolean {
  return a.permission === b.permission && a.restrictObjectType === b.restrictObjectType
}

/**
 * Partially updates an org role (the reference API's PATCH). Needs `update` on the role; system
 * roles cannot change. Added permissions and inherited roles are bounded by the caller's grants
 * wherever the role is granted, inherited roles must not close a loop, and removals must leave
 * the org an owner.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, VALIDATION_FAILED, ROLE_NOT_FOUND, PERMISSION_DENIED,
 *   SYSTEM_ROLE_IMMUTABLE, NAME_TAKEN, GRANT_EXCEEDS_CALLER, ROLE_CYCLE, LAST_OWNER
 */
export async function updateRole(deps: Deps, actor: Actor, input: UpdateRoleInput): Promise<Role> {
  const name = input.name === undefined || input.name === null ? undefined : roleName(input.name)
  const addPermissions = rolePermissions(input.addMemberPermissions, 'add_member_permissions')
  const removePermissions = rolePermissions(
    input.removeMemberPermissions,
    'remove_member_permissions',
  )
  const addRoles = input.addMemberRoles ?? []
  const removeRoles = new Set(input.removeMemberRoles ?? [])
  if (
    addPermissions.some((p) => removePermissions.some((q) => samePermission(p, q))) ||
    addRoles.some((id) => removeRoles.has(id))
  ) {
    throw new AppError('VALIDATION_FAILED', { reason: 'an entry is both added and removed' })
  }
  return runOperation(deps, actor, 'role.update', async (op) => {
    const before = await enterRole(op, input, input.roleId)
    const org = op.org
    if (isSystemRole(before)) {
      op.denial = { orgId: org.id, objectType: 'role', objectId: before.id }
      throw new AppError('SYSTEM_ROLE_IMMUTABLE')
    }
    op.require('update', roleTarget(before.id), 'ROLE_NOT_FOUND')
    if (name !== undefined && name !== before.name) {
      if ((await op.tx.roles.findByName(org.id, name)) !== undefined) {
        throw new AppError('NAME_TAKEN')
      }
    }
    const memberPermissions = before.memberPermissions.filter(
      (p) => !removePermissions.some((q) => samePermission(p, q)),
    )
    for (const p of addPermissions) {
      if (!memberPermissions.some((q) => samePermission(p, q))) {
        memberPermissions.push(p)
      }
    }
    const memberRoles = before.memberRoles.filter((id) => !removeRoles.has(id))
    for (const id of addRoles) {
      if (!memberRoles.includes(id)) {
        memberRoles.push(id)
      }
    }
    return applyRoleChange(op, before, {
      ...before,
      name: name ?? before.name,
      description: input.description ?? before.description,
      memberPermissions,
      memberRoles,
    })
  })
}
