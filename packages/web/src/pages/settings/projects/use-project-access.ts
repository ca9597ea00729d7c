import type { Acl, Group, Project, Role, UserListItem } from '@gatehouse/client'
import { type FormEvent, useCallback, useState } from 'react'
import { useClient } from '../../../api.js'
import { useOrg } from '../../../session.js'
import { useAction, useLoad } from '../../../ui/index.js'
import { type AclRow, aclItemFor, groupGrantBlockedReason } from './acl-rows.js'

export interface AccessData {
  readonly acls: Acl[]
  readonly groups: Group[]
  readonly users: UserListItem[]
  readonly roles: Role[]
}

/** The state of one project's permissions dialog: its grants, the grant form, the removal. */
export function useProjectAccess(project: Project) {
  const client = useClient()
  const { org } = useOrg()
  const state = useLoad(
    useCallback(async (): Promise<AccessData> => {
      const [acls, groups, users, roles] = await Promise.all([
        client.acls.list({ object_type: 'project', object_id: project.id }),
        client.groups.list({ org_name: org.name }),
        client.users.list({ org_name: org.name }),
        client.roles.list({ org_name: org.name }),
      ])
      return { acls, groups, users, roles }
    }, [client, org.name, project.id]),
  )
  const [subject, setSubject] = useState('')
  const [grant, setGrant] = useState('')
  const [problem, setProblem] = useState<string | undefined>(undefined)
  const [removing, setRemoving] = useState<AclRow | undefined>(undefined)
  const blocked = groupGrantBlockedReason(org.plan)

  const add = useAction(
    async () => {
      const item = aclItemFor(project.id, subject, grant)
      if (item === undefined) {
        throw new Error('Choose who and what to grant')
      }
      return client.acls.create(item)
    },
    {
      errorNotice: false,
      success: 'Permission granted',
      onSuccess: () => {
        setSubject('')
        setGrant('')
        void state.reload()
      },
    },
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (subject === '' || grant === '') {
      setProblem(
        subject === '' ? 'Choose who gets the permission' : 'Choose a permission or a role',
      )
      return
    }
    setProblem(undefined)
    void add.run()
  }
  const remove = () => client.acls.delete(removing?.id ?? '')

  return {
    state,
    subject,
    setSubject,
    grant,
    setGrant,
    problem,
    blocked,
    add,
    submit,
    removing,
    setRemoving,
    remove,
  }
}

export type ProjectAccess = ReturnType<typeof useProjectAccess>
