import { describe, expect, it } from 'vitest'
import { addMember, codeOf, createTestDeps, seedOrg, sessionActor } from '../../testing/index.js'
import { createServiceAccount } from '../service-accounts/create-service-account.js'
import { createServiceToken } from './create-service-token.js'
import { deleteServiceToken } from './delete-service-token.js'
import { getServiceToken } from './get-service-token.js'

describe('getServiceToken', () => {
  it('returns a token with its service account to an owner of its org', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    const { user: sa } = await createServiceAccount(deps, ownerActor, { name: 'bot' })
    const { serviceToken, secret } = await createServiceToken(deps, ownerActor, {
      name: 't',
      serviceAccountId: sa.id,
    })
    const got = await getServiceToken(deps, ownerActor, { id: serviceToken.id })
    expect(got.serviceToken).toEqual(serviceToken)
    expect(got.serviceAccount?.id).toBe(sa.id)
    expect(JSON.stringify(got)).not.toContain(secret)
  })

  it('is not found for outsiders, revoked or unknown tokens; refused for non-owners', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const member = await addMember(deps, a.org)
    const { user: sa } = await createServiceAccount(deps, a.ownerActor, { name: 'bot' })
    const { serviceToken } = await createServiceToken(deps, a.ownerActor, {
      name: 't',
      serviceAccountId: sa.id,
    })
    const id = serviceToken.id
    expect(await codeOf(getServiceToken(deps, b.ownerActor, { id }))).toBe(
      'SERVICE_TOKEN_NOT_FOUND',
    )
    expect(await codeOf(getServiceToken(deps, a.ownerActor, { id, orgName: b.org.name }))).toBe(
      'SERVICE_TOKEN_NOT_FOUND',
    )
    expect(await codeOf(getServiceToken(deps, sessionActor(member), { id }))).toBe('OWNER_REQUIRED')
    expect(await codeOf(getServiceToken(deps, a.ownerActor, { id: deps.crypto.uuid() }))).toBe(
      'SERVICE_TOKEN_NOT_FOUND',
    )
    await deleteServiceToken(deps, a.ownerActor, { id })
    expect(await codeOf(getServiceToken(deps, a.ownerActor, { id }))).toBe(
      'SERVICE_TOKEN_NOT_FOUND',
    )
  })
})
