import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Role } from '../../model/entities.js'
import { assertKeepsOwner } from '../../policies/last-owner.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { enterRole, isSystemRole, roleTarget } from './role-changes.js'

export interface DeleteRoleInput extends OrgSelector {
  readonly roleId: string
}

/**
 * Soft-deletes an org role and returns it as deleted; ACLs naming it stop granting anything.
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
    await op.reload()
    assertKeepsOwner(op.ev, await op.people())
    await op.changedAuthz()
    await op.record({ objectType: 'role', objectId: role.id, before: role })
    return { ...role, deletedAt }
  })
}
