import type { Acl, AclItem, AclObjectType, Permission, Plan } from '@gatehouse/client'

/*
 * The permission grid's pure side: which ACLs each checkbox stands for, ACLs → grid state, and
 * (current ACLs, desired grid state) → the one batch_update that gets there. Nothing here talks
 * to the API, so the mapping can be tested table-driven.
 */

/** Whose permissions the grid shows: a group, or a user / service account (direct grants). */
export type GridSubject =
  | { readonly kind: 'group'; readonly id: string }
  | { readonly kind: 'user'; readonly id: string }

export const ORG_CELLS = [
  'manage_settings',
  'manage_members',
  'remove_members',
  'manage_access',
  'read_audit_logs',
] as const
export type OrgCell = (typeof ORG_CELLS)[number]

export const PROJECT_CELLS = ['read', 'create', 'update', 'delete', 'manage_access'] as const
export type ProjectCell = (typeof PROJECT_CELLS)[number]

export const ORG_CELL_LABELS: Readonly<Record<OrgCell, string>> = {
  manage_settings: 'Manage settings',
  manage_members: 'Manage members',
  remove_members: 'Remove members',
  manage_access: 'Manage access',
  read_audit_logs: 'Read audit logs',
}

export const PROJECT_CELL_LABELS: Readonly<Record<ProjectCell, string>> = {
  read: 'Read',
  create: 'Create',
  update: 'Update',
  delete: 'Delete',
  manage_access: 'Manage access',
}

const ACL_PERMISSIONS = [
  'create_acls',
  'read_acls',
  'update_acls',
  'delete_acls',
] as const satisfies readonly Permission[]

interface Grant {
  readonly objectType: AclObjectType
  readonly permission: Permission
}

/** What each Organization cell grants; its object is always the organization's id. */
export const ORG_CELL_GRANTS: Readonly<Record<OrgCell, readonly Grant[]>> = {
  manage_settings: [{ objectType: 'organization', permission: 'update' }],
  manage_members: [{ objectType: 'org_member', permission: 'create' }],
  remove_members: [{ objectType: 'org_member', permission: 'delete' }],
  manage_access: ACL_PERMISSIONS.map((permission) => ({
    objectType: 'organization' as const,
    permission,
  })),
  read_audit_logs: [{ objectType: 'org_audit_logs', permission: 'read' }],
}

/** The permissions of a project cell (on `org_project` for All projects, else on the project). */
export const PROJECT_CELL_PERMISSIONS: Readonly<Record<ProjectCell, readonly Permission[]>> = {
  read: ['read'],
  create: ['create'],
  update: ['update'],
  delete: ['delete'],
  manage_access: ACL_PERMISSIONS,
}

export interface GridState {
  readonly org: ReadonlySet<OrgCell>
  readonly allProjects: ReadonlySet<ProjectCell>
  /** Project id → its checked cells; a project with a row but nothing checked maps to ∅. */
  readonly projects: ReadonlyMap<string, ReadonlySet<ProjectCell>>
}

export interface GridFromAcls {
  readonly state: GridState
  /** The subject's ACLs that no checkbox stands for: shown read-only, never dropped. */
  readonly unshown: readonly Acl[]
}

export interface AclDiff {
  readonly add_acls: AclItem[]
  readonly remove_acls: AclItem[]
}

export function emptyGrid(): GridState {
  return { org: new Set(), allProjects: new Set(), projects: new Map() }
}

function isSubject(acl: Acl, subject: GridSubject): boolean {
  return subject.kind === 'group'
    ? acl.group_id === subject.id && acl.user_id === null
    : acl.user_id === subject.id && acl.group_id === null
}

/** The ACLs a grid can show: a plain permission, no role, no restriction, the subject's own. */
function isPlain(acl: Acl, subject: GridSubject): acl is Acl & { permission: Permission } {
  return (
    isSubject(acl, subject) &&
    acl.permission !== null &&
    acl.role_id === null &&
    acl.restrict_object_type === null
  )
}

function key(objectType: AclObjectType, objectId: string, permission: Permission): string {
  return `${objectType}/${objectId}/${permission}`
}

/** The grants of every cell of a grid, as (object type, object id, permission) triples. */
function cellGrants(orgId: string) {
  const org = ORG_CELLS.map((cell) => ({
    cell,
    grants: ORG_CELL_GRANTS[cell].map((g) => ({ ...g, objectId: orgId })),
  }))
  const project = (objectType: 'org_project' | 'project', objectId: string) =>
    PROJECT_CELLS.map((cell) => ({
      cell,
      grants: PROJECT_CELL_PERMISSIONS[cell].map((permission) => ({
        objectType,
        objectId,
        permission,
      })),
    }))
  return { org, project }
}

/**
 * Reads the subject's ACLs into grid state. A cell is checked when every ACL it stands for is
 * there; ACLs no checked cell accounts for (roles, restrictions, other objects, half of a
 * Manage access) go to `unshown`. Every project with a plain grant gets a row.
 */
export function aclsToGrid(
  acls: readonly Acl[],
  subject: GridSubject,
  orgId: string,
): GridFromAcls {
  const plain = new Map<string, Acl>()
  for (const acl of acls) {
    if (isPlain(acl, subject)) {
      plain.set(key(acl.object_type, acl.object_id, acl.permission), acl)
    }
  }
  const used = new Set<string>()
  const { org: orgCells, project } = cellGrants(orgId)
  const take = (
    grants: readonly { objectType: AclObjectType; objectId: string; permission: Permission }[],
  ) => {
    const keys = grants.map((g) => key(g.objectType, g.objectId, g.permission))
    if (keys.every((k) => plain.has(k))) {
      for (const k of keys) {
        used.add(k)
      }
      return true
    }
    return false
  }

  const org = new Set<OrgCell>()
  for (const { cell, grants } of orgCells) {
    if (take(grants)) {
      org.add(cell)
    }
  }
  const allProjects = new Set<ProjectCell>()
  for (const { cell, grants } of project('org_project', orgId)) {
    if (take(grants)) {
      allProjects.add(cell)
    }
  }
  const projects = new Map<string, Set<ProjectCell>>()
  const projectIds = new Set(
    [...plain.values()].filter((a) => a.object_type === 'project').map((a) => a.object_id),
  )
  for (const projectId of projectIds) {
    const cells = new Set<ProjectCell>()
    for (const { cell, grants } of project('project', projectId)) {
      if (take(grants)) {
        cells.add(cell)
      }
    }
    projects.set(projectId, cells)
  }

  const unshown = acls.filter(
    (acl) =>
      !(isPlain(acl, subject) && used.has(key(acl.object_type, acl.object_id, acl.permission))),
  )
  return { state: { org, allProjects, projects }, unshown }
}

function item(
  subject: GridSubject,
  grant: { objectType: AclObjectType; objectId: string; permission: Permission },
): AclItem {
  return {
    object_type: grant.objectType,
    object_id: grant.objectId,
    ...(subject.kind === 'group' ? { group_id: subject.id } : { user_id: subject.id }),
    permission: grant.permission,
  }
}

/**
 * The batch_update that turns the subject's current ACLs into the desired grid: a newly checked
 * cell adds the ACLs it lacks; a cell checked before and unchecked now removes all of its ACLs.
 * ACLs the grid does not show are never touched.
 */
export function gridDiff(
  acls: readonly Acl[],
  desired: GridState,
  subject: GridSubject,
  orgId: string,
): AclDiff {
  const current = aclsToGrid(acls, subject, orgId).state
  const held = new Set<string>()
  for (const acl of acls) {
    if (isPlain(acl, subject)) {
      held.add(key(acl.object_type, acl.object_id, acl.permission))
    }
  }
  const add: AclItem[] = []
  const remove: AclItem[] = []
  const apply = (
    was: boolean,
    now: boolean,
    grants: readonly { objectType: AclObjectType; objectId: string; permission: Permission }[],
  ) => {
    if (now && !was) {
      for (const g of grants) {
        if (!held.has(key(g.objectType, g.objectId, g.permission))) {
          add.push(item(subject, g))
        }
      }
    } else if (was && !now) {
      for (const g of grants) {
        remove.push(item(subject, g))
      }
    }
  }
  const { org: orgCells, project } = cellGrants(orgId)
  for (const { cell, grants } of orgCells) {
    apply(current.org.has(cell), desired.org.has(cell), grants)
  }
  for (const { cell, grants } of project('org_project', orgId)) {
    apply(current.allProjects.has(cell), desired.allProjects.has(cell), grants)
  }
  const projectIds = new Set([...current.projects.keys(), ...desired.projects.keys()])
  for (const projectId of projectIds) {
    for (const { cell, grants } of project('project', projectId)) {
      apply(
        current.projects.get(projectId)?.has(cell) ?? false,
        desired.projects.get(projectId)?.has(cell) ?? false,
        grants,
      )
    }
  }
  return { add_acls: add, remove_acls: remove }
}

export function diffIsEmpty(diff: AclDiff): boolean {
  return diff.add_acls.length === 0 && diff.remove_acls.length === 0
}

/** A copy of `state` with one cell flipped. */
export function toggleCell(
  state: GridState,
  area:
    | { readonly kind: 'org'; readonly cell: OrgCell }
    | {
        readonly kind: 'allProjects'
        readonly cell: ProjectCell
      }
    | { readonly kind: 'project'; readonly projectId: string; readonly cell: ProjectCell },
): GridState {
  const flip = <T>(set: ReadonlySet<T>, value: T): Set<T> => {
    const next = new Set(set)
    if (next.has(value)) {
      next.delete(value)
    } else {
      next.add(value)
    }
    return next
  }
  if (area.kind === 'org') {
    return { ...state, org: flip(state.org, area.cell) }
  }
  if (area.kind === 'allProjects') {
    return { ...state, allProjects: flip(state.allProjects, area.cell) }
  }
  const projects = new Map(state.projects)
  projects.set(area.projectId, flip(state.projects.get(area.projectId) ?? new Set(), area.cell))
  return { ...state, projects }
}

/** A copy of `state` with a (still empty) row for a project. */
export function addProjectRow(state: GridState, projectId: string): GridState {
  if (state.projects.has(projectId)) {
    return state
  }
  const projects = new Map(state.projects)
  projects.set(projectId, new Set())
  return { ...state, projects }
}

/**
 * Why project rows are off for this subject on this plan, or undefined when they are allowed.
 * Mirrors core's PLAN_FEATURES.projectGroupGrants (the server refuses regardless).
 */
export function projectRowsDisabledReason(plan: Plan, subject: GridSubject): string | undefined {
  if (subject.kind === 'group' && plan !== 'enterprise') {
    return 'Project-level permissions for groups require the Enterprise plan'
  }
  return undefined
}

/** One line for an ACL the grid cannot show, e.g. "Role … on project …". */
export function describeAcl(acl: Acl, names: (type: AclObjectType, id: string) => string): string {
  const what =
    acl.permission !== null
      ? acl.permission
      : `role ${acl.role_id === null ? '' : names('role', acl.role_id)}`.trim()
  const restrict = acl.restrict_object_type === null ? '' : ` (only ${acl.restrict_object_type})`
  return `${what}${restrict} on ${acl.object_type} ${names(acl.object_type, acl.object_id)}`
}
