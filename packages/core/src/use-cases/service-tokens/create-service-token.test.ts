import { describe, expect, it } from 'vitest'
import { parseSecret, previewOf } from '../../credentials/key-format.js'
import {
  addMember,
  auditEvents,
  codeOf,
  createTestDeps,
  seedOrg,
  serviceTokenActor,
} from '../../testing/index.js'
import { createServiceAccount } from '../service-accounts/create-service-account.js'
import { authenticateSecret } from './authenticate-secret.js'
import { createServiceToken } from './create-service-token.js'

describe('createServiceToken', () => {
  it('issues a bt-st- token for a service account of the org, stored as a hash', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const { user: sa } = await createServiceAccount(deps, ownerActor, { name: 'bot' })
    const { serviceToken, serviceAccount, secret } = await createServiceToken(deps, ownerActor, {
      name: 'deploy',
      serviceAccountId: sa.id,
    })
    expect(parseSecret(secret)).toBe('service_token')
    expect(secret.startsWith('bt-st-')).toBe(true)
    expect(serviceAccount.id).toBe(sa.id)
    expect(serviceToken).toMatchObject({
      orgId: org.id,
      serviceAccountId: sa.id,
      name: 'deploy',
      previewName: previewOf(secret),
      secretHash: deps.crypto.sha256Hex(secret),
      expiresAt: null,
      revokedAt: null,
    })
    expect((await authenticateSecret(deps, secret))?.userId).toBe(sa.id)
    const events = await auditEvents(deps, org.id)
    expect(events.at(-1)).toMatchObject({
      action: 'service_token.create',
      objectType: 'service_token',
      objectId: serviceToken.id,
      after: { serviceAccountId: sa.id, name: 'deploy' },
    })
    for (const event of events) {
      expect(JSON.stringify(event)).not.toContain(secret)
      expect(JSON.stringify(event)).not.toContain(serviceToken.secretHash)
    }
  })

  it('allows several tokens of one name', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    const { user: sa } = await createServiceAccount(deps, ownerActor, { name: 'bot' })
    const a = await createServiceToken(deps, ownerActor, { name: 'x', serviceAccountId: sa.id })
    const b = await createServiceToken(deps, ownerActor, { name: 'x', serviceAccountId: sa.id })
    expect(a.serviceToken.id).not.toBe(b.serviceToken.id)
    expect(await authenticateSecret(deps, a.secret)).toBeDefined()
    expect(await authenticateSecret(deps, b.secret)).toBeDefined()
  })

  it('lets an owner-level service token mint for another service account', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    const ownerBot = await addMember(deps, org, {
      kind: 'service_account',
      groups: [groups.owners],
    })
    const { user: sa } = await createServiceAccount(deps, ownerActor, { name: 'bot' })
    const { serviceToken } = await createServiceToken(deps, serviceTokenActor(ownerBot, org.id), {
      name: 't',
      serviceAccountId: sa.id,
    })
    expect(serviceToken.serviceAccountId).toBe(sa.id)
  })

  it('knows only live service accounts of this org', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const { user: foreign } = await createServiceAccount(deps, b.ownerActor, { name: 'b-bot' })
    const person = await addMember(deps, a.org)
    const { user: gone } = await createServiceAccount(deps, a.ownerActor, { name: 'gone' })
    await deps.store.transaction((tx) => tx.members.remove(a.org.id, gone.id))
    for (const id of [foreign.id, person.id, a.owner.id, gone.id, deps.crypto.uuid()]) {
      expect(
        await codeOf(createServiceToken(deps, a.ownerActor, { name: 't', serviceAccountId: id })),
      ).toBe('SERVICE_ACCOUNT_NOT_FOUND')
    }
    // Naming the other org does not help: its owner is not us.
    expect(
      await codeOf(
        createServiceToken(deps, a.ownerActor, {
          name: 't',
          serviceAccountId: foreign.id,
          orgId: b.org.id,
        }),
      ),
    ).toBe('ORG_NOT_FOUND')
    expect(
      await deps.store.transaction((tx) =>
        tx.serviceTokens.list({ orgId: b.org.id, includeRevoked: true }),
      ),
    ).toEqual([])
  })

  it('validates name and expiry', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    const { user: sa } = await createServiceAccount(deps, ownerActor, { name: 'bot' })
    const now = deps.clock.now()
    const make = (name: string, expiresAt?: number) =>
      codeOf(createServiceToken(deps, ownerActor, { name, serviceAccountId: sa.id, expiresAt }))
    expect(await make('')).toBe('VALIDATION_FAILED')
    expect(await make('t', now)).toBe('VALIDATION_FAILED')
    expect(await make('t', now + 1)).toBeUndefined()
  })
})
