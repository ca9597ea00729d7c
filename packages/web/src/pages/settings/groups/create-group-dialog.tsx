import type { Group } from '@gatehouse/client'
import { useState } from 'react'
import { useClient } from '../../../api.js'
import { useOrg } from '../../../session.js'
import {
  type CreateDialogProps,
  CreateNamedDialog,
  TextAreaField,
  useAction,
  useNameField,
} from '../../../ui/index.js'

/** Creates a custom permission group with a name and an optional description. */
export function CreateGroupDialog({ open, onClose, onCreated }: CreateDialogProps<Group>) {
  const client = useClient()
  const { org } = useOrg()
  const field = useNameField('', 'Give the group a name')
  const [description, setDescription] = useState('')
  const create = useAction(
    () =>
      client.groups.create({
        name: field.name.trim(),
        description: description.trim() === '' ? null : description.trim(),
        org_name: org.name,
      }),
    {
      errorNotice: false,
      success: (g) => `Group ${g.name} created`,
      onSuccess: (g) => {
        field.setName('')
        setDescription('')
        onCreated(g)
      },
    },
  )
  return (
    <CreateNamedDialog
      open={open}
      title="Create a permission group"
      submitLabel="Create group"
      field={field}
      action={create}
      onSubmit={field.submitWith(() => void create.run())}
      onClose={onClose}
    >
      <TextAreaField
        label="Description (optional)"
        value={description}
        rows={2}
        onChange={(e) => setDescription(e.currentTarget.value)}
      />
    </CreateNamedDialog>
  )
}
