import { useOrg } from '../../../session.js'
import { Button, Loaded, PageHeader } from '../../../ui/index.js'
import { InvitationLinksDialog } from './invitation-links-dialog.js'
import { InviteDialog } from './invite-dialog.js'
import { MemberGroupsDialog } from './member-groups-dialog.js'
import { MemberTable } from './member-table.js'
import { PendingInvitations } from './pending-invitations.js'
import { RemoveMemberDialog } from './remove-member-dialog.js'
import { RevokeInvitationDialog } from './revoke-invitation-dialog.js'
import { useMembersPage } from './use-members-page.js'
import './members.css'

/** Settings → Members: people, their groups, invitations, removal. */
export function MembersPage() {
  const { org } = useOrg()
  const page = useMembersPage()
  return (
    <>
      <PageHeader
        title="Members"
        description={`People in ${org.name}, their permission groups and when they were last active.`}
        actions={
          <Button
            variant="primary"
            onClick={page.startInviting}
            disabled={page.data.data === undefined}
          >
            Invite people
          </Button>
        }
      />
      <Loaded state={page.data} label="Loading members…">
        {({ users, groups }) => (
          <>
            <MemberTable
              users={users}
              groups={groups}
              onEdit={page.setEditing}
              onRemove={page.setRemoving}
            />
            <InviteDialog
              open={page.inviting}
              groups={groups}
              onClose={page.stopInviting}
              onInvited={page.invited}
            />
            {page.editing === undefined ? null : (
              <MemberGroupsDialog
                user={page.editing}
                groups={groups}
                onClose={page.closeEditing}
                onSaved={page.closeEditing}
              />
            )}
          </>
        )}
      </Loaded>

      <PendingInvitations
        invitations={page.invitations}
        groups={page.data.data?.groups ?? []}
        onInviteAgain={page.inviteAgain.run}
        onRevoke={page.setRevoking}
      />

      <InvitationLinksDialog links={page.created} onClose={page.closeLinks} />
      <RemoveMemberDialog member={page.removing} onClose={page.closeRemoving} />
      <RevokeInvitationDialog invitation={page.revoking} onClose={page.closeRevoking} />
    </>
  )
}
