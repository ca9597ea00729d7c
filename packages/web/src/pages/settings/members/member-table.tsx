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
  seesAllGroups,
}: {
  users: readonly UserListItem[]
  groups: readonly Group[]
  /** Offered only to those who may change groups (update on them). */
  onEdit: ((user: UserListItem) => void) | undefined
  /** Offered only to those who may remove members (delete on org_member). */
  onRemove: ((user: UserListItem) => void) | undefined
  /** The caller reads every group; else it sees only the groups it is in. */
  seesAllGroups: boolean
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
        if (own.length === 0) {
          return seesAllGroups ? (
            <span className="muted">No group</span>
          ) : (
            <span className="muted" title="Not in a group you can see">
              —
            </span>
          )
        }
        return (
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
  ]
  if (onEdit !== undefined || onRemove !== undefined) {
    columns.push({
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'actions',
      render: (u) => (
        <>
          {onEdit === undefined ? null : (
            <Button
              size="small"
              onClick={() => onEdit(u)}
              aria-label={`Change groups of ${personName(u)}`}
            >
              Change groups
            </Button>
          )}{' '}
          {onRemove === undefined ? null : (
            <Button
              size="small"
              variant="danger"
              onClick={() => onRemove(u)}
              aria-label={`Remove ${personName(u)}`}
            >
              Remove
            </Button>
          )}
        </>
      ),
    })
  }
  return (
    <Table
      caption={`Members (${users.length})`}
      columns={columns}
      rows={users}
      rowKey={(u) => u.id}
    />
  )
}
