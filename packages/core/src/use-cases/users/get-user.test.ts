import { describe, expect, it } from 'vitest'
import {
  addMember,
  apiKeyActor,
  createTestDeps,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { getUser } from './get-user.js'

describe('getUser', () => {
  it('returns a user who shares an org, and the caller itself', async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor } = await seedOrg(deps)
    const member = await addMember(deps, org)
    expect((await getUser(deps, ownerActor, { userId: member.id })).email).toBe(member.email)
    expect((await getUser(deps, sessionActor(member), { userId: member.id })).id).toBe(member.id)
    expect((await getUser(deps, sessionActor(member), { userId: owner.id })).id).toBe(owner.id)
  })

  it('is USER_NOT_FOUND for users of other orgs and unknown ids', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    await expect(getUser(deps, a.ownerActor, { userId: b.owner.id })).rejects.toMatchObject({
      code: 'USER_NOT_FOUND',
      message: 'User not found',
    })
    await expect(getUser(deps, a.ownerActor, { userId: deps.crypto.uuid() })).rejects.toMatchObject(
      { code: 'USER_NOT_FOUND' },
    )
  })

  it('looks only inside the org a key is bound to', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps, { ownerEmail: a.owner.email })
    const inB = await addMember(deps, b.org)
    await expect(
      getUser(deps, apiKeyActor(a.owner, a.org.id), { userId: inB.id }),
    ).rejects.toMatchObject({ code: 'USER_NOT_FOUND' })
    expect((await getUser(deps, sessionActor(a.owner), { userId: inB.id })).id).toBe(inB.id)
  })
})
