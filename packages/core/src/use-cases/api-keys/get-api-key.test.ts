import { describe, expect, it } from 'vitest'
import {
  addMember,
  apiKeyActor,
  codeOf,
  createTestDeps,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { createApiKey } from './create-api-key.js'
import { deleteApiKey } from './delete-api-key.js'
import { getApiKey } from './get-api-key.js'

describe('getApiKey', () => {
  it('returns the caller its own key with its user, from a session or from a key', async () => {
    const deps = createTestDeps()
    const { org, groups } = await seedOrg(deps)
    const member = await addMember(deps, org, { groups: groups.viewers ? [groups.viewers] : [] })
    const { apiKey, secret } = await createApiKey(deps, sessionActor(member), { name: 'k' })
    const got = await getApiKey(deps, sessionActor(member), { id: apiKey.id })
    expect(got.apiKey).toEqual(apiKey)
    expect(got.user?.id).toBe(member.id)
    expect(JSON.stringify(got)).not.toContain(secret)
    const viaKey = await getApiKey(deps, apiKeyActor(member, org.id), { id: apiKey.id })
    expect(viaKey.apiKey.id).toBe(apiKey.id)
  })

  it("lets an owner read any member's key, and nobody else", async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const member = await addMember(deps, org)
    const other = await addMember(deps, org)
    const { apiKey } = await createApiKey(deps, sessionActor(member), { name: 'k' })
    expect((await getApiKey(deps, ownerActor, { id: apiKey.id })).apiKey.id).toBe(apiKey.id)
    expect(await codeOf(getApiKey(deps, sessionActor(other), { id: apiKey.id }))).toBe(
      'API_KEY_NOT_FOUND',
    )
  })

  it("hides another org's key from that org's outsiders, owners included", async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const { apiKey } = await createApiKey(deps, a.ownerActor, { name: 'k' })
    expect(await codeOf(getApiKey(deps, b.ownerActor, { id: apiKey.id }))).toBe('API_KEY_NOT_FOUND')
    expect(await codeOf(getApiKey(deps, apiKeyActor(b.owner, b.org.id), { id: apiKey.id }))).toBe(
      'API_KEY_NOT_FOUND',
    )
    expect(await codeOf(getApiKey(deps, b.ownerActor, { id: apiKey.id, orgId: a.org.id }))).toBe(
      'API_KEY_NOT_FOUND',
    )
  })

  it("hides a key from a credential bound to another org, even the key owner's", async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    await addMember(deps, b.org, { email: a.owner.email })
    const { apiKey } = await createApiKey(deps, a.ownerActor, { name: 'k', orgId: a.org.id })
    expect(await codeOf(getApiKey(deps, apiKeyActor(a.owner, b.org.id), { id: apiKey.id }))).toBe(
      'API_KEY_NOT_FOUND',
    )
    expect(
      await codeOf(getApiKey(deps, a.ownerActor, { id: apiKey.id, orgName: b.org.name })),
    ).toBe('API_KEY_NOT_FOUND')
    expect((await getApiKey(deps, a.ownerActor, { id: apiKey.id })).apiKey.orgId).toBe(a.org.id)
  })

  it('treats revoked and unknown keys as not found', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    const { apiKey } = await createApiKey(deps, ownerActor, { name: 'k' })
    await deleteApiKey(deps, ownerActor, { id: apiKey.id })
    expect(await codeOf(getApiKey(deps, ownerActor, { id: apiKey.id }))).toBe('API_KEY_NOT_FOUND')
    expect(await codeOf(getApiKey(deps, ownerActor, { id: deps.crypto.uuid() }))).toBe(
      'API_KEY_NOT_FOUND',
    )
  })
})
