import type { Project } from '@gatehouse/client'
import { type FormEvent, useCallback, useState } from 'react'
import { useClient } from '../../../api.js'
import { useOrg } from '../../../session.js'
import { useAction, useLoad } from '../../../ui/index.js'

/** The Projects page's state: the list, the create form, and which project a dialog is open on. */
export function useProjectsPage() {
  const client = useClient()
  const { org } = useOrg()
  const projects = useLoad(
    useCallback(() => client.projects.list({ org_name: org.name }), [client, org.name]),
  )
  const [name, setName] = useState('')
  const [nameError, setNameError] = useState<string | undefined>(undefined)
  const [renaming, setRenaming] = useState<Project | undefined>(undefined)
  const [deleting, setDeleting] = useState<Project | undefined>(undefined)
  const [access, setAccess] = useState<Project | undefined>(undefined)

  const create = useAction(
    (projectName: string) => client.projects.create({ name: projectName, org_name: org.name }),
    {
      errorNotice: false,
      success: (p) => `Project ${p.name} created`,
      onSuccess: () => {
        setName('')
        void projects.reload()
      },
    },
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (trimmed === '') {
      setNameError('Enter a name for the project')
      return
    }
    if (trimmed.length > 256) {
      setNameError('At most 256 characters')
      return
    }
    setNameError(undefined)
    void create.run(trimmed)
  }
  const remove = () => client.projects.delete(deleting?.id ?? '')

  return {
    org,
    projects,
    name,
    setName,
    nameError,
    create,
    submit,
    renaming,
    setRenaming,
    deleting,
    setDeleting,
    remove,
    access,
    setAccess,
  }
}
