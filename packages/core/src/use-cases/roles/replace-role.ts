import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Role } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import {
  applyRoleChange,
  insertRole,
  isSystemRole,
  type RolePermissionInput,
  roleName,
  rolePermissions,
  roleTarget,
  uniqueIds,
} from './role-changes.js'

export interface ReplaceRoleInput extends OrgSelector {
  readonly name: string
  readonly description?: string | null | undefined
  readonly memberPermissions?: readonly RolePermissionInput[] | null | undefined
  readonly memberRoles?: readonly string[] | null | undefined
}

/**
 * Creates an org role, or replaces the org's role of that name with the given fields (fields
 * left out become empty): the reference API's `PUT /v1/role`. Replacing needs `update` on the
 * role and runs every rule of {@link updateRole}; a system role of that name cannot be replaced.
 * `found` tells which happened.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, VALIDATION_FAILED, PERMISSION_DENIED,
 *   SYSTEM_ROLE_IMMUTABLE, ROLE_NOT_FOUND, GRANT_EXCEEDS_CALLER, ROLE_CYCLE, LAST_OWNER
 */
export async function replaceRole(
  deps: Deps,
  actor: Actor,
  input: ReplaceRoleInput,
): Promise<{ role: Role; found: boolean }> {
  const name = roleName(input.name)
  const memberPermissions = rolePermissions(input.memberPermissions, 'member_permissions')
  return runOperation(deps, actor, 'role.replace', async (op) => {
    const org = await op.enterOrg(input)
    const existing = await op.tx.roles.findByName(org.id, name)
    if (existing === undefined) {
      op.require('create', { objectType: 'organization', objectId: org.id }, undefined, 'role')
      const role = await insertRole(op, {
        name,
        description: input.description ?? null,
        memberPermissions,
        memberRoles: input.memberRoles ?? [],
      })
      return { role, found: false }
    }
    if (isSystemRole(existing)) {
      op.denial = { orgId: org.id, objectType: 'role', objectId: existing.id }
      throw new AppError('SYSTEM_ROLE_IMMUTABLE')
    }
    op.require('update', roleTarget(existing.id), 'ROLE_NOT_FOUND')
    const role = await applyRoleChange(op, existing, {
      ...existing,
      description: input.description ?? null,
      memberPermissions,
      memberRoles: uniqueIds(input.memberRoles),
    })
    return { role, found: true }
  })
}
