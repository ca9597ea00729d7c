import { describe, expect, it } from 'vitest'
import {
  addMember,
  apiKeyActor,
  createTestDeps,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { listUsers } from './list-users.js'

describe('listUsers', () => {
  it('lists the members of the caller’s org, newest first, with filters and paging', async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor } = await seedOrg(deps)
    const other = await seedOrg(deps)
    deps.clock.advance(1000)
    const ann = await addMember(deps, org, { email: 'ann@example.com', name: 'Ann' })
    deps.clock.advance(1000)
    const bob = await addMember(deps, org, { email: 'bob@example.com' })
    await addMember(deps, other.org, { email: 'stranger@example.com' })

    const all = await listUsers(deps, ownerActor)
    expect(all.map((u) => u.id)).toEqual([bob.id, ann.id, owner.id])
    const byEmail = await listUsers(deps, ownerActor, { emails: ['ANN@example.com'] })
    expect(byEmail.map((u) => u.id)).toEqual([ann.id])
    const byName = await listUsers(deps, ownerActor, { givenName: 'Ann' })
    expect(byName.map((u) => u.id)).toEqual([ann.id])
    const page = await listUsers(deps, ownerActor, { limit: 1, startingAfter: bob.id })
    expect(page.map((u) => u.id)).toEqual([ann.id])
    const stranger = await listUsers(deps, ownerActor, { emails: ['stranger@example.com'] })
    expect(stranger).toEqual([])

    // Any member may list; a member without grants too.
    expect((await listUsers(deps, sessionActor(bob))).map((u) => u.id)).toContain(owner.id)
  })

  it('lists only the bound org for a key, and refuses other orgs', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps, { ownerEmail: a.owner.email })
    const inB = await addMember(deps, b.org)
    const list = await listUsers(deps, apiKeyActor(a.owner, a.org.id))
    expect(list.map((u) => u.id)).not.toContain(inB.id)
    await expect(
      listUsers(deps, apiKeyActor(a.owner, a.org.id), { orgId: b.org.id }),
    ).rejects.toMatchObject({ code: 'ORG_NOT_FOUND' })
  })

  it('says when each member was last active in any of their sessions, null when never', async () => {
    const deps = createTestDeps({ now: 1_700_000_000_000 })
    const { org, owner, ownerActor } = await seedOrg(deps)
    const ann = await addMember(deps, org, { email: 'ann@example.com' })
    const session = (id: string, userId: string, lastSeenAt: number, revokedAt: number | null) => ({
      id,
      userId,
      tokenHash: `t-${id}`,
      csrfHash: `c-${id}`,
      createdAt: lastSeenAt,
      lastSeenAt,
      expiresAt: lastSeenAt + 86_400_000,
      revokedAt,
      ip: null,
      userAgent: null,
    })
    const now = deps.clock.now()
    await deps.store.transaction(async (tx) => {
      await tx.sessions.insert(
        session('00000000-0000-4000-8000-000000000001', owner.id, now - 5000, null),
      )
      // A revoked session still counts: it says when the person was last around.
      await tx.sessions.insert(
        session('00000000-0000-4000-8000-000000000002', owner.id, now - 1000, now),
      )
    })

    const listed = await listUsers(deps, ownerActor)
    const byId = new Map(listed.map((u) => [u.id, u]))
    expect(byId.get(owner.id)?.lastActiveAt).toBe(now - 1000)
    expect(byId.get(ann.id)?.lastActiveAt).toBeNull()
  })
})
