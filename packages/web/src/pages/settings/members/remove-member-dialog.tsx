import type { UserListItem } from '@gatehouse/client'
import { useClient } from '../../../api.js'
import { useOrg } from '../../../session.js'
import { ConfirmDialog } from '../../../ui/index.js'
import { explainLastOwner } from './explain-last-owner.js'
import { personName } from './people.js'

/** "Remove Ada?": takes `member` out of the organization; open while `member` is defined. */
export function RemoveMemberDialog({
  member,
  onClose,
}: {
  member: UserListItem | undefined
  onClose: () => void
}) {
  const client = useClient()
  const { org } = useOrg()
  return (
    <ConfirmDialog
      open={member !== undefined}
      title={`Remove ${member === undefined ? '' : personName(member)}?`}
      confirmLabel="Remove member"
      danger
      onConfirm={() =>
        client.organizations.updateMembers({
          org_name: org.name,
          remove_users: { ids: member === undefined ? [] : [member.id] },
        })
      }
      onClose={onClose}
      successMessage={`${member === undefined ? 'Member' : personName(member)} was removed`}
      explainError={explainLastOwner}
    >
      <p>
        They leave every group of {org.name}, lose the access granted to them here, and their API
        keys for {org.name} stop working. Inviting them again starts from the groups of the new
        invitation.
      </p>
    </ConfirmDialog>
  )
}
