import {
  BUILTIN_GROUPS,
  type BuiltinGroup,
  type ObjectType,
  type Permission,
  PLAN_FEATURES,
  type Plan,
  SYSTEM_ROLE_IDS,
} from '@gatehouse/core'
import type { Prng } from './prng.js'
import type { RowBuffer } from './row-buffer.js'
import type { SampleCheck } from './world-sample.js'
import { BASE_TIME } from './world-spec.js'

const CHILD_TYPES = ['experiment', 'dataset', 'prompt'] as const
const PROJECT_PERMISSIONS: readonly Permission[] = ['read', 'update', 'create', 'delete']

/** A data-plane object inside a project: Gatehouse knows it only from the ACLs that name it. */
export interface ChildObject {
  readonly type: (typeof CHILD_TYPES)[number]
  readonly id: string
  readonly projectId: string
}

/** What the org's keys and checks are drawn against. */
export interface OrgAccess {
  readonly projects: readonly string[]
  readonly children: readonly ChildObject[]
  /** Projects each person holds a direct grant on (checks lean towards them). */
  readonly grantsByUser: ReadonlyMap<string, readonly string[]>
  /** A member outside Owners whose first ACL is `grant`: an answer the world fixes. */
  readonly probe?: { readonly userId: string; readonly grant: SampleCheck }
}

interface Input {
  readonly rng: Prng
  readonly out: RowBuffer
  readonly orgId: string
  readonly plan: Plan
  /** Member ids; the first is the org's owner. */
  readonly members: readonly string[]
  readonly projects: number
  readonly acls: number
}

function distinct(rng: Prng, from: readonly string[], count: number): string[] {
  const picked = new Set<string>()
  const want = Math.min(count, from.length)
  while (picked.size < want) {
    picked.add(rng.pick(from))
  }
  return [...picked]
}

/**
 * One org's projects, groups (built-in, and on Enterprise nested teams ⊂ departments ⊂
 * divisions), custom roles that inherit other roles, and exactly `acls` ACLs mixing user and
 * group grants of permissions and roles on the org, its projects and objects in them.
 */
export function generateOrgAccess(input: Input): OrgAccess {
  const { rng, out, orgId, plan, members } = input
  const at = BASE_TIME
  const owner = members[0] as string
  let aclCount = 0
  const acl = (
    objectType: ObjectType,
    objectId: string,
    who: { userId?: string; groupId?: string },
    what: { permission?: Permission; roleId?: string; restrict?: ObjectType | null },
  ): void => {
    out.push('acls', [
      rng.uuid(),
      orgId,
      objectType,
      objectId,
      who.userId ?? null,
      who.groupId ?? null,
      what.permission ?? null,
      what.roleId ?? null,
      what.restrict ?? null,
      at,
    ])
    aclCount++
  }

  const projects: string[] = []
  for (let k = 0; k < input.projects; k++) {
    const id = rng.uuid()
    projects.push(id)
    out.push('projects', [id, orgId, `project-${k}`, owner, at + k])
  }
  const children: ChildObject[] = projects.flatMap((projectId) =>
    [0, 1].map(() => ({ type: rng.pick(CHILD_TYPES), id: rng.uuid(), projectId })),
  )

  const group = (name: string, builtin: BuiltinGroup | null, users: readonly string[]) => {
    const id = rng.uuid()
    out.push('groups', [id, orgId, null, name, null, builtin, at])
    users.forEach((userId, position) => {
      out.push('group_users', [id, userId, position])
    })
    return id
  }
  const share = (p: number) => members.filter((m) => m !== owner && rng.chance(p))
  const ownersGroup = new Set([owner, ...share(0.01)])
  for (const builtin of PLAN_FEATURES[plan].builtinGroups) {
    const spec = BUILTIN_GROUPS[builtin]
    const users =
      builtin === 'owners' ? [...ownersGroup] : share(builtin === 'engineers' ? 0.25 : 0.15)
    const id = group(spec.name, builtin, users)
    acl(spec.objectType, orgId, { groupId: id }, { roleId: spec.roleId })
  }

  const customGroups: string[] = []
  const roles: string[] = [SYSTEM_ROLE_IDS.engineer, SYSTEM_ROLE_IDS.viewer]
  if (PLAN_FEATURES[plan].customGroups) {
    const teams = Array.from({ length: Math.max(1, Math.floor(members.length / 10)) }, (_, t) =>
      group(`Team ${t}`, null, distinct(rng, members, 4 + rng.int(9))),
    )
    const nest = (name: string, parts: readonly string[], per: number): string[] => {
      const parents = Array.from({ length: Math.max(1, Math.ceil(parts.length / per)) }, (_, i) =>
        group(`${name} ${i}`, null, []),
      )
      const positions = new Map<string, number>()
      parts.forEach((part, i) => {
        const homes = new Set([parents[i % parents.length] as string])
        if (rng.chance(0.2)) {
          homes.add(rng.pick(parents))
        }
        for (const parent of homes) {
          const position = positions.get(parent) ?? 0
          positions.set(parent, position + 1)
          out.push('group_member_groups', [parent, part, position])
        }
      })
      return parents
    }
    const departments = nest('Department', teams, 5)
    const divisions = nest('Division', departments, 4)
    customGroups.push(...teams, ...departments, ...divisions)
    roles.push(...customRoles(rng, out, orgId))
  }

  // The probe: a member outside Owners with one direct grant, the org's first non-built-in ACL.
  const outsiders = members.filter((m) => !ownersGroup.has(m))
  let probe: OrgAccess['probe']
  const grantsByUser = new Map<string, string[]>()
  const granted = (userId: string, projectId: string) => {
    const list = grantsByUser.get(userId)
    if (list === undefined) {
      grantsByUser.set(userId, [projectId])
    } else if (list.length < 8) {
      list.push(projectId)
    }
  }
  if (outsiders.length > 0 && aclCount < input.acls) {
    const userId = rng.pick(outsiders)
    const projectId = projects[0] as string
    acl('project', projectId, { userId }, { permission: 'update' })
    granted(userId, projectId)
    probe = {
      userId,
      grant: { permission: 'update', objectType: 'project', objectId: projectId },
    }
  }

  // The mix: 30% group → role on a project (Enterprise), 20% user → permission on a project
  // (a third restricted to an object type), 15% user → role on a project, 15% group →
  // permission on an object in a project (Enterprise), 18% user → role on such an object, 2%
  // org-wide group grants: few, as in real orgs, since each sits on every decision's path.
  const enterprise = customGroups.length > 0
  while (aclCount < input.acls) {
    const r = rng.next()
    const project = rng.pick(projects)
    const child = rng.pick(children)
    const user = rng.pick(members)
    const restrict = rng.chance(1 / 3) ? rng.pick(CHILD_TYPES) : null
    if (enterprise && r < 0.3) {
      acl('project', project, { groupId: rng.pick(customGroups) }, { roleId: rng.pick(roles) })
    } else if (r < 0.5) {
      acl(
        'project',
        project,
        { userId: user },
        { permission: rng.pick(PROJECT_PERMISSIONS), restrict },
      )
      granted(user, project)
    } else if (r < 0.65) {
      acl('project', project, { userId: user }, { roleId: rng.pick(roles) })
      granted(user, project)
    } else if (enterprise && r < 0.8) {
      const groupId = rng.pick(customGroups)
      acl(child.type, child.id, { groupId }, { permission: rng.pick(PROJECT_PERMISSIONS) })
    } else if (r < 0.98) {
      acl(child.type, child.id, { userId: user }, { roleId: rng.pick(roles) })
    } else if (enterprise) {
      const groupId = rng.pick(customGroups)
      acl('org_project', orgId, { groupId }, { permission: rng.pick(['read', 'create'] as const) })
    } else {
      acl(child.type, child.id, { userId: user }, { permission: rng.pick(PROJECT_PERMISSIONS) })
    }
  }
  return { projects, children, grantsByUser, ...(probe === undefined ? {} : { probe }) }
}

/** Three roles of the org, each inheriting the next: Experiment runner → Dataset editor → Viewer. */
function customRoles(rng: Prng, out: RowBuffer, orgId: string): string[] {
  const role = (name: string, grants: [Permission, ObjectType | null][], inherits: string[]) => {
    const id = rng.uuid()
    out.push('roles', [id, orgId, null, name, null, BASE_TIME])
    grants.forEach(([permission, restrict], position) => {
      out.push('role_permissions', [id, position, permission, restrict])
    })
    inherits.forEach((member, position) => {
      out.push('role_roles', [id, member, position])
    })
    return id
  }
  const datasetEditor = role(
    'Dataset editor',
    [
      ['create', 'dataset'],
      ['update', 'dataset'],
    ],
    [SYSTEM_ROLE_IDS.viewer],
  )
  const experimentRunner = role(
    'Experiment runner',
    [
      ['create', 'experiment'],
      ['update', 'experiment'],
    ],
    [datasetEditor],
  )
  const auditor = role(
    'Access auditor',
    [
      ['read', null],
      ['read_acls', null],
    ],
    [],
  )
  return [datasetEditor, experimentRunner, auditor]
}
