import { describe, expect, it } from 'vitest'
import { Evaluator } from '../authz/evaluate.js'
import { SYSTEM_ROLE_IDS, SYSTEM_ROLES } from '../authz/system-roles.js'
import { buildWorld } from '../authz/world.js'
import { AppError } from '../errors.js'
import { PERMISSIONS } from '../model/catalog.js'
import type { Acl } from '../model/entities.js'
import { assertKeepsOwner } from './last-owner.js'

const ORG = 'org-1'

function ownerAcl(id: string, subject: { userId?: string; groupId?: string }): Acl {
  return {
    id,
    orgId: ORG,
    createdAt: 0,
    objectType: 'organization',
    objectId: ORG,
    userId: subject.userId ?? null,
    groupId: subject.groupId ?? null,
    permission: null,
    roleId: SYSTEM_ROLE_IDS.owner,
    restrictObjectType: null,
  }
}

function evaluator(members: string[], owners: string[], acls: Acl[] = []): Evaluator {
  return new Evaluator(
    buildWorld({
      orgId: ORG,
      plan: 'enterprise',
      members,
      groups: [{ id: 'owners', memberUsers: owners, memberGroups: [] }],
      roles: SYSTEM_ROLES,
      acls: [ownerAcl('owners-acl', { groupId: 'owners' }), ...acls],
    }),
  )
}

function outcome(fn: () => void): string {
  try {
    fn()
    return 'kept'
  } catch (err) {
    if (!(err instanceof AppError)) {
      throw err
    }
    return `${err.code}: ${err.message}`
  }
}

const LAST = 'LAST_OWNER: An organization must keep at least one owner'
const PEOPLE = new Set(['alice', 'bob'])

describe('assertKeepsOwner', () => {
  it('passes while one person still owns the org', () => {
    expect(outcome(() => assertKeepsOwner(evaluator(['alice', 'bob'], ['alice']), PEOPLE))).toBe(
      'kept',
    )
  })

  it('refuses when no member is left in Owners', () => {
    expect(outcome(() => assertKeepsOwner(evaluator(['alice', 'bob'], []), PEOPLE))).toBe(LAST)
  })

  it('refuses when the only owner is no longer a member', () => {
    expect(outcome(() => assertKeepsOwner(evaluator(['bob'], ['alice']), PEOPLE))).toBe(LAST)
  })

  it('does not count a service account as the owner that must remain', () => {
    const ev = evaluator(['alice', 'robot'], ['robot'])
    expect(outcome(() => assertKeepsOwner(ev, new Set(['alice'])))).toBe(LAST)
  })

  it('counts a direct Owner grant as well as the Owners group', () => {
    const ev = evaluator(['alice', 'bob'], [], [ownerAcl('direct', { userId: 'bob' })])
    expect(outcome(() => assertKeepsOwner(ev, PEOPLE))).toBe('kept')
  })

  it('counts every permission on the org granted one by one', () => {
    const acls = PERMISSIONS.map(
      (permission, i): Acl => ({
        ...ownerAcl(`p${i}`, { userId: 'bob' }),
        roleId: null,
        permission,
      }),
    )
    expect(outcome(() => assertKeepsOwner(evaluator(['bob'], [], acls), PEOPLE))).toBe('kept')
    expect(outcome(() => assertKeepsOwner(evaluator(['bob'], [], acls.slice(1)), PEOPLE))).toBe(
      LAST,
    )
  })

  it('does not count an Engineer as an owner', () => {
    const engineer: Acl = {
      ...ownerAcl('eng', { userId: 'bob' }),
      roleId: SYSTEM_ROLE_IDS.engineer,
    }
    expect(outcome(() => assertKeepsOwner(evaluator(['bob'], [], [engineer]), PEOPLE))).toBe(LAST)
  })

  it('carries the org id, and is a 403', () => {
    try {
      assertKeepsOwner(evaluator([], []), PEOPLE)
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(AppError)
      expect((err as AppError).details).toEqual({ orgId: ORG })
      expect((err as AppError).kind).toBe('forbidden')
    }
  })
})
