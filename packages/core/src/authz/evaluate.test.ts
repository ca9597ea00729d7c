import { describe, expect, it } from 'vitest'
import { type ObjectType, PERMISSIONS, type Permission } from '../model/catalog.js'
import type { Acl, RolePermission } from '../model/entities.js'
import { Evaluator, effective, explain } from './evaluate.js'
import { SYSTEM_ROLE_IDS, SYSTEM_ROLES } from './system-roles.js'
import type { Target } from './target.js'
import { type AuthzWorld, buildWorld } from './world.js'

const ORG = 'org-1'
const ALICE = 'alice'
const BOB = 'bob'
const OUTSIDER = 'outsider'

let aclSeq = 0

/** An ACL with defaults: a direct permission for Alice on the organization. */
function acl(fields: Partial<Acl>): Acl {
  aclSeq += 1
  return {
    id: `acl-${aclSeq}`,
    orgId: ORG,
    createdAt: aclSeq,
    objectType: 'organization',
    objectId: ORG,
    userId: fields.groupId === undefined ? ALICE : null,
    groupId: null,
    permission: fields.roleId === undefined ? 'read' : null,
    roleId: null,
    restrictObjectType: null,
    ...fields,
  }
}

function group(id: string, memberUsers: string[], memberGroups: string[] = []) {
  return { id, memberUsers, memberGroups }
}

function role(id: string, memberPermissions: RolePermission[], memberRoles: string[] = []) {
  return { id, memberPermissions, memberRoles }
}

function world(input: {
  acls: Acl[]
  groups?: ReturnType<typeof group>[]
  roles?: ReturnType<typeof role>[]
  members?: string[]
}): AuthzWorld {
  return buildWorld({
    orgId: ORG,
    plan: 'enterprise',
    members: input.members ?? [ALICE, BOB],
    groups: input.groups ?? [],
    roles: [...SYSTEM_ROLES, ...(input.roles ?? [])],
    acls: input.acls,
  })
}

function held(w: AuthzWorld, target: Target, userId = ALICE): Permission[] {
  return [...new Evaluator(w).effective(userId, target)].sort()
}

const org: Target = { objectType: 'organization', objectId: ORG }
const allProjects: Target = { objectType: 'org_project', objectId: ORG }
const members: Target = { objectType: 'org_member', objectId: ORG }
const auditLogs: Target = { objectType: 'org_audit_logs', objectId: ORG }
const p1: Target = { objectType: 'project', objectId: 'p1' }
const p2: Target = { objectType: 'project', objectId: 'p2' }
const expInP1: Target = { objectType: 'experiment', objectId: 'e1', projectId: 'p1' }
const expInP2: Target = { objectType: 'experiment', objectId: 'e2', projectId: 'p2' }
const expNoProject: Target = { objectType: 'experiment', objectId: 'e1' }
const datasetInP1: Target = { objectType: 'dataset', objectId: 'd1', projectId: 'p1' }
const logsOfP1: Target = { objectType: 'project_log', objectId: 'p1' }
const someGroup: Target = { objectType: 'group', objectId: 'g-any' }
const someRole: Target = { objectType: 'role', objectId: 'r-any' }

describe('inheritance down organization → org_project → project → child', () => {
  const cases: { on: [ObjectType, string]; reaches: Target[]; misses: Target[] }[] = [
    {
      on: ['organization', ORG],
      reaches: [
        org,
        allProjects,
        members,
        auditLogs,
        p1,
        expInP1,
        expNoProject,
        logsOfP1,
        someGroup,
        someRole,
      ],
      misses: [],
    },
    {
      on: ['org_project', ORG],
      reaches: [allProjects, p1, p2, expInP1, expNoProject, datasetInP1, logsOfP1],
      misses: [org, members, auditLogs, someGroup, someRole],
    },
    {
      on: ['project', 'p1'],
      reaches: [p1, expInP1, datasetInP1, logsOfP1],
      misses: [org, allProjects, p2, expInP2, expNoProject, someGroup],
    },
    {
      on: ['experiment', 'e1'],
      reaches: [expInP1, expNoProject, { ...expInP1, projectId: 'p2' }],
      misses: [p1, org, { objectType: 'dataset', objectId: 'e1', projectId: 'p1' }],
    },
    {
      on: ['org_member', ORG],
      reaches: [members],
      misses: [org, allProjects, auditLogs, p1],
    },
    {
      on: ['org_audit_logs', ORG],
      reaches: [auditLogs],
      misses: [org, members, p1],
    },
    {
      on: ['group', 'g-any'],
      reaches: [someGroup],
      misses: [
        org,
        { objectType: 'group', objectId: 'g-other' },
        { ...someRole, objectId: 'g-any' },
      ],
    },
  ]
  for (const { on, reaches, misses } of cases) {
    const w = world({ acls: [acl({ objectType: on[0], objectId: on[1], permission: 'update' })] })
    for (const target of reaches) {
      it(`an ACL on ${on.join(':')} reaches ${JSON.stringify(target)}`, () => {
        expect(held(w, target)).toEqual(['update'])
      })
    }
    for (const target of misses) {
      it(`an ACL on ${on.join(':')} does not reach ${JSON.stringify(target)}`, () => {
        expect(held(w, target)).toEqual([])
      })
    }
  }

  it('project_log takes its project from its object id', () => {
    const w = world({ acls: [acl({ objectType: 'project', objectId: 'p1', permission: 'read' })] })
    expect(held(w, { objectType: 'project_log', objectId: 'p1' })).toEqual(['read'])
    expect(held(w, { objectType: 'project_log', objectId: 'p2' })).toEqual([])
  })

  it('grants are additive across levels and subjects', () => {
    const w = world({
      groups: [group('eng', [ALICE])],
      acls: [
        acl({ objectType: 'organization', permission: 'read' }),
        acl({ objectType: 'org_project', permission: 'create' }),
        acl({ objectType: 'project', objectId: 'p1', groupId: 'eng', permission: 'update' }),
        acl({ objectType: 'experiment', objectId: 'e1', permission: 'delete' }),
      ],
    })
    expect(held(w, expInP1)).toEqual(['create', 'delete', 'read', 'update'])
    expect(held(w, p1)).toEqual(['create', 'read', 'update'])
    expect(held(w, p2)).toEqual(['create', 'read'])
    expect(held(w, org)).toEqual(['read'])
    expect(held(w, org, BOB)).toEqual([])
  })
})

describe('restrict_object_type', () => {
  it('on the organization, narrows a grant to one type of object anywhere below', () => {
    const w = world({
      acls: [
        acl({ objectType: 'organization', permission: 'read', restrictObjectType: 'dataset' }),
      ],
    })
    expect(held(w, datasetInP1)).toEqual(['read'])
    expect(held(w, { objectType: 'dataset', objectId: 'd9' })).toEqual(['read'])
    expect(held(w, expInP1)).toEqual([])
    expect(held(w, p1)).toEqual([])
    expect(held(w, org)).toEqual([])
  })

  it('on the organization, restricted to projects, reaches projects but not their contents', () => {
    const w = world({
      acls: [
        acl({ objectType: 'organization', permission: 'create', restrictObjectType: 'project' }),
      ],
    })
    expect(held(w, p1)).toEqual(['create'])
    expect(held(w, expInP1)).toEqual([])
    expect(held(w, org)).toEqual([])
    expect(held(w, allProjects)).toEqual([])
  })

  it('on a project, narrows to one child type inside that project only', () => {
    const w = world({
      acls: [
        acl({
          objectType: 'project',
          objectId: 'p1',
          permission: 'update',
          restrictObjectType: 'experiment',
        }),
      ],
    })
    expect(held(w, expInP1)).toEqual(['update'])
    expect(held(w, datasetInP1)).toEqual([])
    expect(held(w, p1)).toEqual([])
    expect(held(w, expInP2)).toEqual([])
    expect(held(w, logsOfP1)).toEqual([])
  })

  it('inside a role, applies per permission of the role', () => {
    const w = world({
      roles: [
        role('datasets-rw', [
          { permission: 'read', restrictObjectType: null },
          { permission: 'update', restrictObjectType: 'dataset' },
        ]),
      ],
      acls: [acl({ objectType: 'project', objectId: 'p1', roleId: 'datasets-rw' })],
    })
    expect(held(w, datasetInP1)).toEqual(['read', 'update'])
    expect(held(w, expInP1)).toEqual(['read'])
    expect(held(w, p1)).toEqual(['read'])
  })

  it('asType evaluates a restriction as if the object were of another type', () => {
    const w = world({
      acls: [
        acl({
          objectType: 'project',
          objectId: 'p1',
          permission: 'create',
          restrictObjectType: 'dataset',
        }),
        acl({ objectType: 'project', objectId: 'p1', permission: 'read' }),
      ],
    })
    const ev = new Evaluator(w)
    expect([...ev.effective(ALICE, p1)].sort()).toEqual(['read'])
    expect([...ev.effective(ALICE, p1, 'dataset')].sort()).toEqual(['create', 'read'])
    expect([...ev.effective(ALICE, p1, 'experiment')].sort()).toEqual(['read'])
    expect(ev.explain(ALICE, p1, 'dataset').map((s) => s.restrictObjectType)).toContain('dataset')
  })
})

describe('groups', () => {
  it('nest three deep: a user in A holds what an ACL gives C ⊇ B ⊇ A', () => {
    const w = world({
      groups: [group('A', [ALICE]), group('B', [], ['A']), group('C', [BOB], ['B'])],
      acls: [acl({ groupId: 'C', permission: 'update' })],
    })
    expect(held(w, org, ALICE)).toEqual(['update'])
    expect(held(w, org, BOB)).toEqual(['update'])
    const sources = new Evaluator(w).explain(ALICE, org)
    expect(sources.map((s) => s.groupPath)).toEqual([['A', 'B', 'C']])
  })

  it('do not pass grants down: a member of C holds nothing from an ACL on A', () => {
    const w = world({
      groups: [group('A', [ALICE]), group('B', [], ['A']), group('C', [BOB], ['B'])],
      acls: [acl({ groupId: 'A', permission: 'delete' })],
    })
    expect(held(w, org, ALICE)).toEqual(['delete'])
    expect(held(w, org, BOB)).toEqual([])
  })

  it('are unioned', () => {
    const w = world({
      groups: [group('readers', [ALICE]), group('writers', [ALICE])],
      acls: [
        acl({ groupId: 'readers', permission: 'read' }),
        acl({ groupId: 'writers', permission: 'update' }),
      ],
    })
    expect(held(w, p1)).toEqual(['read', 'update'])
  })

  it('that are gone from the world contribute nothing, nor do chains through them', () => {
    const acls = [
      acl({ groupId: 'C', permission: 'read' }),
      acl({ groupId: 'A', permission: 'update' }),
    ]
    const whole = world({
      groups: [group('A', [ALICE]), group('B', [], ['A']), group('C', [], ['B'])],
      acls,
    })
    expect(held(whole, org)).toEqual(['read', 'update'])
    const withoutA = world({ groups: [group('B', [], ['A']), group('C', [], ['B'])], acls })
    expect(held(withoutA, org)).toEqual([])
    const withoutB = world({ groups: [group('A', [ALICE]), group('C', [], ['B'])], acls })
    expect(held(withoutB, org)).toEqual(['update'])
  })

  it('explain reports the shortest group path', () => {
    const w = world({
      groups: [
        group('A', [ALICE]),
        group('B', [], ['A']),
        group('C', [], ['B']),
        group('D', [], ['C', 'A']),
      ],
      acls: [acl({ groupId: 'D', permission: 'read' })],
    })
    expect(new Evaluator(w).explain(ALICE, org).map((s) => s.groupPath)).toEqual([['A', 'D']])
  })
})

describe('roles', () => {
  const worldWithChain = () =>
    world({
      roles: [
        role('R1', [{ permission: 'read', restrictObjectType: null }], ['R2']),
        role('R2', [{ permission: 'update', restrictObjectType: null }], ['R3']),
        role('R3', [{ permission: 'delete', restrictObjectType: 'experiment' }]),
      ],
      acls: [acl({ objectType: 'project', objectId: 'p1', roleId: 'R1' })],
    })

  it('inherit member_roles transitively', () => {
    const w = worldWithChain()
    expect(held(w, p1)).toEqual(['read', 'update'])
    expect(held(w, expInP1)).toEqual(['delete', 'read', 'update'])
  })

  it('explain reports the role path down to the role that holds the permission', () => {
    const sources = new Evaluator(worldWithChain()).explain(ALICE, expInP1)
    const byPermission = Object.fromEntries(sources.map((s) => [s.permission, s.rolePath]))
    expect(byPermission).toEqual({
      read: ['R1'],
      update: ['R1', 'R2'],
      delete: ['R1', 'R2', 'R3'],
    })
    const del = sources.find((s) => s.permission === 'delete')
    expect(del).toMatchObject({
      aclObjectType: 'project',
      aclObjectId: 'p1',
      groupPath: [],
      restrictObjectType: 'experiment',
    })
  })

  it('that are gone from the world contribute nothing', () => {
    const w = world({
      roles: [role('R1', [{ permission: 'read', restrictObjectType: null }], ['R-gone'])],
      acls: [acl({ roleId: 'R-gone' }), acl({ roleId: 'R1' })],
    })
    expect(held(w, org)).toEqual(['read'])
  })

  it('system roles grant what their names say', () => {
    const byRole = (roleId: string) => held(world({ acls: [acl({ roleId })] }), org).join(' ')
    expect(byRole(SYSTEM_ROLE_IDS.owner)).toBe([...PERMISSIONS].sort().join(' '))
    expect(byRole(SYSTEM_ROLE_IDS.engineer)).toBe('create delete read update')
    expect(byRole(SYSTEM_ROLE_IDS.viewer)).toBe('read')
  })

  it('a custom role can inherit a system role', () => {
    const w = world({
      roles: [
        role(
          'auditor',
          [{ permission: 'read_acls', restrictObjectType: null }],
          [SYSTEM_ROLE_IDS.viewer],
        ),
      ],
      acls: [acl({ objectType: 'org_project', roleId: 'auditor' })],
    })
    expect(held(w, p1)).toEqual(['read', 'read_acls'])
    const sources = new Evaluator(w).explain(ALICE, p1)
    expect(sources.find((s) => s.permission === 'read')?.rolePath).toEqual([
      'auditor',
      SYSTEM_ROLE_IDS.viewer,
    ])
  })
})

describe('principals', () => {
  it('a non-member holds nothing, whatever the ACLs and groups say', () => {
    const w = world({
      members: [ALICE],
      groups: [group('all', [ALICE, OUTSIDER])],
      acls: [
        acl({ userId: OUTSIDER, roleId: SYSTEM_ROLE_IDS.owner }),
        acl({ groupId: 'all', permission: 'read' }),
      ],
    })
    for (const target of [org, p1, expInP1, members]) {
      expect(held(w, target, OUTSIDER)).toEqual([])
    }
    expect(new Evaluator(w).explain(OUTSIDER, org)).toEqual([])
    expect(new Evaluator(w).isOwner(OUTSIDER)).toBe(false)
    expect(held(w, org, ALICE)).toEqual(['read'])
  })

  it('a direct grant names only its user', () => {
    const w = world({ acls: [acl({ userId: ALICE, permission: 'read' })] })
    expect(held(w, org, ALICE)).toEqual(['read'])
    expect(held(w, org, BOB)).toEqual([])
  })

  it('ACLs of another organization never count', () => {
    const w = world({
      acls: [
        acl({ objectType: 'organization', objectId: 'org-2', orgId: 'org-2', permission: 'read' }),
        acl({ objectType: 'org_project', objectId: 'org-2', orgId: 'org-2', permission: 'read' }),
      ],
    })
    expect(held(w, org)).toEqual([])
    expect(held(w, p1)).toEqual([])
  })
})

describe('explain', () => {
  it('names each ACL, where it sits, and empty paths for a direct permission', () => {
    const direct = acl({ objectType: 'org_project', permission: 'create' })
    const w = world({ acls: [direct] })
    expect(new Evaluator(w).explain(ALICE, expInP1)).toEqual([
      {
        permission: 'create',
        aclId: direct.id,
        aclObjectType: 'org_project',
        aclObjectId: ORG,
        groupPath: [],
        rolePath: [],
        restrictObjectType: null,
      },
    ])
  })

  it('lists every source of a permission, nearest object first', () => {
    const onProject = acl({ objectType: 'project', objectId: 'p1', permission: 'read' })
    const onOrg = acl({ objectType: 'organization', permission: 'read' })
    const w = world({ acls: [onOrg, onProject] })
    expect(new Evaluator(w).explain(ALICE, expInP1).map((s) => s.aclId)).toEqual([
      onProject.id,
      onOrg.id,
    ])
  })

  it('the standalone effective() and explain() agree with the class', () => {
    const w = world({
      acls: [acl({ permission: 'read' }), acl({ roleId: SYSTEM_ROLE_IDS.viewer })],
    })
    expect([...effective(w, ALICE, p1)]).toEqual(['read'])
    expect(explain(w, ALICE, p1)).toEqual(new Evaluator(w).explain(ALICE, p1))
    expect(explain(w, ALICE, p1)).toHaveLength(2)
  })
})

describe('isOwner and has', () => {
  it('isOwner means every permission on the organization itself', () => {
    const all = PERMISSIONS.map((permission) => acl({ permission }))
    expect(new Evaluator(world({ acls: all })).isOwner(ALICE)).toBe(true)
    expect(new Evaluator(world({ acls: all.slice(1) })).isOwner(ALICE)).toBe(false)
    expect(
      new Evaluator(world({ acls: [acl({ roleId: SYSTEM_ROLE_IDS.owner })] })).isOwner(ALICE),
    ).toBe(true)
    expect(
      new Evaluator(world({ acls: [acl({ roleId: SYSTEM_ROLE_IDS.engineer })] })).isOwner(ALICE),
    ).toBe(false)
  })

  it('isOwner ignores everything held below the organization', () => {
    const w = world({
      acls: [
        acl({ objectType: 'org_project', roleId: SYSTEM_ROLE_IDS.owner }),
        acl({ objectType: 'org_member', roleId: SYSTEM_ROLE_IDS.owner }),
      ],
    })
    expect(new Evaluator(w).isOwner(ALICE)).toBe(false)
  })

  it('isOwner does not count restricted grants', () => {
    const acls = PERMISSIONS.map((permission) =>
      acl({ permission, restrictObjectType: permission === 'delete' ? 'project' : null }),
    )
    expect(new Evaluator(world({ acls })).isOwner(ALICE)).toBe(false)
  })

  it('has answers for one permission', () => {
    const ev = new Evaluator(world({ acls: [acl({ objectType: 'project', objectId: 'p1' })] }))
    expect(ev.has(ALICE, 'read', expInP1)).toBe(true)
    expect(ev.has(ALICE, 'update', expInP1)).toBe(false)
    expect(ev.has(ALICE, 'read', expInP2)).toBe(false)
  })
})
