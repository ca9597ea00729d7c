import { describe, expect, it } from 'vitest'
import { isAppError } from '../../errors.js'
import { addMember, createTestDeps, seedOrg, sessionActor } from '../../testing/index.js'
import { createApiKey } from '../api-keys/create-api-key.js'
import { deleteApiKey } from '../api-keys/delete-api-key.js'
import { listAuditLog } from './list-audit-log.js'

describe('listAuditLog', () => {
  it('lists the org events newest first with filters', async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor } = await seedOrg(deps)
    const start = deps.clock.now()
    deps.clock.advance(1000)
    const { apiKey } = await createApiKey(deps, ownerActor, { name: 'k' })
    deps.clock.advance(1000)
    await deleteApiKey(deps, ownerActor, { id: apiKey.id })

    const all = await listAuditLog(deps, ownerActor)
    expect(all.map((e) => e.action)).toEqual([
      'api_key.delete',
      'api_key.create',
      'organization.create',
    ])
    expect(all.every((e) => e.orgId === org.id)).toBe(true)

    const byAction = await listAuditLog(deps, ownerActor, { action: 'api_key.create' })
    expect(byAction.map((e) => e.objectId)).toEqual([apiKey.id])
    const byObject = await listAuditLog(deps, ownerActor, {
      objectType: 'api_key',
      objectId: apiKey.id,
    })
    expect(byObject).toHaveLength(2)
    const byActor = await listAuditLog(deps, ownerActor, { actorId: owner.id })
    expect(byActor).toHaveLength(2)
    const window = await listAuditLog(deps, ownerActor, {
      since: start + 1000,
      until: start + 2000,
    })
    expect(window.map((e) => e.action)).toEqual(['api_key.create'])
    const page = await listAuditLog(deps, ownerActor, { limit: 1 })
    expect(page.map((e) => e.action)).toEqual(['api_key.delete'])
  })

  it('needs read on the audit log, and hides other orgs', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const engineer = await addMember(deps, a.org, {
      groups: a.groups.engineers ? [a.groups.engineers] : [],
    })
    const refused = await listAuditLog(deps, sessionActor(engineer)).catch((e: unknown) => e)
    expect(isAppError(refused, 'PERMISSION_DENIED')).toBe(true)
    const hidden = await listAuditLog(deps, b.ownerActor, { orgId: a.org.id }).catch(
      (e: unknown) => e,
    )
    expect(isAppError(hidden, 'ORG_NOT_FOUND')).toBe(true)
    const denial = (await listAuditLog(deps, a.ownerActor, { action: 'audit_log.list' }))[0]
    expect(denial).toMatchObject({ outcome: 'denied', reason: 'PERMISSION_DENIED' })
  })
})
