import type { Evaluator } from '../authz/evaluate.js'
import type { Target } from '../authz/target.js'
import { AppError } from '../errors.js'
import type { ObjectType, Permission } from '../model/catalog.js'
import type { Acl, AclItem } from '../model/entities.js'

/** One permission conferred on an object, possibly only for one type of object under it. */
export interface Conferral {
  readonly target: Target
  readonly permission: Permission
  readonly restrictObjectType: ObjectType | null
}

/**
 * Nobody grants more than they hold: every permission conferred must be held by the caller on
 * that object (for that object type, when restricted). Owners hold everything. ACLs, role edits,
 * group memberships, invitations into groups and service-account permissions all end here.
 * @throws GRANT_EXCEEDS_CALLER with the first permission the caller lacks
 */
export function assertWithinCeiling(
  ev: Evaluator,
  callerId: string,
  conferrals: Iterable<Conferral>,
): void {
  for (const c of conferrals) {
    const asType = c.restrictObjectType ?? c.target.objectType
    if (!ev.effective(callerId, c.target, asType).has(c.permission)) {
      throw new AppError('GRANT_EXCEEDS_CALLER', {
        permission: c.permission,
        object_type: c.target.objectType,
        object_id: c.target.objectId,
        restrict_object_type: c.restrictObjectType,
      })
    }
  }
}

/** What an ACL confers: its permission, or every permission of its role (transitively). */
export function conferralsOfAcl(
  ev: Evaluator,
  acl: AclItem,
  projectId?: string | null,
): Conferral[] {
  const target: Target = { objectType: acl.objectType, objectId: acl.objectId, projectId }
  if (acl.permission !== null) {
    return [{ target, permission: acl.permission, restrictObjectType: acl.restrictObjectType }]
  }
  if (acl.roleId === null) {
    return []
  }
  return ev
    .roleGrants(acl.roleId)
    .map((g) => ({ target, permission: g.permission, restrictObjectType: g.restrictObjectType }))
}

/**
 * What joining `groupId` confers: the grants of that group and of every group that contains it.
 * Used for adding users or groups to a group and for invitations into groups.
 */
export function conferralsOfGroup(ev: Evaluator, groupId: string): Conferral[] {
  const groups = new Set([groupId])
  // Walk upwards: groups whose member_groups include one already in the set.
  let grew = true
  while (grew) {
    grew = false
    for (const g of ev.world.groups.values()) {
      if (!groups.has(g.id) && g.memberGroups.some((m) => groups.has(m))) {
        groups.add(g.id)
        grew = true
      }
    }
  }
  return ev.world.acls
    .filter((acl: Acl) => acl.groupId !== null && groups.has(acl.groupId))
    .flatMap((acl) => conferralsOfAcl(ev, acl))
}

/**
 * What adding `grants` to role `roleId` confers: those permissions wherever the role, or a role
 * that inherits it, is granted.
 */
export function conferralsOfRoleChange(
  ev: Evaluator,
  roleId: string,
  grants: readonly { permission: Permission; restrictObjectType: ObjectType | null }[],
): Conferral[] {
  const inheriting = new Set<string>()
  for (const role of ev.world.roles.values()) {
    if (inheritsFrom(ev, role.id, roleId)) {
      inheriting.add(role.id)
    }
  }
  return ev.world.acls
    .filter((acl) => acl.roleId !== null && inheriting.has(acl.roleId))
    .flatMap((acl) =>
      grants.map((g) => ({
        target: { objectType: acl.objectType, objectId: acl.objectId },
        permission: g.permission,
        restrictObjectType: g.restrictObjectType,
      })),
    )
}

/** True when `roleId` is `ancestorId` or inherits it through member_roles. */
export function inheritsFrom(ev: Evaluator, roleId: string, ancestorId: string): boolean {
  const seen = new Set<string>()
  const stack = [roleId]
  while (stack.length > 0) {
    const id = stack.pop() as string
    if (id === ancestorId) {
      return true
    }
    if (seen.has(id)) {
      continue
    }
    seen.add(id)
    stack.push(...(ev.world.roles.get(id)?.memberRoles ?? []))
  }
  return false
}
