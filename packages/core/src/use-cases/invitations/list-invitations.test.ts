import { describe, expect, it } from 'vitest'
import { addMember, createTestDeps, seedOrg, sessionActor } from '../../testing/index.js'
import { updateMembers } from '../members/update-members.js'
import { INVITATION_TTL_MS } from './invitation-token.js'
import { listInvitations } from './list-invitations.js'

describe('listInvitations', () => {
  it('lists pending invitations to whoever may read the member list', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    await updateMembers(deps, ownerActor, {
      inviteUsers: { emails: ['old@example.com'], groupId: groups.owners.id },
    })
    deps.clock.advance(INVITATION_TTL_MS - 1000)
    await updateMembers(deps, ownerActor, {
      inviteUsers: { emails: ['new@example.com'], groupId: groups.owners.id },
    })
    expect((await listInvitations(deps, ownerActor)).map((i) => i.email)).toEqual([
      'new@example.com',
      'old@example.com',
    ])
    deps.clock.advance(1000)
    expect((await listInvitations(deps, ownerActor)).map((i) => i.email)).toEqual([
      'new@example.com',
    ])

    const engineer = await addMember(deps, org, {
      groups: groups.engineers ? [groups.engineers] : [],
    })
    await expect(listInvitations(deps, sessionActor(engineer))).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    })
  })

  it('shows nothing of another org', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    await updateMembers(deps, a.ownerActor, {
      inviteUsers: { emails: ['x@example.com'], groupId: a.groups.owners.id },
    })
    expect(await listInvitations(deps, b.ownerActor)).toEqual([])
    await expect(listInvitations(deps, b.ownerActor, { orgId: a.org.id })).rejects.toMatchObject({
      code: 'ORG_NOT_FOUND',
    })
  })
})
