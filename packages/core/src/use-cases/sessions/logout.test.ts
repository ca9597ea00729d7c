import { describe, expect, it } from 'vitest'
import type { Actor } from '../../actor.js'
import {
  addMember,
  apiKeyActor,
  auditEvents,
  createTestDeps,
  seedOrg,
  TEST_PASSWORD,
} from '../../testing/index.js'
import { authenticateSession } from './authenticate-session.js'
import { login } from './login.js'
import { logout } from './logout.js'

describe('logout', () => {
  it('ends the session it came with, audited in every org of the person', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps, { ownerEmail: 'ada@example.com' })
    const b = await seedOrg(deps)
    await addMember(deps, b.org, { email: 'ada@example.com' })
    const here = await login(deps, { email: 'ada@example.com', password: TEST_PASSWORD })
    const elsewhere = await login(deps, { email: 'ada@example.com', password: TEST_PASSWORD })
    const found = await authenticateSession(deps, here.token)
    if (found === undefined) {
      throw new Error('not logged in')
    }

    deps.clock.advance(5000)
    await logout(deps, { ...found.actor, requestId: 'req-9' })
    expect(await authenticateSession(deps, here.token)).toBeUndefined()
    expect(await authenticateSession(deps, elsewhere.token)).toBeDefined()
    const stored = await deps.store.transaction((tx) => tx.sessions.find(here.session.id))
    expect(stored?.revokedAt).toBe(deps.clock.now())

    for (const org of [a.org, b.org]) {
      const last = (await auditEvents(deps, org.id)).at(-1)
      expect(last).toMatchObject({
        action: 'session.logout',
        outcome: 'success',
        actor: { userId: a.owner.id, credentialKind: 'session', credentialId: here.session.id },
        objectType: 'session',
        objectId: here.session.id,
        requestId: 'req-9',
        before: { revokedAt: null },
        after: { revokedAt: deps.clock.now() },
      })
    }
  })

  it('does nothing, quietly, the second time', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const { session } = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const actor: Actor = {
      userId: owner.id,
      credential: { kind: 'session', id: session.id, orgId: null },
      impersonatorId: null,
    }
    await logout(deps, actor)
    const count = (await auditEvents(deps, org.id)).length
    const firstRevokedAt = deps.clock.now()
    deps.clock.advance(1000)
    await logout(deps, actor)
    expect((await auditEvents(deps, org.id)).length).toBe(count)
    const stored = await deps.store.transaction((tx) => tx.sessions.find(session.id))
    expect(stored?.revokedAt).toBe(firstRevokedAt)
  })

  it('never ends a session of somebody else', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const other = await addMember(deps, org)
    const victim = await login(deps, { email: other.email, password: TEST_PASSWORD })
    await logout(deps, {
      userId: owner.id,
      credential: { kind: 'session', id: victim.session.id, orgId: null },
      impersonatorId: null,
    })
    expect(await authenticateSession(deps, victim.token)).toBeDefined()
  })

  it('ends the impersonator’s own session under impersonation', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const person = await addMember(deps, org)
    const mine = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const theirs = await login(deps, { email: person.email, password: TEST_PASSWORD })
    await logout(deps, {
      userId: person.id,
      credential: { kind: 'session', id: mine.session.id, orgId: null },
      impersonatorId: owner.id,
    })
    expect(await authenticateSession(deps, mine.token)).toBeUndefined()
    expect(await authenticateSession(deps, theirs.token)).toBeDefined()
  })

  it('is refused for anything but a session', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    await expect(logout(deps, apiKeyActor(owner, org.id))).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    })
    await expect(
      logout(deps, {
        userId: owner.id,
        credential: { kind: 'session', id: null, orgId: null },
        impersonatorId: null,
      }),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' })
  })
})
