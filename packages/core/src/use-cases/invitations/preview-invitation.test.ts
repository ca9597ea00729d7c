import { describe, expect, it } from 'vitest'
import { addMember, createTestDeps, seedOrg } from '../../testing/index.js'
import { updateMembers } from '../members/update-members.js'
import { previewInvitation } from './preview-invitation.js'
import { revokeInvitation } from './revoke-invitation.js'

describe('previewInvitation', () => {
  it('shows the org name, the email and whether an account exists', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps, { name: 'Acme' })
    const other = await seedOrg(deps)
    await addMember(deps, other.org, { email: 'has@example.com' })
    const { invitations } = await updateMembers(deps, ownerActor, {
      inviteUsers: { emails: ['has@example.com', 'new@example.com'], groupId: groups.owners.id },
    })
    const byEmail = new Map(invitations.map((i) => [i.email, i.token]))
    const existing = await previewInvitation(deps, { token: byEmail.get('has@example.com') ?? '' })
    expect(existing).toMatchObject({ orgId: org.id, orgName: 'Acme', accountExists: true })
    const fresh = await previewInvitation(deps, { token: byEmail.get('new@example.com') ?? '' })
    expect(fresh).toMatchObject({ email: 'new@example.com', accountExists: false })
  })

  it('is INVITATION_NOT_FOUND once revoked', async () => {
    const deps = createTestDeps()
    const { ownerActor, groups } = await seedOrg(deps)
    const { invitations } = await updateMembers(deps, ownerActor, {
      inviteUsers: { emails: ['a@example.com'], groupId: groups.owners.id },
    })
    const [created] = invitations
    if (created === undefined) {
      throw new Error('no invitation')
    }
    await revokeInvitation(deps, ownerActor, { invitationId: created.id })
    await expect(previewInvitation(deps, { token: created.token })).rejects.toMatchObject({
      code: 'INVITATION_NOT_FOUND',
    })
  })
})
