import type { Group, Invitation } from '@gatehouse/client'
import { formatDateTime, formatRelative } from '../../../format.js'
import {
  Button,
  type Column,
  EmptyState,
  Loaded,
  type LoadState,
  Table,
} from '../../../ui/index.js'

/**
 * The invitations not yet accepted, for those who may read them (`invitations` holds null for
 * the others), each to be sent again or revoked by those who may.
 */
export function PendingInvitations({
  invitations,
  groups,
  onInviteAgain,
  onRevoke,
  canInvite,
  canRevoke,
}: {
  invitations: LoadState<Invitation[] | null | undefined>
  groups: readonly Group[]
  /** Its button spins until the promise settles. */
  onInviteAgain: (invitation: Invitation) => Promise<unknown>
  onRevoke: (invitation: Invitation) => void
  /** May make new invitations (create on org_member): offers "Invite again". */
  canInvite: boolean
  /** May revoke them (delete on org_member): offers "Revoke". */
  canRevoke: boolean
}) {
  const groupNames = (ids: readonly string[]) =>
    ids.map((id) => groups.find((g) => g.id === id)?.name ?? 'a deleted group')

  const columns: Column<Invitation>[] = [
    { key: 'email', header: 'Email', render: (i) => i.email },
    { key: 'groups', header: 'Into groups', render: (i) => groupNames(i.group_ids).join(', ') },
    { key: 'sent', header: 'Invited', render: (i) => formatRelative(i.created) },
    { key: 'expires', header: 'Expires', render: (i) => formatDateTime(i.expires_at) },
  ]
  if (canInvite || canRevoke) {
    columns.push({
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'actions',
      render: (i) => (
        <>
          {canInvite ? (
            <Button
              size="small"
              onClick={() => onInviteAgain(i)}
              aria-label={`Invite ${i.email} again`}
            >
              Invite again
            </Button>
          ) : null}{' '}
          {canRevoke ? (
            <Button
              size="small"
              variant="danger"
              onClick={() => onRevoke(i)}
              aria-label={`Revoke the invitation of ${i.email}`}
            >
              Revoke
            </Button>
          ) : null}
        </>
      ),
    })
  }

  return (
    <section className="page-section" aria-labelledby="pending-invitations">
      <h2 id="pending-invitations">Pending invitations</h2>
      {invitations.data === null ? null : (
        <p className="muted">
          Invitation links are shown once, when they are made: Gatehouse keeps only a fingerprint of
          each, so a pending invitation's link cannot be shown again. “Invite again” makes a new
          link (the old one stops working).
        </p>
      )}
      <Loaded state={invitations} label="Loading invitations…">
        {(list) =>
          // Loaded renders only loaded data: undefined (still waiting) never gets here.
          list === undefined ? null : list === null ? (
            <EmptyState title="Not available to you">
              <p>
                Only members who can read the member list's administration see pending invitations.
              </p>
            </EmptyState>
          ) : (
            <Table
              caption="Pending invitations"
              hideCaption
              columns={columns}
              rows={list}
              rowKey={(i) => i.id}
              empty={<EmptyState title="No pending invitations" />}
            />
          )
        }
      </Loaded>
    </section>
  )
}
