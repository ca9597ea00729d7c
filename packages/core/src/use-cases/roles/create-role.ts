import type { Actor } from '../../actor.js'
import type { Role } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { insertRole, type RolePermissionInput, roleName, rolePermissions } from './role-changes.js'

export interface CreateRoleInput extends OrgSelector {
  readonly name: string
  readonly description?: string | null | undefined
  readonly memberPermissions?: readonly RolePermissionInput[] | null | undefined
  readonly memberRoles?: readonly string[] | null | undefined
}

/**
 * Creates an org role, or returns the role of that name unchanged (`found: true`; a system role
 * too): the reference API's idempotent create. Needs `create` on the organization for roles.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, VALIDATION_FAILED, PERMISSION_DENIED, ROLE_NOT_FOUND
 */
export async function createRole(
  deps: Deps,
  actor: Actor,
  input: CreateRoleInput,
): Promise<{ role: Role; found: boolean }> {
  const name = roleName(input.name)
  const memberPermissions = rolePermissions(input.memberPermissions, 'member_permissions')
  return runOperation(deps, actor, 'role.create', async (op) => {
    const org = await op.enterOrg(input)
    op.require('create', { objectType: 'organization', objectId: org.id }, undefined, 'role')
    const existing = await op.tx.roles.findByName(org.id, name)
    if (existing !== undefined) {
      return { role: existing, found: true }
    }
    const role = await insertRole(op, {
      name,
      description: input.description ?? null,
      memberPermissions,
      memberRoles: input.memberRoles ?? [],
    })
    return { role, found: false }
  })
}
