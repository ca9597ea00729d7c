import type { AccessExplanation, AclObjectType, Permission } from '@gatehouse/client'
import { ALL_PERMISSIONS } from '../../../permissions.js'

/** Names for the ids an explanation mentions. */
export interface ExplainNames {
  readonly orgName: string
  readonly project: (id: string) => string | undefined
  readonly group: (id: string) => string | undefined
  readonly role: (id: string) => string | undefined
}

export interface GrantRow {
  readonly key: string
  readonly permission: Permission
  /** Where the ACL sits: "Organization acme", "Project Alpha". */
  readonly where: string
  /** The groups from the one the person is in up to the one the ACL names; empty: direct. */
  readonly groups: readonly string[]
  /** The roles from the one the ACL names down to the permission; empty: a plain permission. */
  readonly roles: readonly string[]
  readonly restrictedTo: AclObjectType | null
}

const OBJECT_WORDS: Partial<Record<AclObjectType, string>> = {
  organization: 'Organization',
  project: 'Project',
  org_project: 'All projects of',
  group: 'Group',
  role: 'Role',
  org_member: 'Members of',
  org_audit_logs: 'Audit log of',
}

function short(id: string): string {
  return `(deleted ${id.slice(0, 8)})`
}

/** "Organization acme", "Project Alpha": where an ACL sits, in words. */
export function whereLabel(type: AclObjectType, id: string, names: ExplainNames): string {
  const word = OBJECT_WORDS[type] ?? type
  if (
    type === 'organization' ||
    type === 'org_project' ||
    type === 'org_member' ||
    type === 'org_audit_logs'
  ) {
    return `${word} ${names.orgName}`
  }
  if (type === 'project') {
    return `${word} ${names.project(id) ?? short(id)}`
  }
  if (type === 'group') {
    return `${word} ${names.group(id) ?? short(id)}`
  }
  if (type === 'role') {
    return `${word} ${names.role(id) ?? short(id)}`
  }
  return `${word} ${short(id)}`
}

/** The grants of an explanation as table rows, by permission in the API's order. */
export function explainRows(explanation: AccessExplanation, names: ExplainNames): GrantRow[] {
  const order = (p: Permission) => ALL_PERMISSIONS.indexOf(p)
  return explanation.grants
    .map((g, index) => ({
      key: `${g.acl_id}:${g.permission}:${index}`,
      permission: g.permission,
      where: whereLabel(g.acl_object_type, g.acl_object_id, names),
      groups: g.group_path.map((id) => names.group(id) ?? short(id)),
      roles: g.role_path.map((id) => names.role(id) ?? short(id)),
      restrictedTo: g.restrict_object_type,
    }))
    .sort((a, b) => order(a.permission) - order(b.permission))
}

/** Each permission with whether it is held and how many grants give it. */
export function permissionSummary(
  explanation: AccessExplanation,
): { permission: Permission; held: boolean; grants: number }[] {
  const held = new Set(explanation.permissions)
  return ALL_PERMISSIONS.map((permission) => ({
    permission,
    held: held.has(permission),
    grants: explanation.grants.filter((g) => g.permission === permission).length,
  }))
}
