import { describe, expect, it } from 'vitest'
import { Evaluator } from '../authz/evaluate.js'
import { SYSTEM_ROLE_IDS, SYSTEM_ROLES } from '../authz/system-roles.js'
import type { Target } from '../authz/target.js'
import { buildWorld } from '../authz/world.js'
import { AppError } from '../errors.js'
import { PERMISSIONS } from '../model/catalog.js'
import type { Acl, AclItem, RolePermission } from '../model/entities.js'
import {
  assertWithinCeiling,
  type Conferral,
  conferralsOfAcl,
  conferralsOfGroup,
  conferralsOfRoleChange,
  inheritsFrom,
} from './grant-ceiling.js'

const ORG = 'org-1'
let seq = 0

function acl(fields: Partial<AclItem>): Acl {
  seq += 1
  return {
    id: `acl-${seq}`,
    orgId: ORG,
    createdAt: seq,
    objectType: 'organization',
    objectId: ORG,
    userId: null,
    groupId: null,
    permission: null,
    roleId: null,
    restrictObjectType: null,
    ...fields,
  }
}

function perm(
  permission: RolePermission['permission'],
  restrictObjectType: RolePermission['restrictObjectType'] = null,
): RolePermission {
  return { permission, restrictObjectType }
}

/** Conferrals as comparable strings: "type:id permission[/restrict]". */
function show(conferrals: readonly Conferral[]): string[] {
  return conferrals
    .map(
      (c) =>
        `${c.target.objectType}:${c.target.objectId} ${c.permission}${c.restrictObjectType === null ? '' : `/${c.restrictObjectType}`}`,
    )
    .sort()
}

const roles = [
  { id: 'R1', memberPermissions: [perm('read')], memberRoles: ['R2'] },
  { id: 'R2', memberPermissions: [perm('update', 'dataset')], memberRoles: ['R3'] },
  { id: 'R3', memberPermissions: [perm('delete')], memberRoles: [] },
  { id: 'other', memberPermissions: [perm('create')], memberRoles: [] },
]
const groups = [
  { id: 'A', memberUsers: ['alice'], memberGroups: ['inner'] },
  { id: 'B', memberUsers: [], memberGroups: ['A'] },
  { id: 'C', memberUsers: [], memberGroups: ['B'] },
  { id: 'inner', memberUsers: [], memberGroups: [] },
  { id: 'side', memberUsers: ['alice'], memberGroups: [] },
]

const aclA = acl({ groupId: 'A', objectType: 'project', objectId: 'p1', permission: 'read' })
const aclB = acl({ groupId: 'B', objectType: 'org_project', objectId: ORG, roleId: 'R2' })
const aclC = acl({
  groupId: 'C',
  objectType: 'organization',
  objectId: ORG,
  permission: 'read_acls',
})
const aclInner = acl({ groupId: 'inner', permission: 'delete' })
const aclSide = acl({ groupId: 'side', permission: 'create' })
const aclUserR1 = acl({ userId: 'bob', objectType: 'project', objectId: 'p2', roleId: 'R1' })
const aclUserR3 = acl({ userId: 'bob', objectType: 'dataset', objectId: 'd1', roleId: 'R3' })
const aclOther = acl({ userId: 'bob', roleId: 'other' })

const ev = new Evaluator(
  buildWorld({
    orgId: ORG,
    plan: 'enterprise',
    members: ['alice', 'bob'],
    groups,
    roles: [...SYSTEM_ROLES, ...roles],
    acls: [aclA, aclB, aclC, aclInner, aclSide, aclUserR1, aclUserR3, aclOther],
  }),
)

describe('conferralsOfAcl', () => {
  it('a permission ACL confers its permission, with its restriction', () => {
    const item = acl({
      objectType: 'project',
      objectId: 'p1',
      permission: 'update',
      restrictObjectType: 'experiment',
    })
    expect(show(conferralsOfAcl(ev, item))).toEqual(['project:p1 update/experiment'])
  })

  it('a role ACL confers every permission of the role and the roles it inherits', () => {
    const item = acl({ objectType: 'project', objectId: 'p1', roleId: 'R1' })
    expect(show(conferralsOfAcl(ev, item))).toEqual([
      'project:p1 delete',
      'project:p1 read',
      'project:p1 update/dataset',
    ])
  })

  it('a system role confers all it holds', () => {
    const item = acl({ roleId: SYSTEM_ROLE_IDS.owner })
    expect(conferralsOfAcl(ev, item).map((c) => c.permission)).toEqual([...PERMISSIONS])
  })

  it('carries the project of a child object into the target', () => {
    const item = acl({ objectType: 'experiment', objectId: 'e1', permission: 'read' })
    expect(conferralsOfAcl(ev, item, 'p1')[0]?.target).toEqual({
      objectType: 'experiment',
      objectId: 'e1',
      projectId: 'p1',
    })
  })

  it('an unknown role confers nothing (the use case refuses it as not found)', () => {
    expect(conferralsOfAcl(ev, acl({ roleId: 'missing' }))).toEqual([])
  })
})

describe('conferralsOfGroup', () => {
  it('joining A confers the grants of A and of every group that contains it, transitively', () => {
    expect(show(conferralsOfGroup(ev, 'A'))).toEqual([
      `org_project:${ORG} delete`,
      `org_project:${ORG} update/dataset`,
      `organization:${ORG} read_acls`,
      'project:p1 read',
    ])
  })

  it('does not confer the grants of groups that A contains, or of unrelated groups', () => {
    const shown = show(conferralsOfGroup(ev, 'A'))
    expect(shown).not.toContain(`organization:${ORG} delete`)
    expect(shown).not.toContain(`organization:${ORG} create`)
  })

  it('joining the outermost group confers only its own grants', () => {
    expect(show(conferralsOfGroup(ev, 'C'))).toEqual([`organization:${ORG} read_acls`])
  })

  it('joining inner confers everything up the chain', () => {
    expect(show(conferralsOfGroup(ev, 'inner'))).toContain(`organization:${ORG} delete`)
    expect(show(conferralsOfGroup(ev, 'inner'))).toContain(`organization:${ORG} read_acls`)
  })
})

describe('conferralsOfRoleChange', () => {
  it('adding to R3 confers it wherever R3 or a role inheriting it is granted', () => {
    const added = [perm('create_acls'), perm('update', 'prompt')]
    expect(show(conferralsOfRoleChange(ev, 'R3', added))).toEqual([
      'dataset:d1 create_acls',
      'dataset:d1 update/prompt',
      `org_project:${ORG} create_acls`,
      `org_project:${ORG} update/prompt`,
      'project:p2 create_acls',
      'project:p2 update/prompt',
    ])
  })

  it('adding to R1 confers only where R1 is granted', () => {
    expect(show(conferralsOfRoleChange(ev, 'R1', [perm('delete_acls')]))).toEqual([
      'project:p2 delete_acls',
    ])
  })

  it('a role that nobody grants confers nothing yet', () => {
    expect(conferralsOfRoleChange(ev, 'unused', [perm('delete')])).toEqual([])
  })
})

describe('inheritsFrom', () => {
  it('follows member_roles transitively, and a role inherits itself', () => {
    expect(inheritsFrom(ev, 'R1', 'R3')).toBe(true)
    expect(inheritsFrom(ev, 'R1', 'R1')).toBe(true)
    expect(inheritsFrom(ev, 'R3', 'R1')).toBe(false)
    expect(inheritsFrom(ev, 'other', 'R3')).toBe(false)
  })
})

describe('assertWithinCeiling', () => {
  function callerWith(acls: Acl[]): Evaluator {
    return new Evaluator(
      buildWorld({
        orgId: ORG,
        plan: 'enterprise',
        members: ['caller'],
        groups: [],
        roles: SYSTEM_ROLES,
        acls: acls.map((a) => ({ ...a, userId: 'caller', groupId: null })),
      }),
    )
  }

  function outcome(caller: Evaluator, conferrals: Conferral[]): string {
    try {
      assertWithinCeiling(caller, 'caller', conferrals)
      return 'allowed'
    } catch (err) {
      if (!(err instanceof AppError)) {
        throw err
      }
      return `${err.code}: ${err.message} ${JSON.stringify(err.details)}`
    }
  }

  const p1 = { objectType: 'project', objectId: 'p1' } as const
  const exceeds = (permission: string, restrict: string | null, target: Target = p1) =>
    `GRANT_EXCEEDS_CALLER: You cannot grant permissions that you do not hold ${JSON.stringify({
      permission,
      object_type: target.objectType,
      object_id: target.objectId,
      restrict_object_type: restrict,
    })}`

  it('an owner may confer anything anywhere', () => {
    const owner = callerWith([acl({ roleId: SYSTEM_ROLE_IDS.owner })])
    const all: Conferral[] = PERMISSIONS.map((permission) => ({
      target: p1,
      permission,
      restrictObjectType: null,
    }))
    expect(outcome(owner, all)).toBe('allowed')
  })

  it('refuses the first permission the caller lacks', () => {
    const reader = callerWith([acl({ objectType: 'project', objectId: 'p1', permission: 'read' })])
    expect(
      outcome(reader, [
        { target: p1, permission: 'read', restrictObjectType: null },
        { target: p1, permission: 'update', restrictObjectType: null },
        { target: p1, permission: 'delete', restrictObjectType: null },
      ]),
    ).toBe(exceeds('update', null))
  })

  it('a grant on a project does not let the caller confer on another project', () => {
    const reader = callerWith([acl({ objectType: 'project', objectId: 'p1', permission: 'read' })])
    const p2 = { objectType: 'project', objectId: 'p2' } as const
    expect(outcome(reader, [{ target: p2, permission: 'read', restrictObjectType: null }])).toBe(
      exceeds('read', null, p2),
    )
  })

  it('a restricted holding lets the caller confer the same restriction, not more', () => {
    const datasets = callerWith([
      acl({
        objectType: 'project',
        objectId: 'p1',
        permission: 'update',
        restrictObjectType: 'dataset',
      }),
    ])
    expect(
      outcome(datasets, [{ target: p1, permission: 'update', restrictObjectType: 'dataset' }]),
    ).toBe('allowed')
    expect(
      outcome(datasets, [{ target: p1, permission: 'update', restrictObjectType: null }]),
    ).toBe(exceeds('update', null))
    expect(
      outcome(datasets, [{ target: p1, permission: 'update', restrictObjectType: 'experiment' }]),
    ).toBe(exceeds('update', 'experiment'))
  })

  it('an unrestricted holding covers a restricted conferral', () => {
    const updater = callerWith([
      acl({ objectType: 'project', objectId: 'p1', permission: 'update' }),
    ])
    expect(
      outcome(updater, [{ target: p1, permission: 'update', restrictObjectType: 'experiment' }]),
    ).toBe('allowed')
  })

  it('a restricted holding on the organization covers that type under any project', () => {
    const orgDatasets = callerWith([acl({ permission: 'delete', restrictObjectType: 'dataset' })])
    expect(
      outcome(orgDatasets, [{ target: p1, permission: 'delete', restrictObjectType: 'dataset' }]),
    ).toBe('allowed')
    expect(
      outcome(orgDatasets, [{ target: p1, permission: 'delete', restrictObjectType: null }]),
    ).toBe(exceeds('delete', null))
  })

  it('checks every permission a role would confer', () => {
    const engineer = callerWith([acl({ roleId: SYSTEM_ROLE_IDS.engineer })])
    const grantOwner = conferralsOfAcl(
      engineer,
      acl({ objectType: 'project', objectId: 'p1', roleId: SYSTEM_ROLE_IDS.owner }),
    )
    expect(outcome(engineer, grantOwner)).toBe(exceeds('create_acls', null))
    const grantEngineer = conferralsOfAcl(
      engineer,
      acl({ objectType: 'project', objectId: 'p1', roleId: SYSTEM_ROLE_IDS.engineer }),
    )
    expect(outcome(engineer, grantEngineer)).toBe('allowed')
  })

  it('allows conferring nothing', () => {
    expect(outcome(callerWith([]), [])).toBe('allowed')
  })
})
