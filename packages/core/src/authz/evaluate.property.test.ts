import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  OBJECT_TYPES,
  type ObjectType,
  PERMISSIONS,
  type Permission,
  PROJECT_CHILD_TYPES,
} from '../model/catalog.js'
import type { Acl } from '../model/entities.js'
import { referenceEffective, referenceGrants } from '../testing/reference-evaluator.js'
import { Evaluator } from './evaluate.js'
import { SYSTEM_ROLE_IDS, SYSTEM_ROLES } from './system-roles.js'
import type { Target } from './target.js'
import { type AuthzWorld, buildWorld } from './world.js'

/*
 * The evaluator against a brute-force reference over random worlds. Ids come from small pools so
 * that the same id shows up under several object types, in several projects and as dangling
 * references (ids past the generated count name groups, roles and projects that do not exist).
 *
 * Replay a failure: GATEHOUSE_PROPERTY_SEED=<seed> GATEHOUSE_PROPERTY_PATH=<path> npx vitest run …
 * More worlds: GATEHOUSE_PROPERTY_RUNS=10000.
 */

const ORG = 'org-main'
const OTHER_ORG = 'org-other'
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4'] as const
/** Named by ACLs and groups, never a member. */
const STRANGER = 'u-stranger'
const MAX_GROUPS = 8
const MAX_ROLES = 6
const MAX_PROJECTS = 4
const GROUP_IDS = Array.from({ length: MAX_GROUPS }, (_, i) => `g${i}`)
const ROLE_IDS = Array.from({ length: MAX_ROLES }, (_, i) => `r${i}`)
const PROJECT_IDS = Array.from({ length: MAX_PROJECTS }, (_, i) => `p${i}`)
const SYSTEM_IDS = Object.values(SYSTEM_ROLE_IDS)
/** Child ids are shared across child types on purpose: type confusion must not leak grants. */
const CHILD_IDS = ['c0', 'c1'] as const
const DATA_CHILD_TYPES = PROJECT_CHILD_TYPES.filter((t) => t !== 'project_log')
const PSEUDO_TYPES = ['org_project', 'org_member', 'org_audit_logs'] as const

const numRuns = Number(process.env.GATEHOUSE_PROPERTY_RUNS ?? 1000)
const seedEnv = process.env.GATEHOUSE_PROPERTY_SEED
const pathEnv = process.env.GATEHOUSE_PROPERTY_PATH
const runParams = {
  numRuns,
  verbose: fc.VerbosityLevel.Verbose,
  ...(seedEnv === undefined ? {} : { seed: Number(seedEnv) }),
  ...(pathEnv === undefined ? {} : { path: pathEnv }),
}

interface GroupSpec {
  readonly memberUsers: string[]
  readonly memberGroups: string[]
}

interface RoleSpec {
  readonly memberPermissions: { permission: Permission; restrictObjectType: ObjectType | null }[]
  readonly memberRoles: string[]
}

interface AclSpec {
  readonly object: readonly [ObjectType, string]
  readonly subject: { userId: string } | { groupId: string }
  readonly grant:
    | { permission: Permission; restrictObjectType: ObjectType | null }
    | { roleId: string }
}

interface WorldSpec {
  readonly members: string[]
  readonly groupCount: number
  readonly roleCount: number
  readonly projectCount: number
  /** Most worlds keep member_groups/member_roles acyclic, as writes enforce; some do not. */
  readonly cyclic: boolean
  readonly groups: GroupSpec[]
  readonly roles: RoleSpec[]
  readonly acls: AclSpec[]
}

const restrictArb = fc.option(fc.constantFrom(...OBJECT_TYPES), { nil: null, freq: 2 })
const grantArb = fc.record({
  permission: fc.constantFrom(...PERMISSIONS),
  restrictObjectType: restrictArb,
})

const orgLevelObjects: [ObjectType, string][] = [
  ['organization', ORG],
  ...PSEUDO_TYPES.map((t): [ObjectType, string] => [t, ORG]),
]
const projectObjects: [ObjectType, string][] = PROJECT_IDS.flatMap((p): [ObjectType, string][] => [
  ['project', p],
  ['project_log', p],
])
const childObjects: [ObjectType, string][] = DATA_CHILD_TYPES.flatMap((t) =>
  CHILD_IDS.map((c): [ObjectType, string] => [t, c]),
)
const managedObjects: [ObjectType, string][] = [
  ...GROUP_IDS.map((g): [ObjectType, string] => ['group', g]),
  ...[...ROLE_IDS, ...SYSTEM_IDS].map((r): [ObjectType, string] => ['role', r]),
]
/** ACLs that sit in another org, or on an id of the wrong type, must never count. */
const strayObjects: [ObjectType, string][] = [
  ['organization', OTHER_ORG],
  ['org_project', OTHER_ORG],
  ['project', 'c0'],
  ['experiment', 'p0'],
  ['group', ORG],
]

const aclArb: fc.Arbitrary<AclSpec> = fc.record({
  object: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...orgLevelObjects) },
    { weight: 4, arbitrary: fc.constantFrom(...projectObjects) },
    { weight: 3, arbitrary: fc.constantFrom(...childObjects) },
    { weight: 2, arbitrary: fc.constantFrom(...managedObjects) },
    { weight: 1, arbitrary: fc.constantFrom(...strayObjects) },
  ),
  subject: fc.oneof(
    { weight: 2, arbitrary: fc.record({ userId: fc.constantFrom(...USERS, STRANGER) }) },
    { weight: 3, arbitrary: fc.record({ groupId: fc.constantFrom(...GROUP_IDS, 'g-gone') }) },
  ),
  grant: fc.oneof(
    { weight: 3, arbitrary: grantArb },
    {
      weight: 2,
      arbitrary: fc.record({ roleId: fc.constantFrom(...ROLE_IDS, ...SYSTEM_IDS, 'r-gone') }),
    },
  ),
})

const worldSpecArb: fc.Arbitrary<WorldSpec> = fc.record({
  // Mostly members: a world where nobody belongs decides nothing interesting.
  members: fc
    .tuple(...USERS.map(() => fc.nat(9)))
    .map((rolls) => USERS.filter((_, i) => (rolls[i] ?? 0) < 8)),
  groupCount: fc.integer({ min: 0, max: MAX_GROUPS }),
  roleCount: fc.integer({ min: 0, max: MAX_ROLES }),
  projectCount: fc.integer({ min: 0, max: MAX_PROJECTS }),
  cyclic: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))),
  groups: fc.array(
    fc.record({
      memberUsers: fc.subarray([...USERS, STRANGER], { minLength: 1, maxLength: 3 }),
      memberGroups: fc.subarray([...GROUP_IDS, 'g-gone'], { maxLength: 3 }),
    }),
    { minLength: MAX_GROUPS, maxLength: MAX_GROUPS },
  ),
  roles: fc.array(
    fc.record({
      memberPermissions: fc.array(grantArb, { maxLength: 4 }),
      memberRoles: fc.subarray([...ROLE_IDS, ...SYSTEM_IDS, 'r-gone'], { maxLength: 3 }),
    }),
    { minLength: MAX_ROLES, maxLength: MAX_ROLES },
  ),
  acls: fc.array(aclArb, { minLength: 2, maxLength: 24, size: 'medium' }),
})

/** In acyclic worlds an entity may only point at lower indexes (or at ids that do not exist). */
function keepEdge(cyclic: boolean, pool: readonly string[], count: number, from: number) {
  return (to: string): boolean => {
    const index = pool.indexOf(to)
    return cyclic || index < 0 || index < from || index >= count
  }
}

function toWorld(spec: WorldSpec): AuthzWorld {
  const groups = spec.groups.slice(0, spec.groupCount).map((g, i) => ({
    id: GROUP_IDS[i] as string,
    memberUsers: g.memberUsers,
    memberGroups: g.memberGroups.filter(keepEdge(spec.cyclic, GROUP_IDS, spec.groupCount, i)),
  }))
  const roles = spec.roles.slice(0, spec.roleCount).map((r, i) => ({
    id: ROLE_IDS[i] as string,
    memberPermissions: r.memberPermissions,
    memberRoles: r.memberRoles.filter(keepEdge(spec.cyclic, ROLE_IDS, spec.roleCount, i)),
  }))
  const acls: Acl[] = spec.acls.map((a, i) => ({
    id: `acl${i}`,
    orgId: a.object[1] === OTHER_ORG ? OTHER_ORG : ORG,
    createdAt: i,
    objectType: a.object[0],
    objectId: a.object[1],
    userId: 'userId' in a.subject ? a.subject.userId : null,
    groupId: 'groupId' in a.subject ? a.subject.groupId : null,
    permission: 'permission' in a.grant ? a.grant.permission : null,
    restrictObjectType: 'permission' in a.grant ? a.grant.restrictObjectType : null,
    roleId: 'roleId' in a.grant ? a.grant.roleId : null,
  }))
  return buildWorld({
    orgId: ORG,
    plan: 'enterprise',
    members: spec.members,
    groups,
    roles: [...SYSTEM_ROLES, ...roles],
    acls,
  })
}

/** Every object of the world: org, pseudo objects, projects, children with and without project. */
function targetsOf(spec: WorldSpec): Target[] {
  const projects = PROJECT_IDS.slice(0, spec.projectCount)
  const targets: Target[] = [
    { objectType: 'organization', objectId: ORG },
    ...PSEUDO_TYPES.map((t): Target => ({ objectType: t, objectId: ORG })),
  ]
  for (const p of projects) {
    targets.push(
      { objectType: 'project', objectId: p },
      { objectType: 'project_log', objectId: p },
      { objectType: 'project_log', objectId: p, projectId: p },
    )
  }
  for (const type of DATA_CHILD_TYPES) {
    for (const c of CHILD_IDS) {
      targets.push({ objectType: type, objectId: c })
      targets.push({ objectType: type, objectId: c, projectId: null })
      for (const p of projects) {
        targets.push({ objectType: type, objectId: c, projectId: p })
      }
    }
  }
  for (const g of [...GROUP_IDS.slice(0, spec.groupCount), 'g-gone']) {
    targets.push({ objectType: 'group', objectId: g })
  }
  for (const r of [...ROLE_IDS.slice(0, spec.roleCount), ...SYSTEM_IDS]) {
    targets.push({ objectType: 'role', objectId: r })
  }
  return targets
}

/** Why a grant source cannot be right, or null when it is well-formed for this user and ACL. */
function sourceDefect(
  world: AuthzWorld,
  userId: string,
  source: ReturnType<Evaluator['explain']>[number],
): string | null {
  const acl = world.acls.find((a) => a.id === source.aclId)
  if (acl === undefined) {
    return 'names an ACL that is not in the world'
  }
  if (acl.objectType !== source.aclObjectType || acl.objectId !== source.aclObjectId) {
    return 'misreports where the ACL sits'
  }
  if (acl.userId !== null) {
    if (acl.userId !== userId || source.groupPath.length > 0) {
      return 'direct grant to another user, or with a group path'
    }
  } else {
    const path = source.groupPath
    const first = world.groups.get(path[0] ?? '')
    if (first === undefined || !first.memberUsers.includes(userId)) {
      return 'group path does not start at a group the user is directly in'
    }
    for (let i = 1; i < path.length; i++) {
      const group = world.groups.get(path[i] ?? '')
      if (group === undefined || !group.memberGroups.includes(path[i - 1] ?? '')) {
        return 'group path is not a chain of member_groups'
      }
    }
    if (path[path.length - 1] !== acl.groupId) {
      return 'group path does not end at the ACL group'
    }
  }
  if (acl.permission !== null) {
    if (
      source.rolePath.length > 0 ||
      source.permission !== acl.permission ||
      source.restrictObjectType !== acl.restrictObjectType
    ) {
      return 'direct permission misreported'
    }
    return null
  }
  const path = source.rolePath
  if (path[0] !== acl.roleId) {
    return 'role path does not start at the ACL role'
  }
  for (let i = 1; i < path.length; i++) {
    if (!world.roles.get(path[i - 1] ?? '')?.memberRoles.includes(path[i] ?? '')) {
      return 'role path is not a chain of member_roles'
    }
  }
  const holder = world.roles.get(path[path.length - 1] ?? '')
  const held = holder?.memberPermissions.some(
    (g) => g.permission === source.permission && g.restrictObjectType === source.restrictObjectType,
  )
  return held === true ? null : 'the last role of the path does not hold the permission'
}

function key(values: Iterable<string>): string {
  return [...values].sort().join(' ')
}

/** Compares one user and target; returns what differs, or null. */
function disagreement(
  world: AuthzWorld,
  ev: Evaluator,
  userId: string,
  target: Target,
): Record<string, unknown> | null {
  const expected = referenceEffective(world, userId, target)
  const actual = ev.effective(userId, target)
  if (key(actual) !== key(expected)) {
    return { check: 'effective', userId, target, actual: key(actual), expected: key(expected) }
  }
  // `has` is the decision path's own walk (stops at the first grant): every permission agrees.
  for (const permission of PERMISSIONS) {
    if (ev.has(userId, permission, target) !== expected.has(permission)) {
      return { check: `has(${permission})`, userId, target }
    }
  }
  const sources = ev.explain(userId, target)
  for (const source of sources) {
    const defect = sourceDefect(world, userId, source)
    if (defect !== null) {
      return { check: 'explain', userId, target, source, defect }
    }
  }
  if (key(new Set(sources.map((s) => s.permission))) !== key(actual)) {
    return { check: 'explain covers effective', userId, target }
  }
  // Not just the same permissions: the same ACLs give them.
  const explained = key(new Set(sources.map((s) => `${s.aclId}:${s.permission}`)))
  const reference = key(
    new Set(referenceGrants(world, userId, target).map((g) => `${g.aclId}:${g.permission}`)),
  )
  if (explained !== reference) {
    return { check: 'explain pairs', userId, target, explained, reference }
  }
  return null
}

describe('Evaluator agrees with the brute-force reference', () => {
  // The timeout scales with GATEHOUSE_PROPERTY_RUNS: about 4 ms a world on a slow core.
  it(
    `on random worlds, for every user and object, with explanations (${numRuns} worlds)`,
    () => {
      fc.assert(
        fc.property(worldSpecArb, (spec) => {
          const world = toWorld(spec)
          const ev = new Evaluator(world)
          const targets = targetsOf(spec)
          for (const userId of [...USERS, STRANGER]) {
            for (const target of targets) {
              expect(disagreement(world, ev, userId, target)).toBeNull()
            }
            const onOrg = referenceEffective(world, userId, {
              objectType: 'organization',
              objectId: ORG,
            })
            expect({ userId, isOwner: ev.isOwner(userId) }).toEqual({
              userId,
              isOwner: PERMISSIONS.every((p) => onOrg.has(p)),
            })
          }
        }),
        runParams,
      )
    },
    Math.max(30_000, numRuns * 15),
  )
})
