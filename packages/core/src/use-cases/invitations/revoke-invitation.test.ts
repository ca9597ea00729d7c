import { describe, expect, it } from 'vitest'
import {
  addMember,
  auditEvents,
  createTestDeps,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { updateMembers } from '../members/update-members.js'
import { acceptInvitation } from './accept-invitation.js'
import { revokeInvitation } from './revoke-invitation.js'

describe('revokeInvitation', () => {
  it('revokes a pending invitation so its token stops working', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    const { invitations } = await updateMembers(deps, ownerActor, {
      inviteUsers: { emails: ['a@example.com'], groupId: groups.owners.id },
    })
    const [created] = invitations
    if (created === undefined) {
      throw new Error('no invitation')
    }
    const revoked = await revokeInvitation(deps, ownerActor, { invitationId: created.id })
    expect(revoked.revokedAt).toBe(deps.clock.now())
    await expect(
      acceptInvitation(deps, { token: created.token, password: 'a good password' }),
    ).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' })
    await expect(
      revokeInvitation(deps, ownerActor, { invitationId: created.id }),
    ).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' })
    const last = (await auditEvents(deps, org.id)).find((e) => e.action === 'invitation.revoke')
    expect(last?.objectId).toBe(created.id)
  })

  it('is INVITATION_NOT_FOUND from another org or without rights on members', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    const other = await seedOrg(deps)
    const { invitations } = await updateMembers(deps, ownerActor, {
      inviteUsers: { emails: ['a@example.com'], groupId: groups.owners.id },
    })
    const id = invitations[0]?.id ?? ''
    await expect(
      revokeInvitation(deps, other.ownerActor, { invitationId: id }),
    ).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' })
    const loner = await addMember(deps, org)
    await expect(
      revokeInvitation(deps, sessionActor(loner), { invitationId: id }),
    ).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' })
    const stored = await deps.store.transaction((tx) => tx.invitations.find(id))
    expect(stored?.revokedAt).toBeNull()
  })
})
