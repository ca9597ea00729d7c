import { describe, expect, it } from 'vitest'
import {
  addMember,
  apiKeyActor,
  createTestDeps,
  seedOrg,
  TEST_PASSWORD,
} from '../../testing/index.js'
import { authenticateSession } from './authenticate-session.js'
import { listSessions } from './list-sessions.js'
import { login } from './login.js'
import { SESSION_IDLE_MS } from './session-secrets.js'

describe('listSessions', () => {
  it('lists the caller’s sessions that still work, newest first', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const other = await addMember(deps, org)
    const idle = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    deps.clock.advance(1000)
    const revoked = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    await deps.store.transaction((tx) => tx.sessions.revoke(revoked.session.id, deps.clock.now()))
    deps.clock.advance(SESSION_IDLE_MS - 500)
    const older = await login(deps, {
      email: owner.email,
      password: TEST_PASSWORD,
      ip: '192.0.2.1',
    })
    deps.clock.advance(1000)
    const newer = await login(deps, {
      email: owner.email,
      password: TEST_PASSWORD,
      ip: '192.0.2.2',
    })
    await login(deps, { email: other.email, password: TEST_PASSWORD })

    const found = await authenticateSession(deps, newer.token)
    if (found === undefined) {
      throw new Error('not logged in')
    }
    const listed = await listSessions(deps, found.actor)
    expect(listed.map((s) => s.id)).toEqual([newer.session.id, older.session.id])
    expect(listed.map((s) => s.ip)).toEqual(['192.0.2.2', '192.0.2.1'])
    expect(listed.map((s) => s.id)).not.toContain(idle.session.id)
  })

  it('is refused for an API key', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    await expect(listSessions(deps, apiKeyActor(owner, org.id))).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    })
  })
})
