import { describe, expect, it } from 'vitest'
import { isAppError } from '../../errors.js'
import {
  addMember,
  apiKeyActor,
  auditEvents,
  createTestDeps,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { createApiKey } from './create-api-key.js'
import { deleteApiKey } from './delete-api-key.js'
import { listOrgApiKeys } from './list-org-api-keys.js'

describe('listOrgApiKeys', () => {
  it("shows owners every member's keys, revoked ones included, with owner details", async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor } = await seedOrg(deps)
    const member = await addMember(deps, org, { name: 'Mia', groups: [] })
    await deps.store.transaction(async (tx) => {
      const user = await tx.users.find(member.id)
      if (user !== undefined) {
        await tx.users.update({ ...user, givenName: 'Mia', familyName: 'Moss' })
      }
    })
    const mine = await createApiKey(deps, ownerActor, { name: 'owner-key' })
    deps.clock.advance(5)
    const theirs = await createApiKey(deps, sessionActor(member), {
      name: 'member-key',
      expiresAt: deps.clock.now() + 60_000,
    })
    deps.clock.advance(5)
    await deleteApiKey(deps, sessionActor(member), { id: theirs.apiKey.id })

    const inventory = await listOrgApiKeys(deps, ownerActor)
    expect(inventory.map((p) => p.apiKey.id)).toEqual([theirs.apiKey.id, mine.apiKey.id])
    const [revoked, live] = inventory
    expect(revoked?.apiKey.revokedAt).toBe(deps.clock.now())
    expect(revoked?.apiKey.expiresAt).toBe(theirs.apiKey.expiresAt)
    expect(revoked?.user).toMatchObject({ id: member.id, givenName: 'Mia', familyName: 'Moss' })
    expect(live?.user?.email).toBe(owner.email)
    expect(JSON.stringify(inventory)).not.toContain(theirs.secret)

    const filtered = await listOrgApiKeys(deps, ownerActor, { userId: owner.id })
    expect(filtered.map((p) => p.apiKey.id)).toEqual([mine.apiKey.id])
  })

  it('refuses non-owners (audited) and works with an owner API key', async () => {
    const deps = createTestDeps()
    const { org, owner, groups } = await seedOrg(deps)
    const engineer = await addMember(deps, org, {
      groups: groups.engineers ? [groups.engineers] : [],
    })
    const error = await listOrgApiKeys(deps, sessionActor(engineer)).catch((e: unknown) => e)
    expect(isAppError(error, 'OWNER_ONLY_KEY_INVENTORY')).toBe(true)
    const denied = (await auditEvents(deps, org.id)).at(-1)
    expect(denied).toMatchObject({
      outcome: 'denied',
      action: 'api_key.list_org',
      reason: 'OWNER_ONLY_KEY_INVENTORY',
    })
    expect(await listOrgApiKeys(deps, apiKeyActor(owner, org.id))).toEqual([])
  })

  it("does not show another org's inventory to its owner", async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    await createApiKey(deps, a.ownerActor, { name: 'k' })
    const error = await listOrgApiKeys(deps, b.ownerActor, { orgId: a.org.id }).catch(
      (e: unknown) => e,
    )
    expect(isAppError(error, 'ORG_NOT_FOUND')).toBe(true)
    expect(await listOrgApiKeys(deps, b.ownerActor)).toEqual([])
  })
})
