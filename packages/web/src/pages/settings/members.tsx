import type { Group, Invitation, MembersUpdated, UserListItem } from '@gatehouse/client'
import { isGatehouseApiError } from '@gatehouse/client'
import { type FormEvent, useCallback, useState } from 'react'
import { useClient } from '../../api.js'
import { formatDateTime, formatRelative } from '../../format.js'
import { useOrg, useSession } from '../../session.js'
import {
  Badge,
  Button,
  Checkbox,
  type Column,
  ConfirmDialog,
  CopyButton,
  Dialog,
  EmptyState,
  ErrorMessage,
  Loaded,
  PageHeader,
  Table,
  TextAreaField,
  useAction,
  useLoad,
} from '../../ui/index.js'
import { parseInviteEmails } from './members/invite-emails.js'
import { personName } from './members/people.js'
import './members/members.css'

/** Why the last owner stays, said under the API's refusal. */
const LAST_OWNER_EXPLAINED =
  'Someone must always be able to manage members, billing and access, so the last person in ' +
  'Owners cannot be removed or leave that group. Add another owner first.'

function explainLastOwner(error: Error) {
  return isGatehouseApiError(error) && error.code === 'LAST_OWNER' ? (
    <p>{LAST_OWNER_EXPLAINED}</p>
  ) : null
}

function groupsOf(user: UserListItem, groups: readonly Group[]): Group[] {
  return groups.filter((g) => g.member_users.includes(user.id))
}

interface MembersData {
  readonly users: UserListItem[]
  readonly groups: Group[]
}

/** Settings → Members: people, their groups, invitations, removal. */
export function MembersPage() {
  const client = useClient()
  const { org } = useOrg()
  const me = useSession().info?.user
  const data = useLoad(
    useCallback(async (): Promise<MembersData> => {
      const [users, groups] = await Promise.all([
        client.users.list({ org_name: org.name }),
        client.groups.list({ org_name: org.name }),
      ])
      return { users: users.filter((u) => u.kind === 'user'), groups }
    }, [client, org.name]),
  )
  // Pending invitations are for those who may see the member list's administration (read on
  // org_member); others are not asked, so their visits leave no refused requests in the audit log.
  const invitations = useLoad(
    useCallback(async () => {
      const answer = await client.authorize({
        org_name: org.name,
        checks: [{ permission: 'read', object_type: 'org_member', object_id: org.id }],
      })
      if (answer.results[0]?.allowed !== true) {
        return undefined
      }
      return client.invitations.list({ org_name: org.name })
    }, [client, org.name, org.id]),
  )

  const [inviting, setInviting] = useState(false)
  const [created, setCreated] = useState<MembersUpdated['invitations'] | undefined>(undefined)
  const [editing, setEditing] = useState<UserListItem | undefined>(undefined)
  const [removing, setRemoving] = useState<UserListItem | undefined>(undefined)
  const [revoking, setRevoking] = useState<Invitation | undefined>(undefined)

  const reloadAll = () => {
    void data.reload()
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
      onSuccess: (result) => {
        setCreated(result.invitations)
        void invitations.reload()
      },
    },
  )

  const columns = (groups: readonly Group[]): Column<UserListItem>[] => [
    {
      key: 'member',
      header: 'Member',
      render: (u) => (
        <div>
          <div>
            {personName(u)}
            {u.id === me?.id ? (
              <>
                {' '}
                <Badge>You</Badge>
              </>
            ) : null}
          </div>
          {u.email !== null && personName(u) !== u.email ? (
            <div className="muted">{u.email}</div>
          ) : null}
        </div>
      ),
    },
    {
      key: 'groups',
      header: 'Groups',
      render: (u) => {
        const own = groupsOf(u, groups)
        return own.length === 0 ? (
          <span className="muted">No group</span>
        ) : (
          <span className="badge-list">
            {own.map((g) => (
              <Badge key={g.id} tone={g.builtin === 'owners' ? 'info' : 'neutral'}>
                {g.name}
              </Badge>
            ))}
          </span>
        )
      },
    },
    {
      key: 'active',
      header: 'Last active',
      render: (u) => (
        <span title={u.last_active_at === null ? undefined : formatDateTime(u.last_active_at)}>
          {formatRelative(u.last_active_at, { fallback: 'Never' })}
        </span>
      ),
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'actions',
      render: (u) => (
        <>
          <Button
            size="small"
            onClick={() => setEditing(u)}
            aria-label={`Change groups of ${personName(u)}`}
          >
            Change groups
          </Button>{' '}
          <Button
            size="small"
            variant="danger"
            onClick={() => setRemoving(u)}
            aria-label={`Remove ${personName(u)}`}
          >
            Remove
          </Button>
        </>
      ),
    },
  ]

  const groupNames = (ids: readonly string[]) => {
    const all = data.data?.groups ?? []
    return ids.map((id) => all.find((g) => g.id === id)?.name ?? 'a deleted group')
  }

  const invitationColumns: Column<Invitation>[] = [
    { key: 'email', header: 'Email', render: (i) => i.email },
    { key: 'groups', header: 'Into groups', render: (i) => groupNames(i.group_ids).join(', ') },
    { key: 'sent', header: 'Invited', render: (i) => formatRelative(i.created) },
    { key: 'expires', header: 'Expires', render: (i) => formatDateTime(i.expires_at) },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'actions',
      render: (i) => (
        <>
          <Button
            size="small"
            onClick={() => inviteAgain.run(i)}
            aria-label={`Invite ${i.email} again`}
          >
            Invite again
          </Button>{' '}
          <Button
            size="small"
            variant="danger"
            onClick={() => setRevoking(i)}
            aria-label={`Revoke the invitation of ${i.email}`}
          >
            Revoke
          </Button>
        </>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title="Members"
        description={`People in ${org.name}, their permission groups and when they were last active.`}
        actions={
          <Button
            variant="primary"
            onClick={() => setInviting(true)}
            disabled={data.data === undefined}
          >
            Invite people
          </Button>
        }
      />
      <Loaded state={data} label="Loading members…">
        {({ users, groups }) => (
          <>
            <Table
              caption={`Members (${users.length})`}
              columns={columns(groups)}
              rows={users}
              rowKey={(u) => u.id}
            />
            <InviteDialog
              open={inviting}
              groups={groups}
              onClose={() => setInviting(false)}
              onInvited={(result) => {
                setInviting(false)
                setCreated(result.invitations)
                void invitations.reload()
              }}
            />
            {editing === undefined ? null : (
              <GroupsDialog
                user={editing}
                groups={groups}
                onClose={() => {
                  // A refused removal may follow additions that went through: show what is.
                  setEditing(undefined)
                  void data.reload()
                }}
                onSaved={() => {
                  setEditing(undefined)
                  void data.reload()
                }}
              />
            )}
          </>
        )}
      </Loaded>

      <section className="page-section" aria-labelledby="pending-invitations">
        <h2 id="pending-invitations">Pending invitations</h2>
        <p className="muted">
          Invitation links are shown once, when they are made: Gatehouse keeps only a fingerprint of
          each, so a pending invitation's link cannot be shown again. “Invite again” makes a new
          link (the old one stops working).
        </p>
        <Loaded state={invitations} label="Loading invitations…">
          {(list) =>
            list === undefined ? (
              <p className="muted">Only members who manage members see pending invitations.</p>
            ) : (
              <Table
                caption="Pending invitations"
                hideCaption
                columns={invitationColumns}
                rows={list}
                rowKey={(i) => i.id}
                empty={<EmptyState title="No pending invitations" />}
              />
            )
          }
        </Loaded>
      </section>

      <InvitationLinksDialog links={created} onClose={() => setCreated(undefined)} />

      <ConfirmDialog
        open={removing !== undefined}
        title={`Remove ${removing === undefined ? '' : personName(removing)}?`}
        confirmLabel="Remove member"
        danger
        onConfirm={() =>
          client.organizations.updateMembers({
            org_name: org.name,
            remove_users: { ids: removing === undefined ? [] : [removing.id] },
          })
        }
        onClose={() => {
          setRemoving(undefined)
          reloadAll()
        }}
        successMessage={`${removing === undefined ? 'Member' : personName(removing)} was removed`}
        explainError={explainLastOwner}
      >
        <p>
          They leave every group of {org.name}, lose the access granted to them here, and their API
          keys for {org.name} stop working. Inviting them again starts from the groups of the new
          invitation.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={revoking !== undefined}
        title="Revoke this invitation?"
        confirmLabel="Revoke invitation"
        danger
        onConfirm={() => client.invitations.revoke(revoking?.id ?? '')}
        onClose={() => {
          setRevoking(undefined)
          void invitations.reload()
        }}
        successMessage="Invitation revoked"
      >
        <p>The link sent to {revoking?.email} will stop working.</p>
      </ConfirmDialog>
    </>
  )
}

function InviteDialog({
  open,
  groups,
  onClose,
  onInvited,
}: {
  open: boolean
  groups: readonly Group[]
  onClose: () => void
  onInvited: (result: MembersUpdated) => void
}) {
  const client = useClient()
  const { org } = useOrg()
  const [text, setText] = useState('')
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const [problems, setProblems] = useState<{ emails?: string; groups?: string }>({})
  const invite = useAction(
    (emails: readonly string[], groupIds: readonly string[]) =>
      client.organizations.updateMembers({
        org_name: org.name,
        invite_users: { emails: [...emails], group_ids: [...groupIds] },
      }),
    {
      errorNotice: false,
      success: (r) =>
        `${r.invitations.length} invitation${r.invitations.length === 1 ? '' : 's'} created`,
      onSuccess: (result) => {
        setText('')
        setChosen(new Set())
        onInvited(result)
      },
    },
  )
  const close = () => {
    invite.reset()
    setProblems({})
    onClose()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseInviteEmails(text)
    const next = {
      ...(parsed.problems.length > 0 ? { emails: parsed.problems.join('. ') } : {}),
      ...(chosen.size === 0 ? { groups: 'Choose at least one group to invite them into' } : {}),
    }
    setProblems(next)
    if (next.emails === undefined && next.groups === undefined) {
      void invite.run(parsed.emails, [...chosen])
    }
  }
  const toggle = (id: string, on: boolean) => {
    const copy = new Set(chosen)
    if (on) {
      copy.add(id)
    } else {
      copy.delete(id)
    }
    setChosen(copy)
  }
  return (
    <Dialog
      open={open}
      title="Invite people"
      description="Each person gets an invitation link, valid for 7 days, into the groups you choose."
      onClose={close}
      dismissible={!invite.pending}
      footer={
        <>
          <Button onClick={close} disabled={invite.pending}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="invite-form" pending={invite.pending}>
            Create invitations
          </Button>
        </>
      }
    >
      <form id="invite-form" onSubmit={submit} noValidate>
        <TextAreaField
          label="Email addresses"
          hint="One per line."
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={problems.emails}
          autoComplete="off"
          data-autofocus
        />
        <fieldset
          className="fieldset"
          aria-describedby={problems.groups ? 'invite-groups-error' : undefined}
        >
          <legend>Into groups</legend>
          {groups.map((g) => (
            <Checkbox
              key={g.id}
              label={g.name}
              hint={g.description ?? undefined}
              checked={chosen.has(g.id)}
              onChange={(e) => toggle(g.id, e.target.checked)}
            />
          ))}
          {problems.groups ? (
            <p id="invite-groups-error" className="field-error">
              {problems.groups}
            </p>
          ) : null}
        </fieldset>
      </form>
      <ErrorMessage error={invite.error} />
    </Dialog>
  )
}

function InvitationLinksDialog({
  links,
  onClose,
}: {
  links: MembersUpdated['invitations'] | undefined
  onClose: () => void
}) {
  return (
    <Dialog
      open={links !== undefined}
      title="Invitation links"
      description="Send each person their link. The links are shown only this once: Gatehouse does not keep them."
      onClose={onClose}
      wide
      footer={
        <Button variant="primary" onClick={onClose} data-autofocus>
          Done
        </Button>
      }
    >
      <ul className="link-list">
        {(links ?? []).map((link) => (
          <li key={link.id}>
            <div className="link-email">
              {link.email}{' '}
              <span className="muted">(expires {formatDateTime(link.expires_at)})</span>
            </div>
            <div className="secret-row">
              <input
                className="secret-value"
                readOnly
                value={link.invite_url}
                aria-label={`Invitation link for ${link.email}`}
                onFocus={(e) => e.target.select()}
              />
              <CopyButton text={link.invite_url} label={`Copy link for ${link.email}`} />
            </div>
          </li>
        ))}
      </ul>
    </Dialog>
  )
}

function GroupsDialog({
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
  const [chosen, setChosen] = useState<ReadonlySet<string>>(initial)
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
  const toggle = (id: string, on: boolean) => {
    const copy = new Set(chosen)
    if (on) {
      copy.add(id)
    } else {
      copy.delete(id)
    }
    setChosen(copy)
  }
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
        {groups.map((g) => (
          <Checkbox
            key={g.id}
            label={g.name}
            hint={g.description ?? undefined}
            checked={chosen.has(g.id)}
            onChange={(e) => toggle(g.id, e.target.checked)}
          />
        ))}
      </fieldset>
      <ErrorMessage error={save.error}>
        {save.error === undefined ? null : explainLastOwner(save.error)}
      </ErrorMessage>
    </Dialog>
  )
}
