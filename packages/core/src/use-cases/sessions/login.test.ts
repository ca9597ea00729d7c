import { describe, expect, it } from 'vitest'
import { isAppError } from '../../errors.js'
import { InProcessLoginThrottle } from '../../policies/login-throttle.js'
import type { PasswordHasher } from '../../ports.js'
import {
  addMember,
  auditEvents,
  createTestDeps,
  seedOrg,
  TEST_PASSWORD,
  type TestDeps,
} from '../../testing/index.js'
import { authenticateSession } from './authenticate-session.js'
import { login } from './login.js'
import { SESSION_MAX_MS } from './session-secrets.js'

const BASE62_43 = /^[0-9A-Za-z]{43}$/

function countingHasher(inner: PasswordHasher): PasswordHasher & { verifies: number } {
  const counted = {
    verifies: 0,
    hash: (password: string) => inner.hash(password),
    verify: async (password: string, stored: string) => {
      counted.verifies++
      return inner.verify(password, stored)
    },
  }
  return counted
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (err) {
    return err
  }
  throw new Error('expected a refusal')
}

async function sessionsOf(deps: TestDeps, userId: string) {
  return deps.store.transaction((tx) => tx.sessions.listForUser(userId, deps.clock.now()))
}

describe('login', () => {
  it('opens a session with fresh secrets, kept only as hashes', async () => {
    const deps = createTestDeps()
    const { owner } = await seedOrg(deps, { ownerEmail: 'ada@example.com' })
    const now = deps.clock.now()
    const result = await login(deps, {
      email: ' ADA@example.com ',
      password: TEST_PASSWORD,
      ip: '198.51.100.7',
      userAgent: 'Mozilla/5.0',
    })

    expect(result.user.id).toBe(owner.id)
    expect(result.token).toMatch(BASE62_43)
    expect(result.csrfToken).toMatch(BASE62_43)
    expect(result.csrfToken).not.toBe(result.token)
    expect(result.session).toEqual({
      id: expect.any(String),
      userId: owner.id,
      tokenHash: deps.crypto.sha256Hex(result.token),
      csrfHash: deps.crypto.sha256Hex(result.csrfToken),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + SESSION_MAX_MS,
      revokedAt: null,
      ip: '198.51.100.7',
      userAgent: 'Mozilla/5.0',
    })
    expect(SESSION_MAX_MS).toBe(7 * 24 * 60 * 60 * 1000)
    const stored = await deps.store.transaction((tx) =>
      tx.sessions.findByTokenHash(deps.crypto.sha256Hex(result.token)),
    )
    expect(stored).toEqual(result.session)
    expect(JSON.stringify(stored)).not.toContain(result.token)
    expect(JSON.stringify(stored)).not.toContain(result.csrfToken)
    expect((await authenticateSession(deps, result.token))?.actor.userId).toBe(owner.id)
  })

  it('gives every login its own session and secrets', async () => {
    const deps = createTestDeps()
    const { owner } = await seedOrg(deps)
    const a = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const b = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    expect(b.session.id).not.toBe(a.session.id)
    expect(b.token).not.toBe(a.token)
    expect(b.csrfToken).not.toBe(a.csrfToken)
    expect((await sessionsOf(deps, owner.id)).map((s) => s.id).sort()).toEqual(
      [a.session.id, b.session.id].sort(),
    )
  })

  it('refuses unknown, wrong, deleted and service accounts with one and the same error', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const sa = await addMember(deps, org, { kind: 'service_account' })
    const gone = await addMember(deps, org, { email: 'gone@example.com' })
    await deps.store.transaction(async (tx) => {
      const user = await tx.users.find(gone.id)
      if (user !== undefined) {
        await tx.users.update({ ...user, deletedAt: deps.clock.now() })
      }
    })
    const attempts = [
      { email: 'nobody@example.com', password: TEST_PASSWORD },
      { email: owner.email, password: 'not the password' },
      { email: owner.email, password: TEST_PASSWORD.toUpperCase() },
      { email: sa.email, password: TEST_PASSWORD },
      { email: gone.email, password: TEST_PASSWORD },
      { email: '', password: '' },
    ]
    const before = (await auditEvents(deps, org.id)).length
    for (const attempt of attempts) {
      const err = await refusal(login(deps, attempt))
      expect(isAppError(err, 'UNAUTHENTICATED')).toBe(true)
      expect(err).toMatchObject({
        message: 'Credentials are missing or invalid',
        details: undefined,
      })
    }
    for (const user of [owner, sa, gone]) {
      expect(await sessionsOf(deps, user.id)).toEqual([])
    }
    expect((await auditEvents(deps, org.id)).length).toBe(before)
  })

  it('audits the login in every org of the person, as the session itself', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps, { ownerEmail: 'ada@example.com' })
    const b = await seedOrg(deps)
    await addMember(deps, b.org, { email: 'ada@example.com' })
    const lonely = await seedOrg(deps)

    const { session, token, csrfToken } = await login(deps, {
      email: 'ada@example.com',
      password: TEST_PASSWORD,
      ip: '198.51.100.7',
      requestId: 'req-1',
    })
    for (const org of [a.org, b.org]) {
      const last = (await auditEvents(deps, org.id)).at(-1)
      expect(last).toMatchObject({
        action: 'session.login',
        outcome: 'success',
        actor: {
          userId: a.owner.id,
          credentialKind: 'session',
          credentialId: session.id,
          impersonatorId: null,
        },
        objectType: 'session',
        objectId: session.id,
        requestId: 'req-1',
        after: { id: session.id, userId: a.owner.id, ip: '198.51.100.7' },
      })
      const text = JSON.stringify(last)
      for (const secret of [token, csrfToken, session.tokenHash, session.csrfHash]) {
        expect(text).not.toContain(secret)
      }
    }
    expect((await auditEvents(deps, lonely.org.id)).some((e) => e.action === 'session.login')).toBe(
      false,
    )
  })

  it('keeps what it stores of the client small', async () => {
    const deps = createTestDeps()
    const { owner } = await seedOrg(deps)
    const { session } = await login(deps, {
      email: owner.email,
      password: TEST_PASSWORD,
      ip: '  ',
      userAgent: `  ${'x'.repeat(5000)}`,
    })
    expect(session.ip).toBeNull()
    expect(session.userAgent).toBe('x'.repeat(512))
  })

  it('refuses when the password changed while it was being checked', async () => {
    const base = createTestDeps()
    const { owner } = await seedOrg(base)
    const newHash = await base.passwords.hash('a password set meanwhile')
    const deps: TestDeps = {
      ...base,
      passwords: {
        hash: (p) => base.passwords.hash(p),
        verify: async (p, stored) => {
          const ok = await base.passwords.verify(p, stored)
          await base.store.transaction(async (tx) => {
            const user = await tx.users.find(owner.id)
            if (user !== undefined) {
              await tx.users.update({ ...user, passwordHash: newHash })
            }
          })
          return ok
        },
      },
    }
    await expect(
      login(deps, { email: owner.email, password: TEST_PASSWORD }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(await sessionsOf(base, owner.id)).toEqual([])
  })

  describe('with a throttle', () => {
    const ATTACKER_IP = '203.0.113.66'

    it('refuses the 101st attempt on an account from a failing IP before checking the password', async () => {
      const base = createTestDeps()
      const passwords = countingHasher(base.passwords)
      const deps = { ...base, passwords }
      const { owner } = await seedOrg(deps, { ownerEmail: 'victim@example.com' })
      const throttle = new InProcessLoginThrottle(deps.clock)
      for (let i = 0; i < 100; i++) {
        await expect(
          login(
            deps,
            { email: owner.email, password: `guess ${i}`, ip: ATTACKER_IP },
            { throttle },
          ),
        ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
      }
      passwords.verifies = 0
      // Even the right password: the attempt is not processed at all.
      const err = await refusal(
        login(deps, { email: owner.email, password: TEST_PASSWORD, ip: ATTACKER_IP }, { throttle }),
      )
      expect(err).toMatchObject({
        code: 'RATE_LIMITED',
        message: 'Too many requests; retry later',
        details: { retry_after_seconds: 3600 },
      })
      expect(passwords.verifies).toBe(0)

      deps.clock.advance(20 * 60 * 1000)
      await expect(
        login(deps, { email: owner.email, password: 'guess', ip: ATTACKER_IP }, { throttle }),
      ).rejects.toMatchObject({ details: { retry_after_seconds: 2400 } })

      // The victim, from an address that never failed, still logs in.
      const ok = await login(
        deps,
        { email: 'Victim@Example.com', password: TEST_PASSWORD, ip: '198.51.100.7' },
        { throttle },
      )
      expect(ok.user.id).toBe(owner.id)
    })

    it('lets a person log in again and again from one address', async () => {
      const deps = createTestDeps()
      const { owner } = await seedOrg(deps)
      const throttle = new InProcessLoginThrottle(deps.clock, { accountLimit: 5, ipLimit: 5 })
      for (let i = 0; i < 20; i++) {
        await login(
          deps,
          { email: owner.email, password: TEST_PASSWORD, ip: '198.51.100.7' },
          {
            throttle,
          },
        )
      }
      expect(await throttle.check(owner.email, '198.51.100.7')).toEqual({ allowed: true })
    })

    it('processes no more than the limit when guesses arrive all at once', async () => {
      const base = createTestDeps()
      const passwords = countingHasher(base.passwords)
      const deps = { ...base, passwords }
      const { owner } = await seedOrg(deps)
      const throttle = new InProcessLoginThrottle(deps.clock, { accountLimit: 10 })
      passwords.verifies = 0
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          login(
            deps,
            { email: owner.email, password: `guess ${i}`, ip: ATTACKER_IP },
            { throttle },
          ),
        ),
      )
      const codes = results.map((r) =>
        r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok',
      )
      expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(10)
      expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(40)
      expect(passwords.verifies).toBe(10)
    })

    it('counts failures per IP across accounts', async () => {
      const deps = createTestDeps()
      const { owner } = await seedOrg(deps)
      const throttle = new InProcessLoginThrottle(deps.clock, { ipLimit: 3 })
      for (let i = 0; i < 3; i++) {
        await expect(
          login(
            deps,
            { email: `nobody-${i}@example.com`, password: 'x', ip: ATTACKER_IP },
            { throttle },
          ),
        ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
      }
      await expect(
        login(deps, { email: owner.email, password: TEST_PASSWORD, ip: ATTACKER_IP }, { throttle }),
      ).rejects.toMatchObject({ code: 'RATE_LIMITED' })
      // Without a known address, attempts share one key, which is throttled on its own.
      await login(deps, { email: owner.email, password: TEST_PASSWORD }, { throttle })
    })
  })
})
