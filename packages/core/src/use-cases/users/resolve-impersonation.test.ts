import { describe, expect, it } from 'vitest'
import {
  addMember,
  apiKeyActor,
  auditEvents,
  createTestDeps,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { resolveImpersonation } from './resolve-impersonation.js'

const NOT_ALLOWED = {
  code: 'IMPERSONATION_NOT_ALLOWED',
  message: 'Impersonation requires the Owner role in every organization the user belongs to',
}

describe('resolveImpersonation', () => {
  it('lets an owner of every org of the target act as the target, by id or email', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps, { ownerEmail: a.owner.email })
    const target = await addMember(deps, a.org, { email: 't@example.com' })
    await addMember(deps, b.org, { email: 't@example.com' })

    const caller = sessionActor(a.owner, { requestId: 'req-1' })
    const actor = await resolveImpersonation(deps, caller, target.id)
    expect(actor).toEqual({
      userId: target.id,
      credential: caller.credential,
      impersonatorId: a.owner.id,
      requestId: 'req-1',
    })
    expect((await resolveImpersonation(deps, caller, ' T@example.com ')).userId).toBe(target.id)
  })

  it('refuses when the target is in an org the caller does not own', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const target = await addMember(deps, a.org)
    await addMember(deps, b.org, { email: target.email })
    await expect(resolveImpersonation(deps, a.ownerActor, target.id)).rejects.toMatchObject(
      NOT_ALLOWED,
    )
    const denied = (await auditEvents(deps, a.org.id)).at(-1)
    expect(denied?.action).toBe('user.impersonate')
    expect(denied?.outcome).toBe('denied')
    expect(denied?.objectId).toBe(target.id)
    // Org B's log does not learn about a caller who is not its member.
    expect((await auditEvents(deps, b.org.id)).some((e) => e.action === 'user.impersonate')).toBe(
      false,
    )
  })

  it('refuses a member who is not an owner', async () => {
    const deps = createTestDeps()
    const { org, owner, groups } = await seedOrg(deps)
    const engineer = await addMember(deps, org, {
      groups: groups.engineers ? [groups.engineers] : [],
    })
    await expect(
      resolveImpersonation(deps, sessionActor(engineer), owner.id),
    ).rejects.toMatchObject(NOT_ALLOWED)
  })

  it('refuses unknown targets exactly like forbidden ones', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const keyActor = apiKeyActor(owner, org.id)
    for (const target of [deps.crypto.uuid(), 'nobody@example.com']) {
      await expect(resolveImpersonation(deps, keyActor, target)).rejects.toMatchObject(NOT_ALLOWED)
    }
    const denied = (await auditEvents(deps, org.id)).at(-1)
    expect(denied?.reason).toBe('IMPERSONATION_NOT_ALLOWED')
    expect(denied?.objectId).toBeNull()
  })

  it('refuses nested impersonation', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    const target = await addMember(deps, org)
    const impersonating = sessionActor(target, { impersonatorId: owner.id })
    await expect(resolveImpersonation(deps, impersonating, owner.id)).rejects.toMatchObject({
      code: 'IMPERSONATION_NESTED',
      message: 'Impersonation cannot be nested',
    })
  })

  it('counts a key as Owner only in the org it is bound to', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps, { ownerEmail: a.owner.email })
    const target = await addMember(deps, a.org)
    await addMember(deps, b.org, { email: target.email })
    await expect(
      resolveImpersonation(deps, apiKeyActor(a.owner, a.org.id), target.id),
    ).rejects.toMatchObject(NOT_ALLOWED)
    const onlyInA = await addMember(deps, a.org)
    const actor = await resolveImpersonation(deps, apiKeyActor(a.owner, a.org.id), onlyInA.id)
    expect(actor.credential.kind).toBe('api_key')
    expect(actor.impersonatorId).toBe(a.owner.id)
  })
})
