/** The eight permissions of the ACL model, in the order of the reference API. */
export const PERMISSIONS = [
  'create',
  'read',
  'update',
  'delete',
  'create_acls',
  'read_acls',
  'update_acls',
  'delete_acls',
] as const
export type Permission = (typeof PERMISSIONS)[number]

/** Object types that ACLs can name. */
export const OBJECT_TYPES = [
  'organization',
  'project',
  'experiment',
  'dataset',
  'prompt',
  'prompt_session',
  'group',
  'role',
  'org_member',
  'project_log',
  'org_project',
  'org_audit_logs',
] as const
export type ObjectType = (typeof OBJECT_TYPES)[number]

/** Objects that live inside a project, in the data plane; Gatehouse knows them only by id. */
export const PROJECT_CHILD_TYPES = [
  'experiment',
  'dataset',
  'prompt',
  'prompt_session',
  'project_log',
] as const satisfies readonly ObjectType[]
export type ProjectChildType = (typeof PROJECT_CHILD_TYPES)[number]

/**
 * Child objects whose ids are the data plane's own, any string (slugs, integers): Gatehouse
 * stores no row for them, so nothing requires a UUID. `project_log`'s id is its project's.
 */
export const DATA_PLANE_ID_TYPES = [
  'experiment',
  'dataset',
  'prompt',
  'prompt_session',
] as const satisfies readonly ProjectChildType[]

export function hasDataPlaneId(value: string): boolean {
  return (DATA_PLANE_ID_TYPES as readonly string[]).includes(value)
}

/**
 * Org-wide pseudo-objects: their object id is the organization's id. `org_member` is the member
 * list, `org_project` "all projects", `org_audit_logs` the audit log.
 */
export const ORG_PSEUDO_TYPES = [
  'org_member',
  'org_project',
  'org_audit_logs',
] as const satisfies readonly ObjectType[]

export const PLANS = ['starter', 'pro', 'enterprise'] as const
export type Plan = (typeof PLANS)[number]

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value)
}

export function isObjectType(value: string): value is ObjectType {
  return (OBJECT_TYPES as readonly string[]).includes(value)
}

export function isProjectChildType(value: ObjectType): value is ProjectChildType {
  return (PROJECT_CHILD_TYPES as readonly string[]).includes(value)
}

export function isOrgPseudoType(value: ObjectType): boolean {
  return (ORG_PSEUDO_TYPES as readonly string[]).includes(value)
}
