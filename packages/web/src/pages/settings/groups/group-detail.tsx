import type { Group } from '@gatehouse/client'
import { SubjectPermissions } from '../../../permission-grid/index.js'
import { Badge, Button, DetailCard } from '../../../ui/index.js'
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
        <SubjectPermissions kind="group" id={group.id} subjectLabel={group.name} />
      </DetailCard>
      <GroupMembers group={group} groups={groups} onChanged={onChanged} canUpdate={canUpdate} />
    </div>
  )
}
