import type { Acl, AclObjectType, Permission } from '@gatehouse/client'
import { describe, expect, it } from 'vitest'
import {
  aclsToGrid,
  addProjectRow,
  emptyGrid,
  type GridState,
  type GridSubject,
  gridDiff,
  type OrgCell,
  type ProjectCell,
  projectRowsDisabledReason,
  toggleCell,
} from './model.js'

const ORG = '00000000-0000-4000-8000-0000000000a1'
const GROUP = '00000000-0000-4000-8000-0000000000b1'
const USER = '00000000-0000-4000-8000-0000000000c1'
const P1 = '00000000-0000-4000-8000-0000000000d1'
const P2 = '00000000-0000-4000-8000-0000000000d2'
const ROLE = '00000000-0000-4000-8000-0000000000e1'
const group: GridSubject = { kind: 'group', id: GROUP }
const user: GridSubject = { kind: 'user', id: USER }

let seq = 0
function acl(
  objectType: AclObjectType,
  objectId: string,
  permission: Permission | null,
  extra: Partial<Acl> = {},
): Acl {
  seq += 1
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    object_type: objectType,
    object_id: objectId,
    user_id: null,
    group_id: GROUP,
    permission,
    restrict_object_type: null,
    role_id: null,
    _object_org_id: ORG,
    created: null,
    ...extra,
  }
}

const ACL_PERMS = ['create_acls', 'read_acls', 'update_acls', 'delete_acls'] as const

function grid(parts: {
  org?: OrgCell[]
  all?: ProjectCell[]
  projects?: Record<string, ProjectCell[]>
}): GridState {
  return {
    org: new Set(parts.org ?? []),
    allProjects: new Set(parts.all ?? []),
    projects: new Map(Object.entries(parts.projects ?? {}).map(([k, v]) => [k, new Set(v)])),
  }
}

function plain(state: GridState) {
  return {
    org: [...state.org].sort(),
    all: [...state.allProjects].sort(),
    projects: Object.fromEntries([...state.projects].map(([k, v]) => [k, [...v].sort()])),
  }
}

describe('aclsToGrid', () => {
  const cases: {
    name: string
    acls: Acl[]
    subject?: GridSubject
    expected: ReturnType<typeof plain>
    unshown: number
  }[] = [
    { name: 'nothing', acls: [], expected: { org: [], all: [], projects: {} }, unshown: 0 },
    {
      name: 'manage settings is update on organization',
      acls: [acl('organization', ORG, 'update')],
      expected: { org: ['manage_settings'], all: [], projects: {} },
      unshown: 0,
    },
    {
      name: 'manage and remove members are create/delete on org_member',
      acls: [acl('org_member', ORG, 'create'), acl('org_member', ORG, 'delete')],
      expected: { org: ['manage_members', 'remove_members'], all: [], projects: {} },
      unshown: 0,
    },
    {
      name: 'manage access needs all four ACL permissions',
      acls: ACL_PERMS.map((p) => acl('organization', ORG, p)),
      expected: { org: ['manage_access'], all: [], projects: {} },
      unshown: 0,
    },
    {
      name: 'half of manage access is unshown, not checked',
      acls: [acl('organization', ORG, 'read_acls'), acl('organization', ORG, 'create_acls')],
      expected: { org: [], all: [], projects: {} },
      unshown: 2,
    },
    {
      name: 'audit logs',
      acls: [acl('org_audit_logs', ORG, 'read')],
      expected: { org: ['read_audit_logs'], all: [], projects: {} },
      unshown: 0,
    },
    {
      name: 'all projects on org_project',
      acls: [acl('org_project', ORG, 'read'), acl('org_project', ORG, 'create')],
      expected: { org: [], all: ['create', 'read'], projects: {} },
      unshown: 0,
    },
    {
      name: 'a project row per project',
      acls: [
        acl('project', P1, 'read'),
        ...ACL_PERMS.map((p) => acl('project', P2, p)),
        acl('project', P2, 'delete'),
      ],
      expected: {
        org: [],
        all: [],
        projects: { [P1]: ['read'], [P2]: ['delete', 'manage_access'] },
      },
      unshown: 0,
    },
    {
      name: 'roles, restrictions and other objects are unshown',
      acls: [
        acl('organization', ORG, null, { role_id: ROLE }),
        acl('project', P1, 'read', { restrict_object_type: 'experiment' }),
        acl('group', GROUP, 'read'),
        acl('organization', ORG, 'read'),
        acl('org_member', ORG, 'read'),
      ],
      expected: { org: [], all: [], projects: {} },
      unshown: 5,
    },
    {
      name: 'direct grants of a user (user_id)',
      subject: user,
      acls: [acl('organization', ORG, 'update', { group_id: null, user_id: USER })],
      expected: { org: ['manage_settings'], all: [], projects: {} },
      unshown: 0,
    },
    {
      name: "another subject's ACL is unshown for this one",
      subject: user,
      acls: [acl('organization', ORG, 'update')],
      expected: { org: [], all: [], projects: {} },
      unshown: 1,
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const result = aclsToGrid(c.acls, c.subject ?? group, ORG)
      expect(plain(result.state)).toEqual(c.expected)
      expect(result.unshown).toHaveLength(c.unshown)
    })
  }
})

describe('gridDiff', () => {
  const item = (objectType: AclObjectType, objectId: string, permission: Permission) => ({
    object_type: objectType,
    object_id: objectId,
    group_id: GROUP,
    permission,
  })
  const cases: {
    name: string
    acls: Acl[]
    desired: GridState
    add: ReturnType<typeof item>[]
    remove: ReturnType<typeof item>[]
  }[] = [
    { name: 'no change', acls: [], desired: emptyGrid(), add: [], remove: [] },
    {
      name: 'checking manage settings adds update on organization',
      acls: [],
      desired: grid({ org: ['manage_settings'] }),
      add: [item('organization', ORG, 'update')],
      remove: [],
    },
    {
      name: 'unchecking removes it',
      acls: [acl('org_audit_logs', ORG, 'read')],
      desired: emptyGrid(),
      add: [],
      remove: [item('org_audit_logs', ORG, 'read')],
    },
    {
      name: 'manage access adds only the missing ACL permissions',
      acls: [acl('org_project', ORG, 'read_acls')],
      desired: grid({ all: ['manage_access'] }),
      add: [
        item('org_project', ORG, 'create_acls'),
        item('org_project', ORG, 'update_acls'),
        item('org_project', ORG, 'delete_acls'),
      ],
      remove: [],
    },
    {
      name: 'a project cell',
      acls: [acl('project', P1, 'read')],
      desired: grid({ projects: { [P1]: ['update'] } }),
      add: [item('project', P1, 'update')],
      remove: [item('project', P1, 'read')],
    },
    {
      name: 'unshown ACLs are never removed',
      acls: [
        acl('organization', ORG, null, { role_id: ROLE }),
        acl('project', P1, 'read', { restrict_object_type: 'dataset' }),
      ],
      desired: emptyGrid(),
      add: [],
      remove: [],
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const diff = gridDiff(c.acls, c.desired, group, ORG)
      expect(diff.add_acls).toEqual(c.add)
      expect(diff.remove_acls).toEqual(c.remove)
    })
  }

  it('names the user for a direct grid', () => {
    const diff = gridDiff([], grid({ org: ['read_audit_logs'] }), user, ORG)
    expect(diff.add_acls).toEqual([
      { object_type: 'org_audit_logs', object_id: ORG, user_id: USER, permission: 'read' },
    ])
  })

  it('round-trips: the diff applied gives the desired grid', () => {
    const acls = [acl('project', P1, 'read'), acl('org_member', ORG, 'create')]
    const desired = grid({ org: ['remove_members'], all: ['read'], projects: { [P2]: ['delete'] } })
    const diff = gridDiff(acls, desired, group, ORG)
    const removed = new Set(diff.remove_acls.map((r) => `${r.object_id}/${r.permission}`))
    const after = [
      ...acls.filter((a) => !removed.has(`${a.object_id}/${a.permission}`)),
      ...diff.add_acls.map((a) =>
        acl(a.object_type, a.object_id, a.permission ?? null, { group_id: GROUP }),
      ),
    ]
    expect(plain(aclsToGrid(after, group, ORG).state)).toEqual(plain(desired))
  })
})

describe('grid state helpers', () => {
  it('toggles cells in each area without touching the original', () => {
    const start = emptyGrid()
    const a = toggleCell(start, { kind: 'org', cell: 'manage_members' })
    const b = toggleCell(a, { kind: 'allProjects', cell: 'read' })
    const c = toggleCell(b, { kind: 'project', projectId: P1, cell: 'delete' })
    expect(plain(c)).toEqual({
      org: ['manage_members'],
      all: ['read'],
      projects: { [P1]: ['delete'] },
    })
    expect(plain(start)).toEqual({ org: [], all: [], projects: {} })
    expect(plain(toggleCell(c, { kind: 'org', cell: 'manage_members' })).org).toEqual([])
  })

  it('adds an empty project row once', () => {
    const state = addProjectRow(emptyGrid(), P1)
    expect(plain(state).projects).toEqual({ [P1]: [] })
    expect(addProjectRow(state, P1)).toBe(state)
  })

  it('project rows need Enterprise for groups, not for users', () => {
    expect(projectRowsDisabledReason('starter', group)).toMatch(/Enterprise/)
    expect(projectRowsDisabledReason('pro', group)).toMatch(/Enterprise/)
    expect(projectRowsDisabledReason('enterprise', group)).toBeUndefined()
    expect(projectRowsDisabledReason('starter', user)).toBeUndefined()
  })
})
