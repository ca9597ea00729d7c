import type { Group, Invitation, MembersUpdated, UserListItem } from '@gatehouse/client'
import { useCallback, useState } from 'react'
import { useClient } from '../../../api.js'
import { useAbilities, useReloadAbilities } from '../../../permissions.js'
import { useOrg } from '../../../session.js'
import { useAction, useLoad } from '../../../ui/index.js'

interface MembersData {
  readonly users: UserListItem[]
  readonly groups: Group[]
}

/** The Members page's data and which of its dialogs is open, on whom. */
export function useMembersPage() {
  const client = useClient()
  const { org } = useOrg()
  const data = useLoad(
    useCallback(async (): Promise<MembersData> => {
      const [users, groups] = await Promise.all([
        client.users.list({ org_name: org.name }),
        client.groups.list({ org_name: org.name }),
      ])
      return { users: users.filter((u) => u.kind === 'user'), groups }
    }, [client, org.name]),
  )
  const abilities = useAbilities()
  const reloadAbilities = useReloadAbilities()
  const { ready } = abilities
  const canSeeInvitations = abilities.can('read', 'org_member')
  // Pending invitations are for those who may read the member list's administration (read on
  // org_member); others are not asked (null), so their visits leave no refusals in the audit
  // log. Until the API has said which, nothing is loaded (a spinner bounded by that answer).
  const invitations = useLoad(
    useCallback(async (): Promise<Invitation[] | null | undefined> => {
      if (!ready) {
        return undefined
      }
      if (!canSeeInvitations) {
        return null
      }
      return client.invitations.list({ org_name: org.name })
    }, [client, org.name, ready, canSeeInvitations]),
  )
  const [inviting, setInviting] = useState(false)
  const [created, setCreated] = useState<MembersUpdated['invitations'] | undefined>(undefined)
  const [editing, setEditing] = useState<UserListItem | undefined>(undefined)
  const [removing, setRemoving] = useState<UserListItem | undefined>(undefined)
  const [revoking, setRevoking] = useState<Invitation | undefined>(undefined)

  const showLinks = (result: MembersUpdated) => {
    setCreated(result.invitations)
    void invitations.reload()
  }

  const inviteAgain = useAction(
    (invitation: Invitation) =>
      client.organizations.updateMembers({
        org_name: org.name,
        invite_users: { emails: [invitation.email], group_ids: invitation.group_ids },
      }),
    {
      success: 'A new invitation link was made; the earlier one no longer works',
      onSuccess: showLinks,
    },
  )

  return {
    data,
    invitations,
    abilities,
    inviteAgain,
    inviting,
    startInviting: () => setInviting(true),
    stopInviting: () => setInviting(false),
    invited: (result: MembersUpdated) => {
      setInviting(false)
      showLinks(result)
    },
    created,
    closeLinks: () => setCreated(undefined),
    editing,
    setEditing,
    // Saved or not: a refused removal may follow additions that went through, so show what is.
    closeEditing: () => {
      setEditing(undefined)
      void data.reload()
      // The caller may have changed its own groups, and so what it may do.
      void reloadAbilities()
    },
    removing,
    setRemoving,
    closeRemoving: () => {
      setRemoving(undefined)
      void data.reload()
      void invitations.reload()
    },
    revoking,
    setRevoking,
    closeRevoking: () => {
      setRevoking(undefined)
      void invitations.reload()
    },
  }
}
