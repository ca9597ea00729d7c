import { describe, expect, it } from 'vitest'
import {
  addMember,
  apiKeyActor,
  auditEvents,
  createTestDeps,
  seedOrg,
  sessionActor,
  TEST_PASSWORD,
} from '../../testing/index.js'
import { authenticateSession } from '../sessions/authenticate-session.js'
import { login } from '../sessions/login.js'
import { authenticatePassword } from './authenticate-password.js'
import { changePassword } from './change-password.js'

describe('changePassword', () => {
  it('changes the password with the current one and audits it in every org of the user', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const person = await addMember(deps, a.org, { email: 'p@example.com' })
    await addMember(deps, b.org, { email: 'p@example.com' })

    await changePassword(deps, sessionActor(person), {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new password',
    })
    expect(
      await authenticatePassword(deps, { email: 'p@example.com', password: TEST_PASSWORD }),
    ).toBeUndefined()
    expect(
      (
        await authenticatePassword(deps, {
          email: 'p@example.com',
          password: 'a brand new password',
        })
      )?.id,
    ).toBe(person.id)
    for (const org of [a.org, b.org]) {
      const last = (await auditEvents(deps, org.id)).at(-1)
      expect(last?.action).toBe('user.change_password')
      expect(last?.outcome).toBe('success')
      expect(JSON.stringify(last)).not.toContain('a brand new password')
    }
  })

  it('ends every other session of the person, keeping the one that changed it', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const other = await addMember(deps, org)
    const here = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const stolen = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const theirs = await login(deps, { email: other.email, password: TEST_PASSWORD })
    const found = await authenticateSession(deps, here.token)
    if (found === undefined) {
      throw new Error('not logged in')
    }
    await changePassword(deps, found.actor, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new password',
    })
    expect(await authenticateSession(deps, here.token)).toBeDefined()
    expect(await authenticateSession(deps, stolen.token)).toBeUndefined()
    expect(await authenticateSession(deps, theirs.token)).toBeDefined()
    expect((await auditEvents(deps, org.id)).at(-1)?.after).toEqual({ revokedSessions: 1 })
  })

  it('ends no session when the current password is wrong', async () => {
    const deps = createTestDeps()
    const { owner } = await seedOrg(deps)
    const here = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const elsewhere = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const found = await authenticateSession(deps, here.token)
    if (found === undefined) {
      throw new Error('not logged in')
    }
    await expect(
      changePassword(deps, found.actor, {
        currentPassword: 'not the password',
        newPassword: 'a brand new password',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(await authenticateSession(deps, elsewhere.token)).toBeDefined()
  })

  it('refuses a wrong current password', async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor } = await seedOrg(deps)
    await expect(
      changePassword(deps, ownerActor, {
        currentPassword: 'not the password',
        newPassword: 'a brand new password',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(
      (await authenticatePassword(deps, { email: owner.email, password: TEST_PASSWORD }))?.id,
    ).toBe(owner.id)
    expect((await auditEvents(deps, org.id)).at(-1)?.outcome).toBe('denied')
  })

  it('is refused under impersonation, with the rule’s message', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const person = await addMember(deps, org)
    await expect(
      changePassword(deps, sessionActor(person, { impersonatorId: owner.id }), {
        currentPassword: TEST_PASSWORD,
        newPassword: 'chosen by the admin',
      }),
    ).rejects.toMatchObject({
      code: 'IMPERSONATION_CANNOT_CHANGE_IDENTITY',
      message: "Impersonated requests cannot change the user's password or email",
    })
    expect(
      (await authenticatePassword(deps, { email: person.email, password: TEST_PASSWORD }))?.id,
    ).toBe(person.id)
    const last = (await auditEvents(deps, org.id)).at(-1)
    expect(last?.outcome).toBe('denied')
    expect(last?.actor.impersonatorId).toBe(owner.id)
  })

  it('is refused with an API key, and checks the new password’s rules', async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor } = await seedOrg(deps)
    await expect(
      changePassword(deps, apiKeyActor(owner, org.id), {
        currentPassword: TEST_PASSWORD,
        newPassword: 'a brand new password',
      }),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' })
    await expect(
      changePassword(deps, ownerActor, { currentPassword: TEST_PASSWORD, newPassword: 'short' }),
    ).rejects.toMatchObject({ code: 'PASSWORD_TOO_SHORT' })
  })
})
