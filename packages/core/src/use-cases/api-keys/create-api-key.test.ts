import { describe, expect, it } from 'vitest'
import { parseSecret, previewOf } from '../../credentials/key-format.js'
import {
  addMember,
  auditEvents,
  codeOf,
  createTestDeps,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { authenticateSecret } from '../service-tokens/authenticate-secret.js'
import { createApiKey } from './create-api-key.js'

describe('createApiKey', () => {
  it('returns the secret once and stores only its hash and a preview', async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor } = await seedOrg(deps)
    const { apiKey, user, secret } = await createApiKey(deps, ownerActor, { name: ' ci ' })

    expect(parseSecret(secret)).toBe('api_key')
    expect(apiKey).toMatchObject({
      orgId: org.id,
      userId: owner.id,
      name: 'ci',
      previewName: previewOf(secret),
      secretHash: deps.crypto.sha256Hex(secret),
      createdAt: deps.clock.now(),
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    })
    expect(user.id).toBe(owner.id)
    const stored = await deps.store.transaction((tx) => tx.apiKeys.find(apiKey.id))
    expect(stored).toEqual(apiKey)
    expect(JSON.stringify(stored)).not.toContain(secret)
    expect(JSON.stringify(stored)).not.toContain(secret.slice(3, 20))
  })

  it('authenticates as its user in its org', async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor } = await seedOrg(deps)
    const { apiKey, secret } = await createApiKey(deps, ownerActor, { name: 'ci' })
    expect(await authenticateSecret(deps, secret)).toEqual({
      userId: owner.id,
      credential: { kind: 'api_key', id: apiKey.id, orgId: org.id },
      impersonatorId: null,
    })
  })

  it('audits the creation with metadata and never the secret or its hash', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const { apiKey, secret } = await createApiKey(deps, ownerActor, { name: 'ci' })
    const events = await auditEvents(deps, org.id)
    const created = events.find((e) => e.action === 'api_key.create')
    expect(created).toMatchObject({
      outcome: 'success',
      objectType: 'api_key',
      objectId: apiKey.id,
      after: { id: apiKey.id, name: 'ci', previewName: apiKey.previewName },
    })
    for (const event of events) {
      const json = JSON.stringify(event)
      expect(json).not.toContain(secret)
      expect(json).not.toContain(apiKey.secretHash)
    }
  })

  it('takes an expiry in the future and refuses one at or before now', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    const now = deps.clock.now()
    expect(await codeOf(createApiKey(deps, ownerActor, { name: 'k', expiresAt: now }))).toBe(
      'VALIDATION_FAILED',
    )
    expect(await codeOf(createApiKey(deps, ownerActor, { name: 'k', expiresAt: now - 1 }))).toBe(
      'VALIDATION_FAILED',
    )
    expect(await codeOf(createApiKey(deps, ownerActor, { name: 'k', expiresAt: 1.5 }))).toBe(
      'VALIDATION_FAILED',
    )
    const { apiKey } = await createApiKey(deps, ownerActor, { name: 'k', expiresAt: now + 1 })
    expect(apiKey.expiresAt).toBe(now + 1)
  })

  it('refuses an empty or overlong name', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    expect(await codeOf(createApiKey(deps, ownerActor, { name: '  ' }))).toBe('VALIDATION_FAILED')
    expect(await codeOf(createApiKey(deps, ownerActor, { name: 'x'.repeat(257) }))).toBe(
      'VALIDATION_FAILED',
    )
  })

  it('needs the org named when the user has several, and hides orgs the user is not in', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps, { name: 'alpha' })
    const b = await seedOrg(deps, { name: 'beta' })
    await addMember(deps, b.org, { email: a.owner.email })
    expect(await codeOf(createApiKey(deps, a.ownerActor, { name: 'k' }))).toBe('ORG_REQUIRED')
    const { apiKey } = await createApiKey(deps, a.ownerActor, { name: 'k', orgName: 'beta' })
    expect(apiKey.orgId).toBe(b.org.id)
    const c = await seedOrg(deps, { name: 'gamma' })
    expect(await codeOf(createApiKey(deps, a.ownerActor, { name: 'k', orgName: 'gamma' }))).toBe(
      'ORG_NOT_FOUND',
    )
    expect(await codeOf(createApiKey(deps, a.ownerActor, { name: 'k', orgId: c.org.id }))).toBe(
      'ORG_NOT_FOUND',
    )
  })

  it('lets any member with a session create a key of their own', async () => {
    const deps = createTestDeps()
    const { org, groups } = await seedOrg(deps)
    const viewer = await addMember(deps, org, { groups: groups.viewers ? [groups.viewers] : [] })
    const { apiKey } = await createApiKey(deps, sessionActor(viewer), { name: 'mine' })
    expect(apiKey.userId).toBe(viewer.id)
  })
})
