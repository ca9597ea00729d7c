import { describe, expect, it } from 'vitest'
import {
  addMember,
  apiKeyActor,
  auditEvents,
  createTestDeps,
  seedOrg,
  TEST_PASSWORD,
  type TestDeps,
} from '../../testing/index.js'
import { authenticateSession } from './authenticate-session.js'
import { login } from './login.js'
import { revokeUserSessions } from './revoke-sessions.js'

async function actorOf(deps: TestDeps, token: string) {
  const found = await authenticateSession(deps, token)
  if (found === undefined) {
    throw new Error('not logged in')
  }
  return found.actor
}

describe('revokeUserSessions', () => {
  it('logs the caller out everywhere but where it asks to stay, and only the caller', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const other = await addMember(deps, org)
    const here = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const laptop = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const phone = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const theirs = await login(deps, { email: other.email, password: TEST_PASSWORD })

    const result = await revokeUserSessions(deps, await actorOf(deps, here.token), {
      except: here.session.id,
    })
    expect(result).toEqual({ revoked: 2 })
    expect(await authenticateSession(deps, here.token)).toBeDefined()
    expect(await authenticateSession(deps, laptop.token)).toBeUndefined()
    expect(await authenticateSession(deps, phone.token)).toBeUndefined()
    expect(await authenticateSession(deps, theirs.token)).toBeDefined()

    const last = (await auditEvents(deps, org.id)).at(-1)
    expect(last).toMatchObject({
      action: 'session.revoke_all',
      outcome: 'success',
      actor: { userId: owner.id, credentialKind: 'session', credentialId: here.session.id },
      objectType: 'user',
      objectId: owner.id,
      after: { revokedSessions: 2, keptSessionId: here.session.id },
    })
  })

  it('ends the current session too when nothing is excepted', async () => {
    const deps = createTestDeps()
    const { owner } = await seedOrg(deps)
    const here = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const actor = await actorOf(deps, here.token)
    expect(await revokeUserSessions(deps, actor)).toEqual({ revoked: 1 })
    expect(await authenticateSession(deps, here.token)).toBeUndefined()
    expect(await revokeUserSessions(deps, actor)).toEqual({ revoked: 0 })
  })

  it('is refused for an API key, which could otherwise lock its owner out', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const here = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    await expect(revokeUserSessions(deps, apiKeyActor(owner, org.id))).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    })
    expect(await authenticateSession(deps, here.token)).toBeDefined()
  })
})
