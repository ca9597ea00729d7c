import type { Group } from '@gatehouse/client'
import { useEffect, useState } from 'react'
import { useClient } from '../../../api.js'
import {
  Button,
  DetailCard,
  ErrorMessage,
  Field,
  TextAreaField,
  useAction,
  useNameField,
} from '../../../ui/index.js'

/** A custom group's name and description, saved together. */
export function GroupSettings({
  group,
  onChanged,
}: {
  group: Group
  onChanged: (g: Group) => void
}) {
  const client = useClient()
  const field = useNameField(group.name, 'Give the group a name')
  const { name, setName } = field
  const [description, setDescription] = useState(group.description ?? '')
  useEffect(() => {
    setName(group.name)
    setDescription(group.description ?? '')
  }, [setName, group.name, group.description])
  const save = useAction(
    () =>
      client.groups.patch(group.id, {
        name: name.trim(),
        description: description.trim() === '' ? null : description.trim(),
      }),
    { errorNotice: false, success: (g) => `Group ${g.name} saved`, onSuccess: onChanged },
  )
  const unchanged = name.trim() === group.name && description.trim() === (group.description ?? '')
  return (
    <DetailCard titleId="group-settings-title" title="Details">
      <form className="stack" onSubmit={field.submitWith(() => void save.run())} noValidate>
        <Field
          label="Group name"
          value={name}
          maxLength={256}
          error={field.error}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextAreaField
          label="Group description"
          value={description}
          rows={2}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <ErrorMessage error={save.error} />
        <div>
          <Button type="submit" variant="primary" pending={save.pending} disabled={unchanged}>
            Save details
          </Button>
        </div>
      </form>
    </DetailCard>
  )
}
