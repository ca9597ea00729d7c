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
import { authenticateSecret } from '../service-tokens/authenticate-secret.js'
import { createApiKey } from './create-api-key.js'
import { deleteApiKey } from './delete-api-key.js'

describe('deleteApiKey', () => {
  it('revokes the key at once, bumps the authz version and audits before and after', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const { apiKey, secret } = await createApiKey(deps, ownerActor, { name: 'k' })
    expect(await authenticateSecret(deps, secret)).toBeDefined()
    const versionBefore = (await deps.store.transaction((tx) => tx.orgs.find(org.id)))?.authzVersion

    deps.clock.advance(1000)
    const { apiKey: revoked, user } = await deleteApiKey(deps, ownerActor, { id: apiKey.id })
    expect(revoked.revokedAt).toBe(deps.clock.now())
    expect(user?.id).toBe(apiKey.userId)
    expect(await authenticateSecret(deps, secret)).toBeUndefined()

    const versionAfter = (await deps.store.transaction((tx) => tx.orgs.find(org.id)))?.authzVersion
    expect(versionAfter).toBeGreaterThan(versionBefore ?? Number.POSITIVE_INFINITY)
    const event = (await auditEvents(deps, org.id)).at(-1)
    expect(event).toMatchObject({
      action: 'api_key.delete',
      outcome: 'success',
      objectId: apiKey.id,
      before: { revokedAt: null },
      after: { revokedAt: deps.clock.now() },
    })
    expect(JSON.stringify(event)).not.toContain(secret)
  })

  it('lets a key revoke itself and an owner revoke a member key', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const member = await addMember(deps, org)
    const a = await createApiKey(deps, sessionActor(member), { name: 'a' })
    const b = await createApiKey(deps, sessionActor(member), { name: 'b' })
    await deleteApiKey(deps, apiKeyActor(member, org.id), { id: a.apiKey.id })
    await deleteApiKey(deps, ownerActor, { id: b.apiKey.id })
    expect(await authenticateSecret(deps, a.secret)).toBeUndefined()
    expect(await authenticateSecret(deps, b.secret)).toBeUndefined()
  })

  it("refuses another member's key and another org's owner; the key keeps working", async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const member = await addMember(deps, a.org)
    const { apiKey, secret } = await createApiKey(deps, a.ownerActor, { name: 'k' })
    for (const actor of [sessionActor(member), b.ownerActor, apiKeyActor(b.owner, b.org.id)]) {
      const error = await deleteApiKey(deps, actor, { id: apiKey.id }).catch((e: unknown) => e)
      expect(isAppError(error, 'API_KEY_NOT_FOUND')).toBe(true)
    }
    expect((await authenticateSecret(deps, secret))?.credential.id).toBe(apiKey.id)
    const twice = await deleteApiKey(deps, a.ownerActor, { id: apiKey.id })
      .then(() => deleteApiKey(deps, a.ownerActor, { id: apiKey.id }))
      .catch((e: unknown) => e)
    expect(isAppError(twice, 'API_KEY_NOT_FOUND')).toBe(true)
  })
})
