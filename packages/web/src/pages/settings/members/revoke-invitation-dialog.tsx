import type { Invitation } from '@gatehouse/client'
import { useClient } from '../../../api.js'
import { ConfirmDialog } from '../../../ui/index.js'

/** Revokes a pending invitation, so its link stops working; open while `invitation` is defined. */
export function RevokeInvitationDialog({
  invitation,
  onClose,
}: {
  invitation: Invitation | undefined
  onClose: () => void
}) {
  const client = useClient()
  return (
    <ConfirmDialog
      open={invitation !== undefined}
      title="Revoke this invitation?"
      confirmLabel="Revoke invitation"
      danger
      onConfirm={() => client.invitations.revoke(invitation?.id ?? '')}
      onClose={onClose}
      successMessage="Invitation revoked"
    >
      <p>The link sent to {invitation?.email} will stop working.</p>
    </ConfirmDialog>
  )
}
