import { describe, expect, it } from 'vitest'
import { addMember, auditEvents, createTestDeps, seedOrg } from '../../testing/index.js'
import { loadEvaluator } from '../operation.js'
import { changeOrganizationPlan } from './change-organization-plan.js'

describe('changeOrganizationPlan', () => {
  it('moving up from starter creates Engineers and Viewers with their grants', async () => {
    const deps = createTestDeps()
    const { org } = await seedOrg(deps, { plan: 'starter' })
    const result = await changeOrganizationPlan(deps, { orgId: org.id, plan: 'pro' })
    expect(result.previousPlan).toBe('starter')
    expect(result.org.plan).toBe('pro')
    expect(result.createdGroups.map((g) => g.name).sort()).toEqual(['Engineers', 'Viewers'])

    const engineers = result.createdGroups.find((g) => g.builtin === 'engineers')
    expect(engineers).toBeDefined()
    const engineer = await addMember(deps, org, { groups: engineers ? [engineers] : [] })
    const ev = await deps.store.transaction(async (tx) => {
      const fresh = await tx.orgs.find(org.id)
      if (fresh === undefined) {
        throw new Error('org vanished')
      }
      return loadEvaluator(tx, fresh)
    })
    expect(ev.has(engineer.id, 'create', { objectType: 'project', objectId: 'p1' })).toBe(true)
    expect(ev.has(engineer.id, 'update', { objectType: 'organization', objectId: org.id })).toBe(
      false,
    )

    const last = (await auditEvents(deps, org.id)).at(-1)
    expect(last?.action).toBe('organization.change_plan')
    expect(last?.actor).toEqual({
      userId: null,
      credentialKind: 'operator',
      credentialId: null,
      impersonatorId: null,
    })
    expect(last?.before).toEqual({ plan: 'starter' })
  })

  it('moving down keeps every group and reports the ones beyond the plan', async () => {
    const deps = createTestDeps()
    const { org } = await seedOrg(deps, { plan: 'enterprise' })
    const result = await changeOrganizationPlan(deps, { orgId: org.id, plan: 'starter' })
    expect(result.org.plan).toBe('starter')
    expect(result.createdGroups).toEqual([])
    expect(result.retainedGroups.map((g) => g.name).sort()).toEqual(['Engineers', 'Viewers'])
    const groups = await deps.store.transaction((tx) => tx.groups.listAll(org.id))
    expect(groups).toHaveLength(3)
  })

  it('is ORG_NOT_FOUND for an unknown org', async () => {
    const deps = createTestDeps()
    await expect(
      changeOrganizationPlan(deps, { orgId: deps.crypto.uuid(), plan: 'pro' }),
    ).rejects.toMatchObject({ code: 'ORG_NOT_FOUND' })
  })
})
