import { describe, expect, it } from 'vitest'
import { isAppError } from '../../errors.js'
import {
  addMember,
  apiKeyActor,
  createTestDeps,
  seedOrg,
  serviceTokenActor,
  sessionActor,
} from '../../testing/index.js'
import { getSelf } from './get-self.js'

describe('getSelf', () => {
  it("lists a session's orgs oldest membership first, and a bound credential's one org", async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    deps.clock.advance(1000)
    const b = await seedOrg(deps)
    deps.clock.advance(1000)
    await seedOrg(deps)
    deps.clock.advance(1000)
    const person = await addMember(deps, b.org, { email: 'p@example.com' })
    deps.clock.advance(1000)
    await addMember(deps, a.org, { email: 'p@example.com' })

    const self = await getSelf(deps, sessionActor(person))
    expect(self.user.id).toBe(person.id)
    expect(self.organizations.map((o) => o.id)).toEqual([b.org.id, a.org.id])
    const bound = await getSelf(deps, apiKeyActor(person, a.org.id))
    expect(bound.organizations.map((o) => o.id)).toEqual([a.org.id])
  })

  it('describes the impersonated subject and a service account', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const member = await addMember(deps, org)
    const viaImpersonation = await getSelf(deps, sessionActor(member, { impersonatorId: owner.id }))
    expect(viaImpersonation.user.id).toBe(member.id)
    const account = await addMember(deps, org, { kind: 'service_account', name: 'ci' })
    const self = await getSelf(deps, serviceTokenActor(account, org.id))
    expect(self.user.kind).toBe('service_account')
    expect(self.organizations.map((o) => o.id)).toEqual([org.id])
  })

  it('is USER_NOT_FOUND for an unknown or deleted user', async () => {
    const deps = createTestDeps()
    const { org } = await seedOrg(deps)
    const gone = await addMember(deps, org)
    await deps.store.transaction((tx) => tx.users.update({ ...gone, deletedAt: deps.clock.now() }))
    for (const userId of [gone.id, '11111111-1111-4111-8111-111111111111']) {
      const err = await getSelf(deps, sessionActor(userId)).catch((e: unknown) => e)
      expect(isAppError(err, 'USER_NOT_FOUND')).toBe(true)
    }
  })
})
