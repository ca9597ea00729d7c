import type { Group, UserListItem } from '@gatehouse/client'
import { useClient } from '../../../api.js'
import { Button, Dialog, ErrorMessage, useAction, useSetToggle } from '../../../ui/index.js'
import { explainLastOwner } from './explain-last-owner.js'
import { GroupChoices } from './group-choices.js'
import { groupsOf } from './groups-of.js'
import { personName } from './people.js'

/** Changes the groups `user` is in, saved together when the picks differ from what is. */
export function MemberGroupsDialog({
  user,
  groups,
  onClose,
  onSaved,
}: {
  user: UserListItem
  groups: readonly Group[]
  onClose: () => void
  onSaved: () => void
}) {
  const client = useClient()
  const initial = new Set(groupsOf(user, groups).map((g) => g.id))
  const choice = useSetToggle(initial)
  const { chosen } = choice
  const save = useAction(
    async () => {
      // Additions first: if a removal is then refused (the last owner), nobody lost access.
      for (const g of groups) {
        if (chosen.has(g.id) && !initial.has(g.id)) {
          await client.groups.patch(g.id, { add_member_users: [user.id] })
        }
      }
      for (const g of groups) {
        if (!chosen.has(g.id) && initial.has(g.id)) {
          await client.groups.patch(g.id, { remove_member_users: [user.id] })
        }
      }
    },
    { errorNotice: false, success: `Groups of ${personName(user)} saved`, onSuccess: onSaved },
  )
  const changed = groups.some((g) => chosen.has(g.id) !== initial.has(g.id))
  return (
    <Dialog
      open
      title={`Groups of ${personName(user)}`}
      onClose={onClose}
      dismissible={!save.pending}
      footer={
        <>
          <Button onClick={onClose} disabled={save.pending}>
            Cancel
          </Button>
          <Button
            variant="primary"
            pending={save.pending}
            disabled={!changed}
            onClick={() => save.run()}
          >
            Save groups
          </Button>
        </>
      }
    >
      <fieldset className="fieldset">
        <legend>Member of</legend>
        <GroupChoices groups={groups} choice={choice} />
      </fieldset>
      <ErrorMessage error={save.error}>
        {save.error === undefined ? null : explainLastOwner(save.error)}
      </ErrorMessage>
    </Dialog>
  )
}
