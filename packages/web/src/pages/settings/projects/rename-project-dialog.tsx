import type { Project } from '@gatehouse/client'
import { type FormEvent, useState } from 'react'
import { useClient } from '../../../api.js'
import { Button, Dialog, ErrorMessage, Field, useAction } from '../../../ui/index.js'

/** Renames one project; refuses an empty name or the name it already has. */
export function RenameProjectDialog({
  project,
  onClose,
  onRenamed,
}: {
  project: Project
  onClose: () => void
  onRenamed: () => void
}) {
  const client = useClient()
  const [name, setName] = useState(project.name)
  const [problem, setProblem] = useState<string | undefined>(undefined)
  const rename = useAction((next: string) => client.projects.patch(project.id, { name: next }), {
    errorNotice: false,
    success: (p) => `Project renamed to ${p.name}`,
    onSuccess: onRenamed,
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (trimmed === '') {
      setProblem('Enter a name for the project')
      return
    }
    if (trimmed === project.name) {
      setProblem('That is already its name')
      return
    }
    setProblem(undefined)
    void rename.run(trimmed)
  }
  return (
    <Dialog
      open
      title={`Rename ${project.name}`}
      onClose={onClose}
      dismissible={!rename.pending}
      footer={
        <>
          <Button onClick={onClose} disabled={rename.pending}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="rename-project" pending={rename.pending}>
            Rename
          </Button>
        </>
      }
    >
      <form id="rename-project" onSubmit={submit} noValidate>
        <Field
          label="Project name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={problem}
          maxLength={256}
          autoComplete="off"
          data-autofocus
        />
      </form>
      <ErrorMessage error={rename.error} />
    </Dialog>
  )
}
