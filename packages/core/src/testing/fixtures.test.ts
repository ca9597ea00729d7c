import { describe, expect, it } from 'vitest'
import { GENESIS_HASH, verifyEvents } from '../audit/chain.js'
import { isAppError } from '../errors.js'
import {
  addMember,
  apiKeyActor,
  auditEvents,
  seedOrg,
  serviceTokenActor,
  sessionActor,
  TEST_PASSWORD,
} from './fixtures.js'
import { createTestDeps, DEFAULT_NOW } from './test-deps.js'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('createTestDeps', () => {
  it('has a fixed clock that moves only when told', () => {
    const deps = createTestDeps()
    expect(deps.clock.now()).toBe(DEFAULT_NOW)
    expect(new Date(DEFAULT_NOW).toISOString()).toBe('2026-01-01T00:00:00.000Z')
    deps.clock.advance(1500)
    expect(deps.clock.now()).toBe(DEFAULT_NOW + 1500)
    deps.clock.set(42)
    expect(deps.clock.now()).toBe(42)
    expect(createTestDeps({ now: 7 }).clock.now()).toBe(7)
  })

  it('makes deterministic, distinct v4 uuids and random bytes per seed', () => {
    const a = createTestDeps({ seed: 1 })
    const b = createTestDeps({ seed: 1 })
    const c = createTestDeps({ seed: 2 })
    const ids = Array.from({ length: 200 }, () => a.crypto.uuid())
    expect(new Set(ids).size).toBe(200)
    for (const id of ids) {
      expect(id).toMatch(UUID_V4)
    }
    expect(Array.from({ length: 200 }, () => b.crypto.uuid())).toEqual(ids)
    expect(c.crypto.uuid()).not.toBe(ids[0])
    const bytes = a.crypto.randomBytes(33)
    expect(bytes).toHaveLength(33)
    expect(new Set(bytes).size).toBeGreaterThan(10)
  })

  it('hashes passwords fast, verifies them, and refuses oversized ones before hashing', async () => {
    const { passwords } = createTestDeps()
    const stored = await passwords.hash('hunter2hunter2')
    expect(stored).not.toContain('hunter2')
    expect(await passwords.verify('hunter2hunter2', stored)).toBe(true)
    expect(await passwords.verify('hunter2hunter3', stored)).toBe(false)
    const huge = 'x'.repeat(1025)
    await expect(passwords.hash(huge)).rejects.toSatisfy((e) => isAppError(e, 'PASSWORD_TOO_LONG'))
    await expect(passwords.verify(huge, stored)).rejects.toSatisfy((e) =>
      isAppError(e, 'PASSWORD_TOO_LONG'),
    )
  })
})

describe('seedOrg and addMember', () => {
  it('bootstraps an enterprise org with built-in groups and an owner who can log in', async () => {
    const deps = createTestDeps()
    const seeded = await seedOrg(deps, { name: 'Acme', ownerEmail: 'Boss@Example.com' })
    expect(seeded.org.name).toBe('Acme')
    expect(seeded.org.plan).toBe('enterprise')
    expect(seeded.owner.email).toBe('boss@example.com')
    expect(seeded.groups.owners.memberUsers).toEqual([seeded.owner.id])
    expect(seeded.groups.engineers?.builtin).toBe('engineers')
    expect(seeded.groups.viewers?.builtin).toBe('viewers')
    expect(seeded.ownerActor).toMatchObject({
      userId: seeded.owner.id,
      credential: { kind: 'session', orgId: null },
      impersonatorId: null,
    })
    const hash = seeded.owner.passwordHash ?? ''
    expect(await deps.passwords.verify(TEST_PASSWORD, hash)).toBe(true)
    const events = await auditEvents(deps, seeded.org.id)
    expect(events.map((e) => e.action)).toEqual(['organization.create'])
    expect(verifyEvents(deps.crypto, { seq: 0, hash: GENESIS_HASH }, events).ok).toBe(true)
  })

  it('gives a starter org only the Owners group, and several orgs fit in one store', async () => {
    const deps = createTestDeps()
    const one = await seedOrg(deps, { plan: 'starter' })
    const two = await seedOrg(deps)
    expect(one.org.id).not.toBe(two.org.id)
    expect(one.org.name).not.toBe(two.org.name)
    expect(one.groups.engineers).toBeUndefined()
    expect(one.groups.viewers).toBeUndefined()
  })

  it('adds people and service accounts with memberships and group memberships', async () => {
    const deps = createTestDeps()
    const { org, groups } = await seedOrg(deps)
    const engineers = groups.engineers
    const viewers = groups.viewers
    if (engineers === undefined || viewers === undefined) {
      throw new Error('enterprise orgs have Engineers and Viewers')
    }
    const before = await deps.store.transaction((tx) => tx.orgs.find(org.id))
    const alice = await addMember(deps, org, {
      email: 'Alice@Example.com',
      groups: [engineers, viewers],
      name: 'Alice',
    })
    const bob = await addMember(deps, org, { groups: [engineers] })
    const robot = await addMember(deps, org, { kind: 'service_account', name: 'ci' })

    expect(alice).toMatchObject({ kind: 'user', email: 'alice@example.com', givenName: 'Alice' })
    expect(await deps.passwords.verify(TEST_PASSWORD, alice.passwordHash ?? '')).toBe(true)
    expect(robot).toMatchObject({
      kind: 'service_account',
      email: `${robot.id}@service-account.gatehouse.invalid`,
      givenName: 'ci',
      passwordHash: null,
      serviceAccountOrgId: org.id,
    })
    await deps.store.transaction(async (tx) => {
      const members = (await tx.members.listByOrg(org.id)).map((m) => m.userId)
      expect(members).toEqual(expect.arrayContaining([alice.id, bob.id, robot.id]))
      expect((await tx.groups.find(engineers.id))?.memberUsers).toEqual([alice.id, bob.id])
      expect((await tx.groups.find(viewers.id))?.memberUsers).toEqual([alice.id])
      const after = await tx.orgs.find(org.id)
      expect(after?.authzVersion).toBeGreaterThan(before?.authzVersion ?? Number.POSITIVE_INFINITY)
    })
  })

  it('reuses an existing user by email, making one person a member of two orgs', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const carol = await addMember(deps, a.org, { email: 'carol@example.com' })
    const again = await addMember(deps, b.org, { email: 'CAROL@example.com' })
    expect(again.id).toBe(carol.id)
    const orgs = await deps.store.transaction((tx) => tx.members.listByUser(carol.id))
    expect(orgs.map((m) => m.orgId).sort()).toEqual([a.org.id, b.org.id].sort())
  })
})

describe('actor helpers', () => {
  it('build session, API key and service token actors', () => {
    expect(sessionActor('u1', { impersonatorId: 'boss' })).toMatchObject({
      userId: 'u1',
      credential: { kind: 'session', id: null, orgId: null },
      impersonatorId: 'boss',
    })
    expect(apiKeyActor('u1', 'o1', { credentialId: 'k1' })).toMatchObject({
      userId: 'u1',
      credential: { kind: 'api_key', id: 'k1', orgId: 'o1' },
      impersonatorId: null,
    })
    expect(serviceTokenActor('sa', 'o1')).toMatchObject({
      userId: 'sa',
      credential: { kind: 'service_token', orgId: 'o1' },
      impersonatorId: null,
    })
  })
})
