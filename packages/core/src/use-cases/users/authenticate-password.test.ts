import { describe, expect, it } from 'vitest'
import type { PasswordHasher } from '../../ports.js'
import { addMember, createTestDeps, seedOrg, TEST_PASSWORD } from '../../testing/index.js'
import { authenticatePassword } from './authenticate-password.js'

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

describe('authenticatePassword', () => {
  it('returns the user for the right password, whatever the email’s case', async () => {
    const deps = createTestDeps()
    const { owner } = await seedOrg(deps, { ownerEmail: 'me@example.com' })
    const user = await authenticatePassword(deps, {
      email: ' ME@example.com ',
      password: TEST_PASSWORD,
    })
    expect(user?.id).toBe(owner.id)
  })

  it('answers undefined for a wrong password and an unknown email, verifying both', async () => {
    const base = createTestDeps()
    const passwords = countingHasher(base.passwords)
    const deps = { ...base, passwords }
    await seedOrg(deps, { ownerEmail: 'me@example.com' })

    passwords.verifies = 0
    expect(
      await authenticatePassword(deps, { email: 'me@example.com', password: 'wrong password' }),
    ).toBeUndefined()
    expect(passwords.verifies).toBe(1)
    expect(
      await authenticatePassword(deps, { email: 'nobody@example.com', password: TEST_PASSWORD }),
    ).toBeUndefined()
    expect(passwords.verifies).toBe(2)
  })

  it('never logs a service account in', async () => {
    const deps = createTestDeps()
    const { org } = await seedOrg(deps)
    const sa = await addMember(deps, org, { kind: 'service_account' })
    expect(
      await authenticatePassword(deps, { email: sa.email, password: TEST_PASSWORD }),
    ).toBeUndefined()
  })

  it('refuses an oversized password before any lookup', async () => {
    const deps = createTestDeps()
    await expect(
      authenticatePassword(deps, { email: 'a@example.com', password: 'x'.repeat(1025) }),
    ).rejects.toMatchObject({ code: 'PASSWORD_TOO_LONG' })
  })
})
