import type { Actor } from '../../actor.js'
import type { Role } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { enterRole, isSystemRole, roleTarget } from './role-changes.js'

export interface GetRoleInput extends OrgSelector {
  readonly roleId: string
}

/**
 * One role: a system role (every member may read those) or one of the org's, which needs `read`
 * on it; a role the caller holds nothing on does not exist for it.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, ROLE_NOT_FOUND, PERMISSION_DENIED
 */
export async function getRole(deps: Deps, actor: Actor, input: GetRoleInput): Promise<Role> {
  return runOperation(deps, actor, 'role.read', async (op) => {
    const role = await enterRole(op, input, input.roleId)
    if (!isSystemRole(role)) {
      op.require('read', roleTarget(role.id), 'ROLE_NOT_FOUND')
    }
    return role
  })
}
