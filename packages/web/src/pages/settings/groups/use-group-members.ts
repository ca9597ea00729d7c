import type { Group, PatchGroupInput } from '@gatehouse/client'
import { useCallback, useState } from 'react'
import { useClient } from '../../../api.js'
import { useAbilities } from '../../../permissions.js'
import { useOrg } from '../../../session.js'
import { useAction, useLoad } from '../../../ui/index.js'

export interface Principal {
  readonly id: string
  readonly label: string
  readonly serviceAccount: boolean
}

/** A group's members: who can be added, the two pickers, and the change that adds or removes. */
export function useGroupMembers(
  group: Group,
  groups: readonly Group[],
  onChanged: (g: Group) => void,
) {
  const client = useClient()
  const { org } = useOrg()
  const { owner } = useAbilities()
  const people = useLoad(
    useCallback(async () => {
      const [users, accounts] = await Promise.all([
        client.users.list({ org_name: org.name }),
        // Only owners may list service accounts (OWNER_REQUIRED): the others are not asked.
        owner ? client.serviceAccounts.list({ org_name: org.name }) : Promise.resolve([]),
      ])
      const bots = new Set(accounts.map((a) => a.id))
      const all: Principal[] = users.map((u) => ({
        id: u.id,
        label: [u.given_name, u.family_name].filter(Boolean).join(' ') || (u.email ?? u.id),
        serviceAccount: bots.has(u.id),
      }))
      for (const a of accounts) {
        if (!all.some((p) => p.id === a.id)) {
          all.push({ id: a.id, label: a.name, serviceAccount: true })
        }
      }
      return all
    }, [client, org.name, owner]),
  )
  const [pickUser, setPickUser] = useState('')
  const [pickGroup, setPickGroup] = useState('')
  const change = useAction((body: PatchGroupInput) => client.groups.patch(group.id, body), {
    success: 'Group members saved',
    onSuccess: onChanged,
  })
  const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? id
  const nestable = groups.filter((g) => g.id !== group.id && !group.member_groups.includes(g.id))
  const addUser = (id: string) =>
    void change.run({ add_member_users: [id] }).then(() => setPickUser(''))
  const addGroup = (id: string) =>
    void change.run({ add_member_groups: [id] }).then(() => setPickGroup(''))

  return {
    people,
    pickUser,
    setPickUser,
    pickGroup,
    setPickGroup,
    change,
    groupName,
    nestable,
    addUser,
    addGroup,
  }
}
