import type { Group } from '@gatehouse/client'
import { SubjectPermissions } from '../../../permission-grid/index.js'
import { useAbilities } from '../../../permissions.js'
import { Badge, Button, DetailCard, EmptyState } from '../../../ui/index.js'
import { GroupMembers } from './group-members.js'
import { GroupSettings } from './group-settings.js'

/** One group: its name and description, its permission grid, its members and nested groups. */
export function GroupDetail({
  group,
  groups,
  onBack,
  onChanged,
  onDelete,
  canUpdate,
  canDelete,
}: {
  group: Group
  groups: readonly Group[]
  onBack: () => void
  onChanged: (group: Group) => void
  onDelete: () => void
  /** May rename it and change its members (update on the group). */
  canUpdate: boolean
  /** May delete it (delete on the group). */
  canDelete: boolean
}) {
  const builtin = group.builtin !== null
  // The grid reads the org's ACLs (read_acls on the organization): others are told, not refused.
  const readsAcls = useAbilities().can('read_acls', 'organization')
  return (
    <div className="group-detail stack">
      <div className="detail-header">
        <Button size="small" variant="ghost" onClick={onBack}>
          ← All groups
        </Button>
        <h2>
          {group.name}{' '}
          {builtin ? (
            <Badge tone="info" title="Built-in groups cannot be deleted or renamed">
              Built-in
            </Badge>
          ) : null}
        </h2>
        {builtin || !canDelete ? null : (
          <Button size="small" variant="danger" onClick={onDelete}>
            Delete group
          </Button>
        )}
      </div>
      {builtin || !canUpdate ? (
        <p className="muted">
          {group.description ?? ''}{' '}
          {builtin ? 'Built-in groups cannot be deleted or renamed.' : null}
        </p>
      ) : (
        <GroupSettings group={group} onChanged={onChanged} />
      )}
      <DetailCard titleId="group-permissions-title" title="Permissions">
        {readsAcls ? (
          <SubjectPermissions kind="group" id={group.id} subjectLabel={group.name} />
        ) : (
          <EmptyState title="Permissions not visible to you">
            <p>Seeing what a group grants takes the permission to read the organization's ACLs.</p>
          </EmptyState>
        )}
      </DetailCard>
      <GroupMembers group={group} groups={groups} onChanged={onChanged} canUpdate={canUpdate} />
    </div>
  )
}
