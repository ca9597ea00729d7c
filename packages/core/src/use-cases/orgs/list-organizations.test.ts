import { describe, expect, it } from 'vitest'
import {
  addMember,
  apiKeyActor,
  createTestDeps,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { listOrganizations } from './list-organizations.js'

describe('listOrganizations', () => {
  it('lists the caller’s orgs newest first; a bound key sees only its org', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps, { name: 'alpha' })
    deps.clock.advance(1000)
    const b = await seedOrg(deps, { name: 'beta' })
    deps.clock.advance(1000)
    await seedOrg(deps, { name: 'gamma' })
    const user = await addMember(deps, a.org)
    await addMember(deps, b.org, { email: user.email })

    const all = await listOrganizations(deps, sessionActor(user))
    expect(all.map((o) => o.name)).toEqual(['beta', 'alpha'])
    const bound = await listOrganizations(deps, apiKeyActor(user, a.org.id))
    expect(bound.map((o) => o.name)).toEqual(['alpha'])
    const named = await listOrganizations(deps, sessionActor(user), { name: 'alpha' })
    expect(named.map((o) => o.id)).toEqual([a.org.id])
    const page = await listOrganizations(deps, sessionActor(user), { limit: 1 })
    expect(page.map((o) => o.name)).toEqual(['beta'])
    const next = await listOrganizations(deps, sessionActor(user), {
      limit: 1,
      startingAfter: b.org.id,
    })
    expect(next.map((o) => o.name)).toEqual(['alpha'])
  })
})
