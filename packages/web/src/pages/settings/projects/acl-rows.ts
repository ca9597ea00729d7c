import type { Acl, AclItem, Plan } from '@gatehouse/client'

export type SubjectKind = 'group' | 'member' | 'service account'

export interface AclRow {
  readonly id: string
  readonly subject: string
  readonly subjectKind: SubjectKind
  /** The permission or the role's name. */
  readonly grant: string
  readonly isRole: boolean
  readonly restrictedTo: string | null
}

/** What the rows need to name subjects and roles. */
export interface AclNames {
  readonly group: (id: string) => string | undefined
  /** A member or service account, with its kind; undefined when no longer a member. */
  readonly user: (id: string) => { name: string; serviceAccount: boolean } | undefined
  readonly role: (id: string) => string | undefined
}

function gone(id: string): string {
  return `(removed ${id.slice(0, 8)})`
}

/** The ACLs on a project as rows of subject × permission or role, groups first, then by name. */
export function aclRows(acls: readonly Acl[], names: AclNames): AclRow[] {
  const kindOrder: Record<SubjectKind, number> = { group: 0, member: 1, 'service account': 2 }
  return acls
    .map((acl): AclRow => {
      let subject: string
      let subjectKind: SubjectKind
      if (acl.group_id !== null) {
        subject = names.group(acl.group_id) ?? gone(acl.group_id)
        subjectKind = 'group'
      } else {
        const userId = acl.user_id ?? ''
        const user = names.user(userId)
        subject = user?.name ?? gone(userId)
        subjectKind = user?.serviceAccount === true ? 'service account' : 'member'
      }
      const isRole = acl.role_id !== null
      const grant = isRole
        ? (names.role(acl.role_id ?? '') ?? gone(acl.role_id ?? ''))
        : (acl.permission ?? '')
      return {
        id: acl.id,
        subject,
        subjectKind,
        grant,
        isRole,
        restrictedTo: acl.restrict_object_type,
      }
    })
    .sort(
      (a, b) =>
        kindOrder[a.subjectKind] - kindOrder[b.subjectKind] ||
        a.subject.localeCompare(b.subject) ||
        a.grant.localeCompare(b.grant),
    )
}

/**
 * Why a group cannot be given access to a project on this plan, or undefined when it can. The
 * server refuses such grants with PLAN_PROJECT_GROUP_GRANTS; saying so before the click spares
 * the user the round trip.
 */
export function groupGrantBlockedReason(plan: Plan): string | undefined {
  return plan === 'enterprise'
    ? undefined
    : 'Project-level permissions for groups require the Enterprise plan. Grant access to members or service accounts instead, or give a group access to all projects from Permission groups.'
}

/** A choice in the "who" select: `group:ID` or `user:ID`. */
export type SubjectChoice = `group:${string}` | `user:${string}`
/** A choice in the "what" select: `permission:NAME` or `role:ID`. */
export type GrantChoice = `permission:${string}` | `role:${string}`

/** The ACL to create on a project from the two selects; undefined until both are chosen. */
export function aclItemFor(projectId: string, subject: string, grant: string): AclItem | undefined {
  const [subjectType, subjectId] = splitChoice(subject)
  const [grantType, grantValue] = splitChoice(grant)
  if (subjectId === '' || grantValue === '') {
    return undefined
  }
  const who =
    subjectType === 'group'
      ? { group_id: subjectId }
      : subjectType === 'user'
        ? { user_id: subjectId }
        : undefined
  if (who === undefined) {
    return undefined
  }
  if (grantType === 'role') {
    return { object_type: 'project', object_id: projectId, ...who, role_id: grantValue }
  }
  if (grantType === 'permission') {
    return {
      object_type: 'project',
      object_id: projectId,
      ...who,
      permission: grantValue as AclItem['permission'],
    }
  }
  return undefined
}

function splitChoice(choice: string): [string, string] {
  const colon = choice.indexOf(':')
  return colon < 0 ? ['', ''] : [choice.slice(0, colon), choice.slice(colon + 1)]
}
