import { describe, expect, it } from 'vitest'
import { wouldCycle } from './cycles.js'
import { Evaluator } from './evaluate.js'
import { SYSTEM_ROLES } from './system-roles.js'
import { buildWorld } from './world.js'

function graph(edges: Record<string, string[]>) {
  return (id: string): readonly string[] | undefined => edges[id]
}

describe('wouldCycle', () => {
  const g = graph({ A: ['B'], B: ['C'], C: [], D: ['A', 'C'] })

  it('refuses making a node its own member', () => {
    expect(wouldCycle('A', ['A'], g)).toBe(true)
  })

  it('refuses a direct loop', () => {
    // C would contain B, which already contains C.
    expect(wouldCycle('C', ['B'], g)).toBe(true)
  })

  it('refuses an indirect loop', () => {
    expect(wouldCycle('C', ['A'], g)).toBe(true)
    expect(wouldCycle('C', ['D'], g)).toBe(true)
  })

  it('allows a new edge that closes no loop', () => {
    expect(wouldCycle('D', ['B'], g)).toBe(false)
    expect(wouldCycle('A', ['C'], g)).toBe(false)
    expect(wouldCycle('E', ['A', 'D'], g)).toBe(false)
  })

  it('allows an empty member list and members it knows nothing about', () => {
    expect(wouldCycle('A', [], g)).toBe(false)
    expect(wouldCycle('A', ['unknown'], g)).toBe(false)
  })

  it('allows diamonds: shared descendants are not loops', () => {
    const diamond = graph({ top: ['left', 'right'], left: ['bottom'], right: ['bottom'] })
    expect(wouldCycle('root', ['top'], diamond)).toBe(false)
    expect(wouldCycle('bottom', ['top'], diamond)).toBe(true)
  })

  it('terminates on a graph that already has a loop elsewhere', () => {
    const looped = graph({ X: ['Y'], Y: ['X'] })
    expect(wouldCycle('Z', ['X'], looped)).toBe(false)
    expect(wouldCycle('X', ['Y'], looped)).toBe(true)
  })
})

describe('the evaluator on worlds that already hold a loop', () => {
  // Writes refuse loops, but stored data is not trusted to be loop-free.
  const world = buildWorld({
    orgId: 'org',
    plan: 'enterprise',
    members: ['alice', 'bob'],
    groups: [
      { id: 'A', memberUsers: ['alice'], memberGroups: ['B'] },
      { id: 'B', memberUsers: [], memberGroups: ['A'] },
      { id: 'S', memberUsers: [], memberGroups: ['S'] },
    ],
    roles: [
      ...SYSTEM_ROLES,
      {
        id: 'R1',
        memberPermissions: [{ permission: 'read', restrictObjectType: null }],
        memberRoles: ['R2'],
      },
      {
        id: 'R2',
        memberPermissions: [{ permission: 'update', restrictObjectType: null }],
        memberRoles: ['R1', 'R2'],
      },
    ],
    acls: [
      {
        id: 'a1',
        orgId: 'org',
        createdAt: 1,
        objectType: 'organization',
        objectId: 'org',
        userId: null,
        groupId: 'B',
        permission: null,
        roleId: 'R2',
        restrictObjectType: null,
      },
      {
        id: 'a2',
        orgId: 'org',
        createdAt: 2,
        objectType: 'organization',
        objectId: 'org',
        userId: null,
        groupId: 'S',
        permission: 'delete',
        roleId: null,
        restrictObjectType: null,
      },
    ],
  })

  it('terminates and counts each group and role once', () => {
    const ev = new Evaluator(world)
    const target = { objectType: 'organization', objectId: 'org' } as const
    expect([...ev.effective('alice', target)].sort()).toEqual(['read', 'update'])
    expect(ev.explain('alice', target).map((s) => [s.permission, s.groupPath, s.rolePath])).toEqual(
      [
        ['update', ['A', 'B'], ['R2']],
        ['read', ['A', 'B'], ['R2', 'R1']],
      ],
    )
    expect([...ev.effective('bob', target)]).toEqual([])
  })

  it('a self-contained group with no users gives nobody anything', () => {
    const ev = new Evaluator(world)
    expect(ev.groupPaths('alice').has('S')).toBe(false)
    expect(
      ev
        .roleGrants('R1')
        .map((g) => g.permission)
        .sort(),
    ).toEqual(['read', 'update'])
  })
})
