import type { Acl } from '@gatehouse/client'
import { describe, expect, it } from 'vitest'
import { type AclNames, aclItemFor, aclRows, groupGrantBlockedReason } from './acl-rows.js'

const PROJECT = '00000000-0000-4000-8000-0000000000f1'
const ORG = '00000000-0000-4000-8000-00000000000a'
const ENGINEERS = '00000000-0000-4000-8000-0000000000e1'
const ADA = '00000000-0000-4000-8000-0000000000ad'
const BOT = '00000000-0000-4000-8000-0000000000b7'
const VIEWER_ROLE = '00000000-0000-4000-8000-0000000000c1'
const GONE = 'deadbeef-0000-4000-8000-000000000000'

let n = 0
const acl = (over: Partial<Acl>): Acl => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  object_type: 'project',
  object_id: PROJECT,
  user_id: null,
  group_id: null,
  permission: null,
  restrict_object_type: null,
  role_id: null,
  _object_org_id: ORG,
  created: null,
  ...over,
})

const names: AclNames = {
  group: (id) => (id === ENGINEERS ? 'Engineers' : undefined),
  user: (id) =>
    id === ADA
      ? { name: 'Ada', serviceAccount: false }
      : id === BOT
        ? { name: 'ci-bot', serviceAccount: true }
        : undefined,
  role: (id) => (id === VIEWER_ROLE ? 'Viewer' : undefined),
}

describe('aclRows', () => {
  it('names subjects and roles, groups first, then members and service accounts', () => {
    const rows = aclRows(
      [
        acl({ user_id: BOT, permission: 'read' }),
        acl({ user_id: ADA, role_id: VIEWER_ROLE }),
        acl({ group_id: ENGINEERS, permission: 'update', restrict_object_type: 'experiment' }),
      ],
      names,
    )
    expect(rows.map((r) => [r.subjectKind, r.subject, r.grant, r.isRole, r.restrictedTo])).toEqual([
      ['group', 'Engineers', 'update', false, 'experiment'],
      ['member', 'Ada', 'Viewer', true, null],
      ['service account', 'ci-bot', 'read', false, null],
    ])
  })

  it('still shows grants of people and roles that are gone', () => {
    const [row] = aclRows([acl({ user_id: GONE, role_id: GONE })], names)
    expect(row).toMatchObject({ subject: '(removed deadbeef)', grant: '(removed deadbeef)' })
  })
})

describe('groupGrantBlockedReason', () => {
  it('blocks group grants on projects below Enterprise, with the reason', () => {
    expect(groupGrantBlockedReason('enterprise')).toBeUndefined()
    expect(groupGrantBlockedReason('pro')).toMatch(/require the Enterprise plan/)
    expect(groupGrantBlockedReason('starter')).toMatch(/require the Enterprise plan/)
  })
})

describe('aclItemFor', () => {
  it('builds a permission or role grant for a group or a user', () => {
    expect(aclItemFor(PROJECT, `group:${ENGINEERS}`, 'permission:read')).toEqual({
      object_type: 'project',
      object_id: PROJECT,
      group_id: ENGINEERS,
      permission: 'read',
    })
    expect(aclItemFor(PROJECT, `user:${ADA}`, `role:${VIEWER_ROLE}`)).toEqual({
      object_type: 'project',
      object_id: PROJECT,
      user_id: ADA,
      role_id: VIEWER_ROLE,
    })
  })

  it('is undefined until both choices are made', () => {
    expect(aclItemFor(PROJECT, '', 'permission:read')).toBeUndefined()
    expect(aclItemFor(PROJECT, `user:${ADA}`, '')).toBeUndefined()
    expect(aclItemFor(PROJECT, 'other:x', 'permission:read')).toBeUndefined()
  })
})
