import { describe, expect, it } from 'vitest'
import { isAppError } from '../../errors.js'
import { auditEvents, createTestDeps } from '../../testing/index.js'
import { loadEvaluator } from '../operation.js'
import { bootstrapOrganization } from './bootstrap-organization.js'

const PASSWORD = 'a long password'

describe('bootstrapOrganization', () => {
  it.each([
    ['starter', ['Owners']],
    ['pro', ['Owners', 'Engineers', 'Viewers']],
    ['enterprise', ['Owners', 'Engineers', 'Viewers']],
  ] as const)('gives a %s org its built-in groups and an owner', async (plan, names) => {
    const deps = createTestDeps()
    const { org, user, createdUser } = await bootstrapOrganization(deps, {
      orgName: 'acme',
      email: 'Owner@Acme.Test',
      password: PASSWORD,
      plan,
    })
    expect(createdUser).toBe(true)
    expect(user.email).toBe('owner@acme.test')
    const groups = await deps.store.transaction((tx) => tx.groups.listAll(org.id))
    expect(groups.map((g) => g.name).sort()).toEqual([...names].sort())
    const ev = await deps.store.transaction((tx) => loadEvaluator(tx, org))
    expect(ev.isOwner(user.id)).toBe(true)
    const [event] = await auditEvents(deps, org.id)
    expect(event).toMatchObject({ seq: 1, action: 'organization.create', outcome: 'success' })
    expect(JSON.stringify(event)).not.toContain(PASSWORD)
  })

  it('defaults to Enterprise and makes an existing user the owner without touching the password', async () => {
    const deps = createTestDeps()
    const first = await bootstrapOrganization(deps, {
      orgName: 'one',
      email: 'o@x.test',
      password: PASSWORD,
    })
    const second = await bootstrapOrganization(deps, {
      orgName: 'two',
      email: 'o@x.test',
      password: 'another long one',
    })
    expect(second.org.plan).toBe('enterprise')
    expect(second.createdUser).toBe(false)
    expect(second.user.id).toBe(first.user.id)
    expect(second.user.passwordHash).toBe(first.user.passwordHash)
  })

  it('refuses a taken name, a bad email, a short password, and a new user without one', async () => {
    const deps = createTestDeps()
    await bootstrapOrganization(deps, { orgName: 'acme', email: 'o@x.test', password: PASSWORD })
    const cases = [
      [{ orgName: 'acme', email: 'p@x.test', password: PASSWORD }, 'ORG_NAME_TAKEN'],
      [{ orgName: 'b', email: 'not an email', password: PASSWORD }, 'EMAIL_INVALID'],
      [{ orgName: 'c', email: 'q@x.test', password: 'short' }, 'PASSWORD_TOO_SHORT'],
      [{ orgName: 'd', email: 'r@x.test' }, 'VALIDATION_FAILED'],
      [{ orgName: '  ', email: 's@x.test', password: PASSWORD }, 'VALIDATION_FAILED'],
    ] as const
    for (const [input, code] of cases) {
      const err = await bootstrapOrganization(deps, input).catch((e: unknown) => e)
      expect(isAppError(err, code), `${JSON.stringify(input)} → ${code}`).toBe(true)
    }
    const orgs = await deps.store.transaction((tx) => tx.orgs.listAll())
    expect(orgs.map((o) => o.name)).toEqual(['acme'])
  })

  it('first-run setup works only while no organization exists', async () => {
    const deps = createTestDeps()
    await bootstrapOrganization(deps, {
      orgName: 'first',
      email: 'o@x.test',
      password: PASSWORD,
      firstOnly: true,
    })
    const again = await bootstrapOrganization(deps, {
      orgName: 'second',
      email: 'p@x.test',
      password: PASSWORD,
      firstOnly: true,
    }).catch((e: unknown) => e)
    expect(isAppError(again, 'SETUP_NOT_AVAILABLE')).toBe(true)
  })
})
