import { describe, expect, it } from 'vitest'
import { isAppError } from '../../errors.js'
import { auditEvents, createTestDeps, seedOrg } from '../../testing/index.js'
import { runOperation } from '../operation.js'
import { authenticateSecret } from '../service-tokens/authenticate-secret.js'
import { addServiceAccount, serviceAccountEmail } from './add-service-account.js'

describe('addServiceAccount', () => {
  it('creates a service account member of the org, inside the host operation', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const versionBefore = org.authzVersion
    const { user, token } = await runOperation(deps, ownerActor, 'member.update', async (op) => {
      await op.enterOrg()
      return addServiceAccount(op, { name: '  ingest bot ' })
    })
    expect(token).toBeUndefined()
    expect(user).toMatchObject({
      kind: 'service_account',
      email: serviceAccountEmail(user.id),
      givenName: 'ingest bot',
      familyName: null,
      passwordHash: null,
      serviceAccountOrgId: org.id,
      deletedAt: null,
    })
    expect(user.email).toBe(`${user.id}@service-account.gatehouse.invalid`)
    const { membership, stored, after } = await deps.store.transaction(async (tx) => ({
      membership: await tx.members.find(org.id, user.id),
      stored: await tx.users.find(user.id),
      after: await tx.orgs.find(org.id),
    }))
    expect(membership).toBeDefined()
    expect(stored).toEqual(user)
    expect(after?.authzVersion).toBeGreaterThan(versionBefore)
    expect((await auditEvents(deps, org.id)).at(-1)).toMatchObject({
      action: 'service_account.create',
      outcome: 'success',
      objectType: 'service_account',
      objectId: user.id,
    })
  })

  it('issues the first token with tokenName, audited without its secret', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const { user, token } = await runOperation(deps, ownerActor, 'member.update', async (op) => {
      await op.enterOrg()
      return addServiceAccount(op, { name: 'bot', tokenName: 'first' })
    })
    if (token === undefined) {
      throw new Error('expected a token')
    }
    expect(token.serviceToken).toMatchObject({
      serviceAccountId: user.id,
      orgId: org.id,
      name: 'first',
    })
    expect((await authenticateSecret(deps, token.secret))?.userId).toBe(user.id)
    const events = await auditEvents(deps, org.id)
    expect(events.slice(-2).map((e) => e.action)).toEqual([
      'service_account.create',
      'service_token.create',
    ])
    for (const event of events) {
      expect(JSON.stringify(event)).not.toContain(token.secret)
    }
  })

  it('rolls back with the host operation', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    let created: string | undefined
    await runOperation(deps, ownerActor, 'member.update', async (op) => {
      await op.enterOrg()
      created = (await addServiceAccount(op, { name: 'bot', tokenName: 't' })).user.id
      throw new Error('later step failed')
    }).catch(() => undefined)
    expect(created).toBeDefined()
    const state = await deps.store.transaction(async (tx) => ({
      user: await tx.users.find(created ?? ''),
      tokens: await tx.serviceTokens.list({ orgId: org.id, includeRevoked: true }),
    }))
    expect(state).toEqual({ user: undefined, tokens: [] })
  })

  it('validates the names', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    for (const input of [{ name: '' }, { name: 'x'.repeat(257) }, { name: 'ok', tokenName: ' ' }]) {
      const error = await runOperation(deps, ownerActor, 'member.update', async (op) => {
        await op.enterOrg()
        return addServiceAccount(op, input)
      }).catch((e: unknown) => e)
      expect(isAppError(error, 'VALIDATION_FAILED'), JSON.stringify(input)).toBe(true)
    }
  })
})
