import type { Permission, Plan } from '../model/catalog.js'
import type { Acl, Group, Role } from '../model/entities.js'

/**
 * Everything that decides who may do what in one organization, as plain data. Use cases load it
 * in their transaction; the decision path compiles it once per authorization version.
 */
export interface AuthzWorld {
  readonly orgId: string
  readonly plan: Plan
  /** Users and service accounts that are members of the org. */
  readonly members: ReadonlySet<string>
  /** Live groups of the org. */
  readonly groups: ReadonlyMap<string, Pick<Group, 'id' | 'memberUsers' | 'memberGroups'>>
  /** Live roles of the org and the system roles. */
  readonly roles: ReadonlyMap<string, Pick<Role, 'id' | 'memberPermissions' | 'memberRoles'>>
  readonly acls: readonly Acl[]
}

export function buildWorld(input: {
  orgId: string
  plan: Plan
  members: Iterable<string>
  groups: Iterable<Pick<Group, 'id' | 'memberUsers' | 'memberGroups'>>
  roles: Iterable<Pick<Role, 'id' | 'memberPermissions' | 'memberRoles'>>
  acls: readonly Acl[]
}): AuthzWorld {
  return {
    orgId: input.orgId,
    plan: input.plan,
    members: new Set(input.members),
    groups: new Map([...input.groups].map((g) => [g.id, g])),
    roles: new Map([...input.roles].map((r) => [r.id, r])),
    acls: input.acls,
  }
}

/** A grant of one permission, possibly only for one object type. */
export interface PermissionGrant {
  readonly permission: Permission
  readonly restrictObjectType: Acl['restrictObjectType']
}
