import { wouldCycle } from '../../authz/cycles.js'
import { findSystemRole } from '../../authz/system-roles.js'
import type { Target } from '../../authz/target.js'
import { AppError } from '../../errors.js'
import { isObjectType, isPermission } from '../../model/catalog.js'
import type { Role, RolePermission } from '../../model/entities.js'
import { assertWithinCeiling, conferralsOfRoleChange } from '../../policies/grant-ceiling.js'
import { assertKeepsOwner } from '../../policies/last-owner.js'
import { enterOwningOrg } from '../enter-owning-org.js'
import type { Operation, OrgSelector } from '../operation.js'

/** Longest role name accepted; the reference API sets none, storage wants one. */
const MAX_NAME_LENGTH = 256

/** A role permission as callers send it: the restriction may be left out. */
export interface RolePermissionInput {
  readonly permission: RolePermission['permission']
  readonly restrictObjectType?: RolePermission['restrictObjectType'] | undefined
}

/** The decision target of a role itself (who may read, edit or delete it). */
export function roleTarget(roleId: string): Target {
  return { objectType: 'role', objectId: roleId }
}

/**
 * The trimmed name of a role.
 * @throws VALIDATION_FAILED
 */
export function roleName(name: string): string {
  const trimmed = name.trim()
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) {
    throw new AppError('VALIDATION_FAILED', { field: 'name' })
  }
  return trimmed
}

/** The ids in first-seen order, each once; absent means none. */
export function uniqueIds(ids: readonly string[] | null | undefined): string[] {
  return [...new Set(ids ?? [])]
}

function permissionKey(p: RolePermission): string {
  return `${p.permission}\u0000${p.restrictObjectType ?? ''}`
}

/**
 * Checks and de-duplicates permissions that arrive from outside the type system (CLI, HTTP).
 * @throws VALIDATION_FAILED
 */
export function rolePermissions(
  list: readonly RolePermissionInput[] | null | undefined,
  field: string,
): RolePermission[] {
  const byKey = new Map<string, RolePermission>()
  for (const item of list ?? []) {
    const restrict = item.restrictObjectType ?? null
    if (!isPermission(item.permission) || (restrict !== null && !isObjectType(restrict))) {
      throw new AppError('VALIDATION_FAILED', { field })
    }
    const p: RolePermission = { permission: item.permission, restrictObjectType: restrict }
    byKey.set(permissionKey(p), p)
  }
  return [...byKey.values()]
}

/** True for the roles nobody can change (`orgId` null). */
export function isSystemRole(role: Role): boolean {
  return role.orgId === null
}

/**
 * The live role with this id that the org can use: its own or a system role. Roles of other
 * orgs do not exist for the caller.
 * @throws ROLE_NOT_FOUND
 */
export async function findUsableRole(op: Operation, roleId: string): Promise<Role> {
  const role = await op.tx.roles.find(roleId)
  if (
    role === undefined ||
    role.deletedAt !== null ||
    (role.orgId !== null && role.orgId !== op.org.id)
  ) {
    throw new AppError('ROLE_NOT_FOUND')
  }
  return role
}

/**
 * Enters the org the caller names, or else the role's own (a system role belongs to none, so
 * the caller's usual org), and returns the live role usable there.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, ROLE_NOT_FOUND
 */
export async function enterRole(
  op: Operation,
  selector: OrgSelector,
  roleId: string,
): Promise<Role> {
  const stored = await op.tx.roles.find(roleId)
  await enterOwningOrg(op, selector, stored?.orgId, 'ROLE_NOT_FOUND')
  return findUsableRole(op, roleId)
}

/**
 * Roles one inherits from must be usable here; an org role also needs `read`, so inheriting
 * cannot probe for roles the caller cannot see.
 * @throws ROLE_NOT_FOUND, PERMISSION_DENIED
 */
function requireInheritable(op: Operation, roleIds: readonly string[]): void {
  for (const roleId of roleIds) {
    if (!op.ev.world.roles.has(roleId)) {
      throw new AppError('ROLE_NOT_FOUND', { role_id: roleId })
    }
    if (findSystemRole(roleId) === undefined) {
      op.require('read', roleTarget(roleId), 'ROLE_NOT_FOUND')
    }
  }
}

export interface NewRole {
  readonly name: string
  readonly description: string | null
  readonly memberPermissions: readonly RolePermission[]
  readonly memberRoles: readonly string[]
}

/**
 * Inserts an org role after the caller's `create` was checked. A new role is granted nowhere
 * yet, so it confers nothing until an ACL names it (and that ACL meets the grant ceiling).
 * @throws ROLE_NOT_FOUND, PERMISSION_DENIED
 */
export async function insertRole(op: Operation, spec: NewRole): Promise<Role> {
  const { org } = op
  const memberRoles = uniqueIds(spec.memberRoles)
  requireInheritable(op, memberRoles)
  const role: Role = {
    id: op.uuid(),
    orgId: org.id,
    userId: op.actor.userId,
    name: spec.name,
    description: spec.description,
    memberPermissions: spec.memberPermissions,
    memberRoles,
    createdAt: op.now(),
    deletedAt: null,
  }
  await op.tx.roles.insert(role)
  await op.grantCreatorOwnership('role', role.id)
  await op.changedAuthz()
  await op.record({ objectType: 'role', objectId: role.id, after: role })
  return role
}

/**
 * Writes `next` over `before` (same id, an org role) after the checks that depend on what
 * changes. What a role gains, every holder of the role (or of a role inheriting it) gains
 * wherever it is granted, so additions are bounded by the caller's own grants there; removals
 * must leave the org an owner, judged on the world after the write. The caller checked `update`
 * on the role and the name rules.
 * @throws ROLE_NOT_FOUND, PERMISSION_DENIED, GRANT_EXCEEDS_CALLER, ROLE_CYCLE, LAST_OWNER
 */
export async function applyRoleChange(op: Operation, before: Role, next: Role): Promise<Role> {
  const beforeKeys = new Set(before.memberPermissions.map(permissionKey))
  const nextKeys = new Set(next.memberPermissions.map(permissionKey))
  const addedPermissions = next.memberPermissions.filter((p) => !beforeKeys.has(permissionKey(p)))
  const removedPermissions = before.memberPermissions.filter((p) => !nextKeys.has(permissionKey(p)))
  const addedRoles = next.memberRoles.filter((id) => !before.memberRoles.includes(id))
  const removedRoles = before.memberRoles.filter((id) => !next.memberRoles.includes(id))

  const scope = op.denial
  requireInheritable(op, addedRoles)
  // Later refusals are about this role, not the inherited one checked last.
  op.denial = scope
  const roles = op.ev.world.roles
  if (wouldCycle(before.id, next.memberRoles, (id) => roles.get(id)?.memberRoles)) {
    throw new AppError('ROLE_CYCLE')
  }
  const gained = [
    ...addedPermissions,
    ...addedRoles.flatMap((id) =>
      op.ev
        .roleGrants(id)
        .map((g) => ({ permission: g.permission, restrictObjectType: g.restrictObjectType })),
    ),
  ]
  if (gained.length > 0) {
    assertWithinCeiling(op.ev, op.actor.userId, conferralsOfRoleChange(op.ev, before.id, gained))
  }

  await op.tx.roles.update(next)
  if (removedPermissions.length > 0 || removedRoles.length > 0) {
    await op.reload()
    assertKeepsOwner(op.ev, await op.people())
  }
  const grantsChanged =
    addedPermissions.length + removedPermissions.length + addedRoles.length + removedRoles.length >
    0
  if (grantsChanged) {
    await op.changedAuthz()
  }
  await op.record({ objectType: 'role', objectId: before.id, before, after: next })
  return next
}
