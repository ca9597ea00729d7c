import { describe, expect, it } from 'vitest'
import { isAppError } from '../../errors.js'
import { addMember, createTestDeps, seedOrg, sessionActor } from '../../testing/index.js'
import { createServiceAccount } from '../service-accounts/create-service-account.js'
import { createServiceToken } from './create-service-token.js'
import { deleteServiceToken } from './delete-service-token.js'
import { listServiceTokens } from './list-service-tokens.js'

describe('listServiceTokens', () => {
  it('lists live tokens newest first with their service accounts, for owners', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    const { user: sa } = await createServiceAccount(deps, ownerActor, { name: 'bot' })
    const { user: sb } = await createServiceAccount(deps, ownerActor, { name: 'other' })
    const t1 = await createServiceToken(deps, ownerActor, { name: 'a', serviceAccountId: sa.id })
    deps.clock.advance(1)
    const t2 = await createServiceToken(deps, ownerActor, { name: 'b', serviceAccountId: sb.id })
    deps.clock.advance(1)
    const t3 = await createServiceToken(deps, ownerActor, { name: 'a', serviceAccountId: sb.id })
    await deleteServiceToken(deps, ownerActor, { id: t3.serviceToken.id })

    const all = await listServiceTokens(deps, ownerActor)
    expect(all.map((p) => p.serviceToken.id)).toEqual([t2.serviceToken.id, t1.serviceToken.id])
    expect(all.map((p) => p.serviceAccount?.givenName)).toEqual(['other', 'bot'])
    expect(all[0]?.serviceAccount?.email).toBe(sb.email)
    for (const t of [t1, t2, t3]) {
      expect(JSON.stringify(all)).not.toContain(t.secret)
    }

    const named = await listServiceTokens(deps, ownerActor, { name: 'a' })
    expect(named.map((p) => p.serviceToken.id)).toEqual([t1.serviceToken.id])
    const withRevoked = await listServiceTokens(deps, ownerActor, {
      name: 'a',
      includeRevoked: true,
    })
    expect(withRevoked.map((p) => p.serviceToken.id)).toEqual([
      t3.serviceToken.id,
      t1.serviceToken.id,
    ])
    const ofAccount = await listServiceTokens(deps, ownerActor, { serviceAccountId: sb.id })
    expect(ofAccount.map((p) => p.serviceToken.id)).toEqual([t2.serviceToken.id])
    expect(await listServiceTokens(deps, ownerActor, { limit: 1 })).toHaveLength(1)
  })

  it('refuses members who are not owners', async () => {
    const deps = createTestDeps()
    const { org } = await seedOrg(deps)
    const member = await addMember(deps, org)
    const error = await listServiceTokens(deps, sessionActor(member)).catch((e: unknown) => e)
    expect(isAppError(error, 'OWNER_REQUIRED')).toBe(true)
  })
})
