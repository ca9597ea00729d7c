import {
  authenticateSession,
  changePassword,
  csrfMatches,
  GENESIS_HASH,
  InProcessLoginThrottle,
  login,
  logout,
  SESSION_IDLE_MS,
  verifyEvents,
} from '@gatehouse/core'
import {
  addMember,
  createFakePasswordHasher,
  createFixedClock,
  createTestCrypto,
  seedOrg,
  TEST_PASSWORD,
} from '@gatehouse/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestStore, testStoreDialects } from './testing/test-stores.js'

/* Browser sessions end to end below HTTP, on the real stores: login, requests, logout. */

const dialects = testStoreDialects('sessions.test.ts')

describe.each(dialects)('sessions on %s', (_dialect, open) => {
  let handle: TestStore

  beforeEach(async () => {
    handle = await open()
  })

  afterEach(async () => {
    await handle.close()
  })

  function deps() {
    return {
      store: handle.store,
      clock: createFixedClock(),
      crypto: createTestCrypto(42),
      passwords: createFakePasswordHasher(),
    }
  }

  it('logs in, authenticates, touches, logs out, with an audit chain that verifies', async () => {
    const d = deps()
    const { org, owner } = await seedOrg(d, { ownerEmail: 'ada@example.com' })
    const throttle = new InProcessLoginThrottle(d.clock)
    const { session, token, csrfToken } = await login(
      d,
      { email: 'Ada@Example.com', password: TEST_PASSWORD, ip: '198.51.100.7', userAgent: 'UA' },
      { throttle },
    )

    const found = await authenticateSession(d, token)
    expect(found?.actor).toEqual({
      userId: owner.id,
      credential: { kind: 'session', id: session.id, orgId: null },
      impersonatorId: null,
    })
    expect(found?.session).toEqual(session)
    expect(found && csrfMatches(d, found.session, csrfToken)).toBe(true)

    d.clock.advance(SESSION_IDLE_MS - 1)
    expect((await authenticateSession(d, token))?.session.lastSeenAt).toBe(d.clock.now())
    const stored = await handle.store.transaction((tx) => tx.sessions.find(session.id))
    expect(stored?.lastSeenAt).toBe(d.clock.now())

    if (found === undefined) {
      throw new Error('not logged in')
    }
    await logout(d, found.actor)
    expect(await authenticateSession(d, token)).toBeUndefined()

    await handle.store.transaction(async (tx) => {
      const events = await tx.audit.scan(org.id, 0, 100)
      expect(events.map((e) => e.action)).toEqual([
        'organization.create',
        'session.login',
        'session.logout',
      ])
      expect(verifyEvents(d.crypto, { seq: 0, hash: GENESIS_HASH }, events).ok).toBe(true)
      const seen = await tx.sessions.lastSeenByUsers([owner.id])
      expect(seen.get(owner.id)).toBe(d.clock.now())
    })
  })

  it('ends the other sessions of a person who changes the password', async () => {
    const d = deps()
    const { org, owner } = await seedOrg(d)
    const other = await addMember(d, org)
    const here = await login(d, { email: owner.email, password: TEST_PASSWORD })
    const there = await login(d, { email: owner.email, password: TEST_PASSWORD })
    const theirs = await login(d, { email: other.email, password: TEST_PASSWORD })
    const found = await authenticateSession(d, here.token)
    if (found === undefined) {
      throw new Error('not logged in')
    }
    await changePassword(d, found.actor, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new password',
    })
    expect(await authenticateSession(d, here.token)).toBeDefined()
    expect(await authenticateSession(d, there.token)).toBeUndefined()
    expect(await authenticateSession(d, theirs.token)).toBeDefined()
    await expect(login(d, { email: owner.email, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    })
  })
})
