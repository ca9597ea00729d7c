import { SYSTEM_ROLE_IDS } from '../../authz/system-roles.js'
import type { ObjectType } from '../../model/catalog.js'
import type { BuiltinGroup, Group, Organization } from '../../model/entities.js'
import type { Deps, Tx } from '../../ports.js'

/**
 * The org's built-in groups and the one ACL each comes with: Owners hold the Owner role on the
 * organization (everything); Engineers the Engineer role on all projects (create, read, update,
 * delete projects and what is in them); Viewers the Viewer role there (read only).
 */
export const BUILTIN_GROUPS: Record<
  BuiltinGroup,
  { name: string; description: string; objectType: ObjectType; roleId: string }
> = {
  owners: {
    name: 'Owners',
    description: 'Full access to the organization, its data and its settings',
    objectType: 'organization',
    roleId: SYSTEM_ROLE_IDS.owner,
  },
  engineers: {
    name: 'Engineers',
    description: 'Create, read, update and delete projects and everything in them',
    objectType: 'org_project',
    roleId: SYSTEM_ROLE_IDS.engineer,
  },
  viewers: {
    name: 'Viewers',
    description: 'Read every project and everything in it',
    objectType: 'org_project',
    roleId: SYSTEM_ROLE_IDS.viewer,
  },
}

/** Inserts one built-in group of `org` with the ACL it comes with. */
export async function insertBuiltinGroup(
  tx: Tx,
  deps: Deps,
  org: Organization,
  builtin: BuiltinGroup,
  memberUsers: readonly string[],
): Promise<Group> {
  const spec = BUILTIN_GROUPS[builtin]
  const now = deps.clock.now()
  const group: Group = {
    id: deps.crypto.uuid(),
    orgId: org.id,
    userId: null,
    name: spec.name,
    description: spec.description,
    builtin,
    memberUsers,
    memberGroups: [],
    createdAt: now,
    deletedAt: null,
  }
  await tx.groups.insert(group)
  await tx.acls.insert({
    id: deps.crypto.uuid(),
    orgId: org.id,
    objectType: spec.objectType,
    objectId: org.id,
    userId: null,
    groupId: group.id,
    permission: null,
    roleId: spec.roleId,
    restrictObjectType: null,
    createdAt: now,
  })
  return group
}
