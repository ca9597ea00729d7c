import { describe, expect, it } from 'vitest'
import { isAppError } from '../../errors.js'
import { addMember, createTestDeps, seedOrg, sessionActor } from '../../testing/index.js'
import { createServiceAccount } from './create-service-account.js'

describe('createServiceAccount', () => {
  it('creates the account in the named org', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps, { name: 'alpha' })
    const b = await seedOrg(deps, { name: 'beta' })
    await addMember(deps, b.org, { email: a.owner.email, groups: [b.groups.owners] })
    const { user } = await createServiceAccount(deps, a.ownerActor, {
      name: 'bot',
      orgName: 'beta',
    })
    expect(user.serviceAccountOrgId).toBe(b.org.id)
  })

  it('hides orgs the caller is not in', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const error = await createServiceAccount(deps, a.ownerActor, {
      name: 'bot',
      orgId: b.org.id,
    }).catch((e: unknown) => e)
    expect(isAppError(error, 'ORG_NOT_FOUND')).toBe(true)
  })

  it('refuses a member who is not an owner', async () => {
    const deps = createTestDeps()
    const { org } = await seedOrg(deps)
    const member = await addMember(deps, org)
    const error = await createServiceAccount(deps, sessionActor(member), { name: 'bot' }).catch(
      (e: unknown) => e,
    )
    expect(isAppError(error, 'OWNER_REQUIRED')).toBe(true)
  })
})
