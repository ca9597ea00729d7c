import { describe, expect, it } from 'vitest'
import type { Store } from '../../ports.js'
import {
  addMember,
  createTestDeps,
  seedOrg,
  TEST_PASSWORD,
  type TestDeps,
} from '../../testing/index.js'
import { authenticateSession, SESSION_TOUCH_INTERVAL_MS } from './authenticate-session.js'
import { login } from './login.js'
import { newSessionSecret, SESSION_IDLE_MS, SESSION_MAX_MS } from './session-secrets.js'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE

/** Counts the transactions opened, to tell reads and writes from none at all. */
function counting(base: TestDeps): { deps: TestDeps; transactions: () => number } {
  let transactions = 0
  const store: Store = {
    transaction(fn) {
      transactions++
      return base.store.transaction(fn)
    },
    close: () => base.store.close(),
    onAuthzCommit: (listener) => base.store.onAuthzCommit(listener),
  }
  return { deps: { ...base, store }, transactions: () => transactions }
}

async function loggedIn(deps: TestDeps) {
  const seeded = await seedOrg(deps)
  const result = await login(deps, { email: seeded.owner.email, password: TEST_PASSWORD })
  return { ...seeded, ...result }
}

async function storedLastSeen(deps: TestDeps, sessionId: string) {
  return (await deps.store.transaction((tx) => tx.sessions.find(sessionId)))?.lastSeenAt
}

describe('authenticateSession', () => {
  it('turns a live token into its person’s actor', async () => {
    const deps = createTestDeps()
    const { owner, session, token } = await loggedIn(deps)
    const found = await authenticateSession(deps, token)
    expect(found).toEqual({
      actor: {
        userId: owner.id,
        credential: { kind: 'session', id: session.id, orgId: null },
        impersonatorId: null,
      },
      session,
    })
  })

  it('refuses malformed tokens without touching storage', async () => {
    const base = createTestDeps()
    const { token, csrfToken } = await loggedIn(base)
    const { deps, transactions } = counting(base)
    const malformed = [
      '',
      token.slice(0, -1),
      `${token}A`,
      `${token.slice(0, -1)}-`,
      `${token.slice(0, -1)}é`,
      ` ${token.slice(1)}`,
      'x'.repeat(100_000),
      `sk-${token.slice(3)}`,
    ]
    for (const raw of malformed) {
      expect(await authenticateSession(deps, raw)).toBeUndefined()
    }
    expect(transactions()).toBe(0)
    // Well-formed but not a session token (the CSRF token, a random one): one read, no match.
    expect(await authenticateSession(deps, csrfToken)).toBeUndefined()
    expect(await authenticateSession(deps, newSessionSecret(deps.crypto).secret)).toBeUndefined()
    expect(transactions()).toBe(2)
  })

  it('refuses a revoked session', async () => {
    const deps = createTestDeps()
    const { session, token } = await loggedIn(deps)
    await deps.store.transaction((tx) => tx.sessions.revoke(session.id, deps.clock.now()))
    expect(await authenticateSession(deps, token)).toBeUndefined()
  })

  it('ends a session left idle for 12 hours', async () => {
    expect(SESSION_IDLE_MS).toBe(12 * HOUR)
    const deps = createTestDeps()
    const { token } = await loggedIn(deps)
    deps.clock.advance(SESSION_IDLE_MS - 1)
    expect(await authenticateSession(deps, token)).toBeDefined()
    deps.clock.advance(SESSION_IDLE_MS - 1)
    expect(await authenticateSession(deps, token)).toBeDefined()
    deps.clock.advance(SESSION_IDLE_MS)
    expect(await authenticateSession(deps, token)).toBeUndefined()
  })

  it('ends an active session at its absolute end, 7 days after login', async () => {
    const deps = createTestDeps()
    const login0 = deps.clock.now()
    const { token } = await loggedIn(deps)
    while (deps.clock.now() + 11 * HOUR < login0 + SESSION_MAX_MS) {
      deps.clock.advance(11 * HOUR)
      expect(await authenticateSession(deps, token)).toBeDefined()
    }
    deps.clock.set(login0 + SESSION_MAX_MS - 1)
    expect(await authenticateSession(deps, token)).toBeDefined()
    deps.clock.set(login0 + SESSION_MAX_MS)
    expect(await authenticateSession(deps, token)).toBeUndefined()
  })

  it('refuses the session of a deleted user', async () => {
    const deps = createTestDeps()
    const { owner, token } = await loggedIn(deps)
    await deps.store.transaction(async (tx) => {
      const user = await tx.users.find(owner.id)
      if (user !== undefined) {
        await tx.users.update({ ...user, deletedAt: deps.clock.now() })
      }
    })
    expect(await authenticateSession(deps, token)).toBeUndefined()
  })

  it('refuses a session that names a service account', async () => {
    const deps = createTestDeps()
    const { org } = await seedOrg(deps)
    const sa = await addMember(deps, org, { kind: 'service_account' })
    const secret = newSessionSecret(deps.crypto)
    const now = deps.clock.now()
    await deps.store.transaction((tx) =>
      tx.sessions.insert({
        id: deps.crypto.uuid(),
        userId: sa.id,
        tokenHash: secret.hash,
        csrfHash: newSessionSecret(deps.crypto).hash,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: now + SESSION_MAX_MS,
        revokedAt: null,
        ip: null,
        userAgent: null,
      }),
    )
    expect(await authenticateSession(deps, secret.secret)).toBeUndefined()
  })

  it('writes lastSeenAt at most once a minute', async () => {
    const base = createTestDeps()
    const { session, token } = await loggedIn(base)
    const { deps, transactions } = counting(base)
    const t0 = session.lastSeenAt

    deps.clock.advance(SESSION_TOUCH_INTERVAL_MS - 1)
    expect((await authenticateSession(deps, token))?.session.lastSeenAt).toBe(t0)
    expect(transactions()).toBe(1)
    expect(await storedLastSeen(base, session.id)).toBe(t0)

    deps.clock.advance(1)
    const touched = await authenticateSession(deps, token)
    expect(touched?.session.lastSeenAt).toBe(t0 + SESSION_TOUCH_INTERVAL_MS)
    expect(transactions()).toBe(3)
    expect(await storedLastSeen(base, session.id)).toBe(t0 + SESSION_TOUCH_INTERVAL_MS)

    for (let i = 0; i < 10; i++) {
      deps.clock.advance(1000)
      await authenticateSession(deps, token)
    }
    expect(transactions()).toBe(13)
    expect(await storedLastSeen(base, session.id)).toBe(t0 + SESSION_TOUCH_INTERVAL_MS)
  })
})
