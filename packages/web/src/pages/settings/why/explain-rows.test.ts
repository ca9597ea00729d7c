import type { AccessExplanation } from '@gatehouse/client'
import { describe, expect, it } from 'vitest'
import { type ExplainNames, explainRows, permissionSummary, whereLabel } from './explain-rows.js'

const ORG = '00000000-0000-4000-8000-00000000000a'
const PROJECT = '00000000-0000-4000-8000-0000000000f1'
const ENGINEERS = '00000000-0000-4000-8000-0000000000e1'
const PLATFORM = '00000000-0000-4000-8000-0000000000e2'
const ENGINEER_ROLE = '00000000-0000-4000-8000-0000000000c1'
const GONE = 'deadbeef-0000-4000-8000-000000000000'

const names: ExplainNames = {
  orgName: 'acme',
  project: (id) => (id === PROJECT ? 'Alpha' : undefined),
  group: (id) => ({ [ENGINEERS]: 'Engineers', [PLATFORM]: 'Platform' })[id],
  role: (id) => (id === ENGINEER_ROLE ? 'Engineer' : undefined),
}

const grant = (over: Partial<AccessExplanation['grants'][number]>) => ({
  permission: 'read' as const,
  acl_id: '00000000-0000-4000-8000-00000000a001',
  acl_object_type: 'organization' as const,
  acl_object_id: ORG,
  group_path: [],
  role_path: [],
  restrict_object_type: null,
  ...over,
})

describe('explainRows', () => {
  it('names where each ACL sits, the group path and the roles, by permission order', () => {
    const explanation: AccessExplanation = {
      permissions: ['read', 'update'],
      grants: [
        grant({
          permission: 'update',
          acl_object_type: 'project',
          acl_object_id: PROJECT,
          group_path: [PLATFORM, ENGINEERS],
          role_path: [ENGINEER_ROLE],
        }),
        grant({ permission: 'read', restrict_object_type: 'project' }),
      ],
    }
    const rows = explainRows(explanation, names)
    expect(rows.map((r) => r.permission)).toEqual(['read', 'update'])
    expect(rows[0]).toMatchObject({
      where: 'Organization acme',
      groups: [],
      roles: [],
      restrictedTo: 'project',
    })
    expect(rows[1]).toMatchObject({
      where: 'Project Alpha',
      groups: ['Platform', 'Engineers'],
      roles: ['Engineer'],
      restrictedTo: null,
    })
  })

  it('still says something for groups, roles and projects that are gone', () => {
    const rows = explainRows(
      {
        permissions: ['read'],
        grants: [
          grant({
            acl_object_type: 'project',
            acl_object_id: GONE,
            group_path: [GONE],
            role_path: [GONE],
          }),
        ],
      },
      names,
    )
    expect(rows[0]).toMatchObject({
      where: 'Project (deleted deadbeef)',
      groups: ['(deleted deadbeef)'],
      roles: ['(deleted deadbeef)'],
    })
  })
})

describe('whereLabel', () => {
  it('words the org-wide objects with the org name', () => {
    expect(whereLabel('org_project', ORG, names)).toBe('All projects of acme')
    expect(whereLabel('group', ENGINEERS, names)).toBe('Group Engineers')
  })
})

describe('permissionSummary', () => {
  it('lists every permission with whether it is held and how many grants give it', () => {
    const summary = permissionSummary({
      permissions: ['read'],
      grants: [grant({}), grant({ acl_object_type: 'project', acl_object_id: PROJECT })],
    })
    expect(summary).toHaveLength(8)
    expect(summary.find((s) => s.permission === 'read')).toEqual({
      permission: 'read',
      held: true,
      grants: 2,
    })
    expect(summary.find((s) => s.permission === 'delete')).toEqual({
      permission: 'delete',
      held: false,
      grants: 0,
    })
  })
})
