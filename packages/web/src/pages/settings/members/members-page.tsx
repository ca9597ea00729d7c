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
  const { abilities } = page
  const canInvite = abilities.can('create', 'org_member')
  const canRemove = abilities.can('delete', 'org_member')
  // Groups hang off the organization: update there is update on every group.
  const canChangeGroups = abilities.can('update', 'organization')
  const seesAllGroups = abilities.can('read', 'organization')
  return (
    <>
      <PageHeader
        title="Members"
        description={`People in ${org.name}, their permission groups and when they were last active.`}
        actions={
          canInvite ? (
            <Button
              variant="primary"
              onClick={page.startInviting}
              disabled={page.data.data === undefined}
            >
              Invite people
            </Button>
          ) : undefined
        }
      />
      {abilities.ready && !(canInvite && canRemove && canChangeGroups && seesAllGroups) ? (
        <p className="muted">
          {canInvite || canRemove || canChangeGroups
            ? 'You can do here only what your permissions allow.'
            : 'Inviting, removing members and changing their groups are for those who manage members.'}{' '}
          {seesAllGroups
            ? null
            : 'You see the groups you are in; who is in the other groups shows to those who can read every group.'}
        </p>
      ) : null}
      <Loaded state={page.data} label="Loading members…">
        {({ users, groups }) => (
          <>
            <MemberTable
              users={users}
              groups={groups}
              onEdit={canChangeGroups ? page.setEditing : undefined}
              onRemove={canRemove ? page.setRemoving : undefined}
              seesAllGroups={seesAllGroups}
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
        canInvite={canInvite}
        canRevoke={abilities.can('delete', 'org_member')}
      />

      <InvitationLinksDialog links={page.created} onClose={page.closeLinks} />
      <RemoveMemberDialog member={page.removing} onClose={page.closeRemoving} />
      <RevokeInvitationDialog invitation={page.revoking} onClose={page.closeRevoking} />
    </>
  )
}
