import { describe, expect, it } from 'vitest'
import { addMember, createTestDeps, seedOrg, sessionActor } from '../../testing/index.js'
import { createApiKey } from './create-api-key.js'
import { deleteApiKey } from './delete-api-key.js'
import { listApiKeys } from './list-api-keys.js'

describe('listApiKeys', () => {
  it("lists only the caller's own live keys in the org, newest first, with the user", async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor } = await seedOrg(deps)
    const member = await addMember(deps, org)
    const first = await createApiKey(deps, ownerActor, { name: 'first' })
    deps.clock.advance(10)
    const second = await createApiKey(deps, ownerActor, { name: 'second' })
    deps.clock.advance(10)
    const revoked = await createApiKey(deps, ownerActor, { name: 'revoked' })
    await deleteApiKey(deps, ownerActor, { id: revoked.apiKey.id })
    await createApiKey(deps, sessionActor(member), { name: 'theirs' })
    const other = await seedOrg(deps)
    await addMember(deps, other.org, { email: owner.email })
    await createApiKey(deps, ownerActor, { name: 'elsewhere', orgId: other.org.id })

    const listed = await listApiKeys(deps, ownerActor, { orgId: org.id })
    expect(listed.map((p) => p.apiKey.id)).toEqual([second.apiKey.id, first.apiKey.id])
    expect(listed.every((p) => p.user?.email === owner.email)).toBe(true)
  })

  it('filters by name and pages', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    const made = []
    for (const name of ['a', 'b', 'a', 'c']) {
      made.push(await createApiKey(deps, ownerActor, { name }))
      deps.clock.advance(1)
    }
    const named = await listApiKeys(deps, ownerActor, { name: 'a' })
    expect(named.map((p) => p.apiKey.id)).toEqual([made[2]?.apiKey.id, made[0]?.apiKey.id])
    const page = await listApiKeys(deps, ownerActor, { limit: 2 })
    expect(page.map((p) => p.apiKey.id)).toEqual([made[3]?.apiKey.id, made[2]?.apiKey.id])
    const next = await listApiKeys(deps, ownerActor, {
      limit: 2,
      startingAfter: made[2]?.apiKey.id,
    })
    expect(next.map((p) => p.apiKey.id)).toEqual([made[1]?.apiKey.id, made[0]?.apiKey.id])
  })

  it('never exposes a secret', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    const { secret } = await createApiKey(deps, ownerActor, { name: 'k' })
    expect(JSON.stringify(await listApiKeys(deps, ownerActor))).not.toContain(secret)
  })
})
