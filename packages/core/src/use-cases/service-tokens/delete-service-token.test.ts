import { describe, expect, it } from 'vitest'
import { isAppError } from '../../errors.js'
import {
  addMember,
  apiKeyActor,
  auditEvents,
  createTestDeps,
  seedOrg,
  serviceTokenActor,
  sessionActor,
} from '../../testing/index.js'
import { createServiceAccount } from '../service-accounts/create-service-account.js'
import { deleteServiceAccount } from '../service-accounts/delete-service-account.js'
import { authenticateSecret } from './authenticate-secret.js'
import { createServiceToken } from './create-service-token.js'
import { deleteServiceToken } from './delete-service-token.js'

async function setup() {
  const deps = createTestDeps()
  const a = await seedOrg(deps, { name: 'org-a' })
  const b = await seedOrg(deps, { name: 'org-b' })
  const { user: svcA } = await createServiceAccount(deps, a.ownerActor, { name: 'svc-a' })
  const tokA = await createServiceToken(deps, a.ownerActor, {
    name: 'tok',
    serviceAccountId: svcA.id,
  })
  const { user: svcB } = await createServiceAccount(deps, b.ownerActor, { name: 'svc-b' })
  await deps.store.transaction(async (tx) => {
    const owners = await tx.groups.findByName(b.org.id, 'Owners')
    if (owners !== undefined) {
      await tx.groups.update({ ...owners, memberUsers: [...owners.memberUsers, svcB.id] })
    }
  })
  return { deps, a, b, svcA, tokA, svcB }
}

describe('deleteServiceToken', () => {
  it('revokes at once, bumps the authz version and audits', async () => {
    const { deps, a, tokA } = await setup()
    const before = await deps.store.transaction((tx) => tx.orgs.find(a.org.id))
    deps.clock.advance(50)
    const { serviceToken } = await deleteServiceToken(deps, a.ownerActor, {
      id: tokA.serviceToken.id,
    })
    expect(serviceToken.revokedAt).toBe(deps.clock.now())
    expect(await authenticateSecret(deps, tokA.secret)).toBeUndefined()
    const after = await deps.store.transaction((tx) => tx.orgs.find(a.org.id))
    expect(after?.authzVersion).toBeGreaterThan(before?.authzVersion ?? Number.POSITIVE_INFINITY)
    expect((await auditEvents(deps, a.org.id)).at(-1)).toMatchObject({
      action: 'service_token.delete',
      outcome: 'success',
      objectId: tokA.serviceToken.id,
      after: { revokedAt: deps.clock.now() },
    })
  })

  it("cannot be used on another org's token, by any credential of that org (case 18)", async () => {
    const { deps, a, b, svcA, tokA, svcB } = await setup()
    const outsiders = [
      b.ownerActor,
      apiKeyActor(b.owner, b.org.id),
      serviceTokenActor(svcB, b.org.id),
    ]
    for (const actor of outsiders) {
      for (const selector of [{}, { orgId: a.org.id }, { orgName: a.org.name }]) {
        const error = await deleteServiceToken(deps, actor, {
          id: tokA.serviceToken.id,
          ...selector,
        }).catch((e: unknown) => e)
        expect(isAppError(error, 'SERVICE_TOKEN_NOT_FOUND'), String(error)).toBe(true)
      }
      const saError = await deleteServiceAccount(deps, actor, { id: svcA.id }).catch(
        (e: unknown) => e,
      )
      expect(isAppError(saError, 'SERVICE_ACCOUNT_NOT_FOUND'), String(saError)).toBe(true)
    }
    expect(await authenticateSecret(deps, tokA.secret)).toMatchObject({
      userId: svcA.id,
      credential: { kind: 'service_token', id: tokA.serviceToken.id, orgId: a.org.id },
    })
    // Nothing about A changed in A's audit log beyond what A itself did.
    const events = await auditEvents(deps, a.org.id)
    expect(events.some((e) => e.actor.userId === b.owner.id || e.actor.userId === svcB.id)).toBe(
      false,
    )
  })

  it('refuses a member who is not an owner, and the token keeps working', async () => {
    const { deps, a, tokA } = await setup()
    const member = await addMember(deps, a.org)
    const error = await deleteServiceToken(deps, sessionActor(member), {
      id: tokA.serviceToken.id,
    }).catch((e: unknown) => e)
    expect(isAppError(error, 'OWNER_REQUIRED')).toBe(true)
    expect(await authenticateSecret(deps, tokA.secret)).toBeDefined()
    expect((await auditEvents(deps, a.org.id)).at(-1)).toMatchObject({
      outcome: 'denied',
      reason: 'OWNER_REQUIRED',
      action: 'service_token.delete',
    })
  })
})
