import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Role } from '../../model/entities.js'
import { assertKeepsOwner } from '../../policies/last-owner.js'
import type { Deps } from '../../ports.js'
import { type Operation, type OrgSelector, runOperation } from '../operation.js'
import { enterRole, isSystemRole, roleTarget } from './role-changes.js'

export interface DeleteRoleInput extends OrgSelector {
  readonly roleId: string
}

/**
 * Removes what pointed at a deleted role: ACLs granting it or on it, and its place in other
 * roles' member_roles.
 */
async function forgetDeletedRole(op: Operation, roleId: string) {
  const orgId = op.org.id
  const acls = [
    ...(await op.tx.acls.list({ orgId, roleId })),
    ...(await op.tx.acls.list({ orgId, objectType: 'role', objectId: roleId })),
  ]
  for (const acl of acls) {
    await op.tx.acls.delete(acl.id)
  }
  const heirs = (await op.tx.roles.listAll(orgId)).filter(
    (r) => r.orgId !== null && r.memberRoles.includes(roleId),
  )
  for (const heir of heirs) {
    await op.tx.roles.update({
      ...heir,
      memberRoles: heir.memberRoles.filter((id) => id !== roleId),
    })
  }
  return { removed_acls: acls.map((a) => a.id), removed_from_roles: heirs.map((r) => r.id) }
}

/**
 * Soft-deletes an org role and returns it as deleted, with the ACLs that grant it and its place in
 * other roles.
 * Needs `delete` on the role; system roles stay, and the org must still have an owner.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, ROLE_NOT_FOUND, PERMISSION_DENIED, SYSTEM_ROLE_IMMUTABLE,
 *   LAST_OWNER
 */
export async function deleteRole(deps: Deps, actor: Actor, input: DeleteRoleInput): Promise<Role> {
  return runOperation(deps, actor, 'role.delete', async (op) => {
    const role = await enterRole(op, input, input.roleId)
    const org = op.org
    if (isSystemRole(role)) {
      op.denial = { orgId: org.id, objectType: 'role', objectId: role.id }
      throw new AppError('SYSTEM_ROLE_IMMUTABLE')
    }
    op.require('delete', roleTarget(role.id), 'ROLE_NOT_FOUND')
    const deletedAt = op.now()
    await op.tx.roles.softDelete(role.id, deletedAt)
    const cleanup = await forgetDeletedRole(op, role.id)
    await op.reload()
    assertKeepsOwner(op.ev, await op.people())
    await op.changedAuthz()
    await op.record({ objectType: 'role', objectId: role.id, before: role, after: cleanup })
    return { ...role, deletedAt }
  })
}
