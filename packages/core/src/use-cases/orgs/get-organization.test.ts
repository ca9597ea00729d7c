import { describe, expect, it } from 'vitest'
import {
  addMember,
  apiKeyActor,
  createTestDeps,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { getOrganization } from './get-organization.js'

describe('getOrganization', () => {
  it('returns the org to any member, even one without grants', async () => {
    const deps = createTestDeps()
    const { org } = await seedOrg(deps)
    const loner = await addMember(deps, org)
    const got = await getOrganization(deps, sessionActor(loner), { orgId: org.id })
    expect(got.id).toBe(org.id)
    expect(got.name).toBe(org.name)
  })

  it('is ORG_NOT_FOUND for a non-member and for a key bound to another org', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    await expect(getOrganization(deps, a.ownerActor, { orgId: b.org.id })).rejects.toMatchObject({
      code: 'ORG_NOT_FOUND',
    })
    const both = await addMember(deps, a.org, { groups: [a.groups.owners] })
    await addMember(deps, b.org, { email: both.email })
    await expect(
      getOrganization(deps, apiKeyActor(both, a.org.id), { orgId: b.org.id }),
    ).rejects.toMatchObject({ code: 'ORG_NOT_FOUND' })
    expect((await getOrganization(deps, sessionActor(both), { orgId: b.org.id })).id).toBe(b.org.id)
  })
})
