import type { Actor } from '../../actor.js'
import { AppError, isAppError } from '../../errors.js'
import type { Invitation } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { runOperation } from '../operation.js'
import { isInvitationPending } from './invitation-token.js'

export interface RevokeInvitationInput {
  readonly invitationId: string
}

/**
 * Revokes a pending invitation so its link stops working. Needs `delete` on the member list; an
 * invitation of another org, or one already accepted, revoked or expired, is not found.
 * @throws INVITATION_NOT_FOUND, PERMISSION_DENIED
 */
export async function revokeInvitation(
  deps: Deps,
  actor: Actor,
  input: RevokeInvitationInput,
): Promise<Invitation> {
  return runOperation(deps, actor, 'invitation.revoke', async (op) => {
    const invitation = await op.tx.invitations.find(input.invitationId)
    if (invitation === undefined) {
      throw new AppError('INVITATION_NOT_FOUND')
    }
    try {
      await op.enterOrg({ orgId: invitation.orgId })
    } catch (err) {
      if (isAppError(err, 'ORG_NOT_FOUND')) {
        throw new AppError('INVITATION_NOT_FOUND')
      }
      throw err
    }
    op.require(
      'delete',
      { objectType: 'org_member', objectId: invitation.orgId },
      'INVITATION_NOT_FOUND',
    )
    const now = op.now()
    if (!isInvitationPending(invitation, now)) {
      throw new AppError('INVITATION_NOT_FOUND')
    }
    const revoked: Invitation = { ...invitation, revokedAt: now }
    await op.tx.invitations.update(revoked)
    await op.record({
      objectType: 'invitation',
      objectId: invitation.id,
      before: { email: invitation.email, expiresAt: invitation.expiresAt },
      after: { revokedAt: now },
    })
    return revoked
  })
}
