import type { Group, UserListItem } from '@gatehouse/client'
import { formatDateTime, formatRelative } from '../../../format.js'
import { useSession } from '../../../session.js'
import { Badge, Button, type Column, Table } from '../../../ui/index.js'
import { groupsOf } from './groups-of.js'
import { personName } from './people.js'

/** The members of the organization: name, groups, last activity, and what may be done. */
export function MemberTable({
  users,
  groups,
  onEdit,
  onRemove,
}: {
  users: readonly UserListItem[]
  groups: readonly Group[]
  onEdit: (user: UserListItem) => void
  onRemove: (user: UserListItem) => void
}) {
  const me = useSession().info?.user
  const columns: Column<UserListItem>[] = [
    {
      key: 'member',
      header: 'Member',
      render: (u) => (
        <div>
          <div>
            {personName(u)}
            {u.id === me?.id ? (
              <>
                {' '}
                <Badge>You</Badge>
              </>
            ) : null}
          </div>
          {u.email !== null && personName(u) !== u.email ? (
            <div className="muted">{u.email}</div>
          ) : null}
        </div>
      ),
    },
    {
      key: 'groups',
      header: 'Groups',
      render: (u) => {
        const own = groupsOf(u, groups)
        return own.length === 0 ? (
          <span className="muted">No group</span>
        ) : (
          <span className="badge-list">
            {own.map((g) => (
              <Badge key={g.id} tone={g.builtin === 'owners' ? 'info' : 'neutral'}>
                {g.name}
              </Badge>
            ))}
          </span>
        )
      },
    },
    {
      key: 'active',
      header: 'Last active',
      render: (u) => (
        <span title={u.last_active_at === null ? undefined : formatDateTime(u.last_active_at)}>
          {formatRelative(u.last_active_at, { fallback: 'Never' })}
        </span>
      ),
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'actions',
      render: (u) => (
        <>
          <Button
            size="small"
            onClick={() => onEdit(u)}
            aria-label={`Change groups of ${personName(u)}`}
          >
            Change groups
          </Button>{' '}
          <Button
            size="small"
            variant="danger"
            onClick={() => onRemove(u)}
            aria-label={`Remove ${personName(u)}`}
          >
            Remove
          </Button>
        </>
      ),
    },
  ]
  return (
    <Table
      caption={`Members (${users.length})`}
      columns={columns}
      rows={users}
      rowKey={(u) => u.id}
    />
  )
}
