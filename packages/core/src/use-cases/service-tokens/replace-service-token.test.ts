import { describe, expect, it } from 'vitest'
import { isAppError } from '../../errors.js'
import { apiKeyActor, auditEvents, createTestDeps, seedOrg } from '../../testing/index.js'
import { createServiceAccount } from '../service-accounts/create-service-account.js'
import { authenticateSecret } from './authenticate-secret.js'
import { createServiceToken } from './create-service-token.js'
import { replaceServiceToken } from './replace-service-token.js'

describe('replaceServiceToken', () => {
  it('creates when no live token has the name', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    const { user: sa } = await createServiceAccount(deps, ownerActor, { name: 'bot' })
    const result = await replaceServiceToken(deps, ownerActor, {
      name: 'ci',
      serviceAccountId: sa.id,
    })
    expect(result.replaced).toEqual([])
    expect(await authenticateSecret(deps, result.secret)).toBeDefined()
  })

  it("revokes the account's live tokens of that name, and only those", async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const { user: sa } = await createServiceAccount(deps, ownerActor, { name: 'bot' })
    const { user: other } = await createServiceAccount(deps, ownerActor, { name: 'other' })
    const old = await createServiceToken(deps, ownerActor, { name: 'ci', serviceAccountId: sa.id })
    const keep = await createServiceToken(deps, ownerActor, { name: 'cd', serviceAccountId: sa.id })
    const sibling = await createServiceToken(deps, ownerActor, {
      name: 'ci',
      serviceAccountId: other.id,
    })
    deps.clock.advance(100)

    const fresh = await replaceServiceToken(deps, ownerActor, {
      name: 'ci',
      serviceAccountId: sa.id,
    })
    expect(fresh.replaced.map((t) => t.id)).toEqual([old.serviceToken.id])
    expect(fresh.replaced[0]?.revokedAt).toBe(deps.clock.now())
    expect(await authenticateSecret(deps, old.secret)).toBeUndefined()
    expect(await authenticateSecret(deps, fresh.secret)).toBeDefined()
    expect(await authenticateSecret(deps, keep.secret)).toBeDefined()
    expect(await authenticateSecret(deps, sibling.secret)).toBeDefined()

    const actions = (await auditEvents(deps, org.id)).slice(-2).map((e) => e.action)
    expect(actions).toEqual(['service_token.delete', 'service_token.create'])
  })

  it('follows the minting rules and leaves the old token alone when refused', async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor } = await seedOrg(deps)
    const { user: sa } = await createServiceAccount(deps, ownerActor, { name: 'bot' })
    const old = await createServiceToken(deps, ownerActor, { name: 'ci', serviceAccountId: sa.id })
    const error = await replaceServiceToken(deps, apiKeyActor(owner, org.id), {
      name: 'ci',
      serviceAccountId: sa.id,
    }).catch((e: unknown) => e)
    expect(isAppError(error, 'API_KEY_CANNOT_CREATE_SERVICE_TOKEN')).toBe(true)
    expect(await authenticateSecret(deps, old.secret)).toBeDefined()
    expect((await auditEvents(deps, org.id)).at(-1)).toMatchObject({
      outcome: 'denied',
      action: 'service_token.replace',
    })
  })
})
