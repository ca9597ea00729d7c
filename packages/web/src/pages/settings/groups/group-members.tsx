import type { Group } from '@gatehouse/client'
import { AddPicker, DetailCard, Loaded, RemovableList } from '../../../ui/index.js'
import { useGroupMembers } from './use-group-members.js'

/** A group's direct members (people and service accounts) and its nested groups. */
export function GroupMembers({
  group,
  groups,
  onChanged,
  canUpdate,
}: {
  group: Group
  groups: readonly Group[]
  onChanged: (g: Group) => void
  /** May add and remove members (update on the group); else the lists are read-only. */
  canUpdate: boolean
}) {
  const members = useGroupMembers(group, groups, onChanged)
  const { change, groupName } = members

  return (
    <DetailCard titleId="group-members-title" title="Members">
      <Loaded state={members.people} label="Loading members…">
        {(all) => {
          const label = (id: string) => {
            const p = all.find((x) => x.id === id)
            return p === undefined
              ? id
              : `${p.label}${p.serviceAccount ? ' (service account)' : ''}`
          }
          const addable = all.filter((p) => !group.member_users.includes(p.id))
          return (
            <>
              <RemovableList
                ids={group.member_users}
                text={label}
                removeLabel={(id) => `Remove ${label(id)} from ${group.name}`}
                onRemove={canUpdate ? (id) => change.run({ remove_member_users: [id] }) : undefined}
                empty="No direct members."
              />
              {canUpdate ? (
                <AddPicker
                  label="Add a member"
                  placeholder="Pick a member or service account"
                  value={members.pickUser}
                  onChange={members.setPickUser}
                  onAdd={members.addUser}
                  submitLabel="Add member"
                  pending={change.pending}
                >
                  {addable.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                      {p.serviceAccount ? ' (service account)' : ''}
                    </option>
                  ))}
                </AddPicker>
              ) : null}
            </>
          )
        }}
      </Loaded>

      <h3>Nested groups</h3>
      <p className="muted">Members of these groups are members of {group.name} too.</p>
      <RemovableList
        ids={group.member_groups}
        text={groupName}
        removeLabel={(id) => `Remove group ${groupName(id)} from ${group.name}`}
        onRemove={canUpdate ? (id) => change.run({ remove_member_groups: [id] }) : undefined}
        empty="No nested groups."
      />
      {canUpdate ? (
        <AddPicker
          label="Add a nested group"
          placeholder="Pick a group"
          value={members.pickGroup}
          onChange={members.setPickGroup}
          onAdd={members.addGroup}
          submitLabel="Add group"
          pending={change.pending}
        >
          {members.nestable.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </AddPicker>
      ) : null}
    </DetailCard>
  )
}
