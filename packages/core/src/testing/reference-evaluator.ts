import type { Target } from '../authz/target.js'
import type { AuthzWorld } from '../authz/world.js'
import type { ObjectType, Permission } from '../model/catalog.js'
import type { Acl } from '../model/entities.js'

/**
 * A deliberately naive reference for the evaluator, written from the model's prose rather than
 * from authz/: brute force over every ACL, fixpoints for groups and roles, no caches, no indexes.
 * Property tests compare the real evaluator against it, so it must share none of its helpers.
 */

const CHILD_TYPES: readonly ObjectType[] = [
  'experiment',
  'dataset',
  'prompt',
  'prompt_session',
  'project_log',
]

/** One (ACL, permission) pair that reaches the target. */
export interface ReferenceGrant {
  readonly aclId: string
  readonly permission: Permission
}

/** The (type, id) pairs whose ACLs reach `target`, derived from the hierarchy as documented. */
export function referenceReach(orgId: string, target: Target): [ObjectType, string][] {
  const org: [ObjectType, string] = ['organization', orgId]
  if (target.objectType === 'organization') {
    return [['organization', target.objectId]]
  }
  const self: [ObjectType, string] = [target.objectType, target.objectId]
  if (target.objectType === 'project') {
    return [self, ['org_project', orgId], org]
  }
  if (CHILD_TYPES.includes(target.objectType)) {
    const reach: [ObjectType, string][] = [self]
    const projectId = target.objectType === 'project_log' ? target.objectId : target.projectId
    if (typeof projectId === 'string') {
      reach.push(['project', projectId])
    }
    reach.push(['org_project', orgId], org)
    return reach
  }
  // group, role, org_member, org_project, org_audit_logs
  return [self, org]
}

/** Every live group that contains the user, directly or through member_groups, to a fixpoint. */
export function referenceGroupsOf(world: AuthzWorld, userId: string): Set<string> {
  const inside = new Set<string>()
  let changed = true
  while (changed) {
    changed = false
    for (const group of world.groups.values()) {
      if (inside.has(group.id)) {
        continue
      }
      const direct = group.memberUsers.includes(userId)
      const nested = group.memberGroups.some((m) => inside.has(m) && world.groups.has(m))
      if (direct || nested) {
        inside.add(group.id)
        changed = true
      }
    }
  }
  return inside
}

/** Every (permission, restrict) of a role and the roles it inherits, to a fixpoint. */
export function referenceRolePermissions(
  world: AuthzWorld,
  roleId: string,
): { permission: Permission; restrictObjectType: ObjectType | null }[] {
  const roles = new Set<string>()
  if (world.roles.has(roleId)) {
    roles.add(roleId)
  }
  let changed = true
  while (changed) {
    changed = false
    for (const id of [...roles]) {
      for (const inherited of world.roles.get(id)?.memberRoles ?? []) {
        if (!roles.has(inherited) && world.roles.has(inherited)) {
          roles.add(inherited)
          changed = true
        }
      }
    }
  }
  const out: { permission: Permission; restrictObjectType: ObjectType | null }[] = []
  for (const id of roles) {
    for (const grant of world.roles.get(id)?.memberPermissions ?? []) {
      out.push({ permission: grant.permission, restrictObjectType: grant.restrictObjectType })
    }
  }
  return out
}

function subjectMatches(world: AuthzWorld, acl: Acl, userId: string): boolean {
  if (acl.userId !== null) {
    return acl.userId === userId
  }
  return acl.groupId !== null && referenceGroupsOf(world, userId).has(acl.groupId)
}

function restrictMatches(restrict: ObjectType | null, objectType: ObjectType): boolean {
  return restrict === null || restrict === objectType
}

/** Every (ACL, permission) pair that gives `userId` a permission on `target`. */
export function referenceGrants(
  world: AuthzWorld,
  userId: string,
  target: Target,
): ReferenceGrant[] {
  if (!world.members.has(userId)) {
    return []
  }
  const reach = referenceReach(world.orgId, target)
  const out: ReferenceGrant[] = []
  for (const acl of world.acls) {
    const onReach = reach.some(([type, id]) => type === acl.objectType && id === acl.objectId)
    if (!onReach || !subjectMatches(world, acl, userId)) {
      continue
    }
    if (acl.permission !== null) {
      if (restrictMatches(acl.restrictObjectType, target.objectType)) {
        out.push({ aclId: acl.id, permission: acl.permission })
      }
    } else if (acl.roleId !== null) {
      for (const grant of referenceRolePermissions(world, acl.roleId)) {
        if (restrictMatches(grant.restrictObjectType, target.objectType)) {
          out.push({ aclId: acl.id, permission: grant.permission })
        }
      }
    }
  }
  return out
}

/** The permissions `userId` holds on `target`, by brute force. */
export function referenceEffective(
  world: AuthzWorld,
  userId: string,
  target: Target,
): Set<Permission> {
  return new Set(referenceGrants(world, userId, target).map((g) => g.permission))
}
