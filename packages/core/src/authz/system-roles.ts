import { PERMISSIONS } from '../model/catalog.js'
import type { Role } from '../model/entities.js'

/**
 * The system roles (org_id null): the same fixed ids on every installation, so an ACL naming
 * the Owner role means the same thing everywhere. Read-only.
 */
export const SYSTEM_ROLE_IDS = {
  owner: '00000000-0000-4000-8000-000000000001',
  engineer: '00000000-0000-4000-8000-000000000002',
  viewer: '00000000-0000-4000-8000-000000000003',
} as const

function systemRole(
  id: string,
  name: string,
  description: string,
  permissions: readonly string[],
): Role {
  return {
    id,
    orgId: null,
    userId: null,
    name,
    description,
    memberPermissions: PERMISSIONS.filter((p) => permissions.includes(p)).map((permission) => ({
      permission,
      restrictObjectType: null,
    })),
    memberRoles: [],
    createdAt: 0,
    deletedAt: null,
  }
}

export const SYSTEM_ROLES: readonly Role[] = [
  systemRole(SYSTEM_ROLE_IDS.owner, 'Owner', 'Every permission', PERMISSIONS),
  systemRole(SYSTEM_ROLE_IDS.engineer, 'Engineer', 'Create, read, update and delete', [
    'create',
    'read',
    'update',
    'delete',
  ]),
  systemRole(SYSTEM_ROLE_IDS.viewer, 'Viewer', 'Read only', ['read']),
]

export function findSystemRole(id: string): Role | undefined {
  return SYSTEM_ROLES.find((role) => role.id === id)
}
