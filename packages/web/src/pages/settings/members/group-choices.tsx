import type { Group } from '@gatehouse/client'
import { Checkbox, type SetToggle } from '../../../ui/index.js'

/** A checkbox for each group, described by the group's own description, picks in `choice`. */
export function GroupChoices({
  groups,
  choice,
}: {
  groups: readonly Group[]
  choice: SetToggle<string>
}) {
  return groups.map((g) => (
    <Checkbox
      key={g.id}
      label={g.name}
      hint={g.description ?? undefined}
      checked={choice.chosen.has(g.id)}
      onChange={(e) => choice.toggle(g.id, e.target.checked)}
    />
  ))
}
