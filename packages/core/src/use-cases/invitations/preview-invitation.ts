import { AppError } from '../../errors.js'
import type { Deps } from '../../ports.js'
import { invitationTokenHash, isInvitationPending } from './invitation-token.js'

export interface InvitationPreview {
  readonly orgId: string
  readonly orgName: string
  readonly email: string
  /** Whether the invitee must sign in (true) or choose a password (false) to accept. */
  readonly accountExists: boolean
  readonly expiresAt: number
}

/**
 * What an invitation link leads to, for the page that accepts it; the raw token is the only
 * credential. Unknown, expired, used and revoked tokens all get the same answer.
 * @throws INVITATION_NOT_FOUND
 */
export async function previewInvitation(
  deps: Deps,
  input: { readonly token: string },
): Promise<InvitationPreview> {
  const hash = invitationTokenHash(deps.crypto, input.token)
  if (hash === undefined) {
    throw new AppError('INVITATION_NOT_FOUND')
  }
  return deps.store.transaction(async (tx) => {
    const invitation = await tx.invitations.findByTokenHash(hash)
    if (invitation === undefined || !isInvitationPending(invitation, deps.clock.now())) {
      throw new AppError('INVITATION_NOT_FOUND')
    }
    const org = await tx.orgs.find(invitation.orgId)
    if (org === undefined) {
      throw new AppError('INVITATION_NOT_FOUND')
    }
    const user = await tx.users.findByEmail(invitation.email)
    return {
      orgId: org.id,
      orgName: org.name,
      email: invitation.email,
      accountExists: user !== undefined && user.deletedAt === null,
      expiresAt: invitation.expiresAt,
    }
  })
}
