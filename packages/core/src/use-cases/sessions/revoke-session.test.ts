import { describe, expect, it } from 'vitest'
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
import { revokeSession } from './revoke-session.js'

describe('revokeSession', () => {
  it('ends one of the caller’s sessions, audited', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const here = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const lost = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const found = await authenticateSession(deps, here.token)
    if (found === undefined) {
      throw new Error('not logged in')
    }
    await revokeSession(deps, found.actor, { id: lost.session.id })
    expect(await authenticateSession(deps, lost.token)).toBeUndefined()
    expect(await authenticateSession(deps, here.token)).toBeDefined()
    expect((await auditEvents(deps, org.id)).at(-1)).toMatchObject({
      action: 'session.revoke',
      objectType: 'session',
      objectId: lost.session.id,
      actor: { userId: owner.id, credentialId: here.session.id },
    })
    // Again: nothing left to end, nothing audited.
    const count = (await auditEvents(deps, org.id)).length
    await revokeSession(deps, found.actor, { id: lost.session.id })
    expect((await auditEvents(deps, org.id)).length).toBe(count)
  })

  it('does not know the sessions of others', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const other = await addMember(deps, org)
    const here = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const theirs = await login(deps, { email: other.email, password: TEST_PASSWORD })
    const found = await authenticateSession(deps, here.token)
    if (found === undefined) {
      throw new Error('not logged in')
    }
    for (const id of [theirs.session.id, deps.crypto.uuid()]) {
      await expect(revokeSession(deps, found.actor, { id })).rejects.toMatchObject({
        code: 'OBJECT_NOT_FOUND',
      })
    }
    expect(await authenticateSession(deps, theirs.token)).toBeDefined()
    await expect(
      revokeSession(deps, apiKeyActor(owner, org.id), { id: here.session.id }),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' })
  })
})
