import type { Group, PatchGroupInput } from '@gatehouse/client'
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react'
import { useClient } from '../../../api.js'
import { PermissionGrid, projectRowsDisabledReason } from '../../../permission-grid/index.js'
import { useOrg } from '../../../session.js'
import {
  Badge,
  Button,
  ErrorMessage,
  Field,
  Loaded,
  SelectField,
  TextAreaField,
  useAction,
  useLoad,
} from '../../../ui/index.js'

interface Principal {
  readonly id: string
  readonly label: string
  readonly serviceAccount: boolean
}

/** One group: its name and description, its permission grid, its members and nested groups. */
export function GroupDetail({
  group,
  groups,
  onBack,
  onChanged,
  onDelete,
}: {
  group: Group
  groups: readonly Group[]
  onBack: () => void
  onChanged: (group: Group) => void
  onDelete: () => void
}) {
  const builtin = group.builtin !== null
  return (
    <div className="group-detail stack">
      <div className="detail-header">
        <Button size="small" variant="ghost" onClick={onBack}>
          ← All groups
        </Button>
        <h2>
          {group.name}{' '}
          {builtin ? (
            <Badge tone="info" title="Built-in groups cannot be deleted or renamed">
              Built-in
            </Badge>
          ) : null}
        </h2>
        {builtin ? null : (
          <Button size="small" variant="danger" onClick={onDelete}>
            Delete group
          </Button>
        )}
      </div>
      {builtin ? (
        <p className="muted">
          {group.description ?? ''} Built-in groups cannot be deleted or renamed.
        </p>
      ) : (
        <GroupSettings group={group} onChanged={onChanged} />
      )}
      <GroupPermissions group={group} />
      <GroupMembers group={group} groups={groups} onChanged={onChanged} />
    </div>
  )
}

function GroupSettings({ group, onChanged }: { group: Group; onChanged: (g: Group) => void }) {
  const client = useClient()
  const [name, setName] = useState(group.name)
  const [description, setDescription] = useState(group.description ?? '')
  const [invalid, setInvalid] = useState<string | undefined>(undefined)
  useEffect(() => {
    setName(group.name)
    setDescription(group.description ?? '')
  }, [group.name, group.description])
  const save = useAction(
    () =>
      client.groups.patch(group.id, {
        name: name.trim(),
        description: description.trim() === '' ? null : description.trim(),
      }),
    { errorNotice: false, success: (g) => `Group ${g.name} saved`, onSuccess: onChanged },
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (name.trim() === '') {
      setInvalid('Give the group a name')
      return
    }
    setInvalid(undefined)
    void save.run()
  }
  const unchanged = name.trim() === group.name && description.trim() === (group.description ?? '')
  return (
    <section className="detail-card" aria-labelledby="group-settings-title">
      <h3 id="group-settings-title">Details</h3>
      <form className="stack" onSubmit={submit} noValidate>
        <Field
          label="Group name"
          value={name}
          maxLength={256}
          error={invalid}
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
    </section>
  )
}

function GroupPermissions({ group }: { group: Group }) {
  const client = useClient()
  const { org } = useOrg()
  const data = useLoad(
    useCallback(async () => {
      const [acls, projects] = await Promise.all([
        client.acls.listOrg({ org_name: org.name, group_id: group.id }),
        client.projects.list({ org_name: org.name }),
      ])
      return { acls, projects }
    }, [client, org.name, group.id]),
  )
  const subject = useMemo(() => ({ kind: 'group' as const, id: group.id }), [group.id])
  return (
    <section className="detail-card" aria-labelledby="group-permissions-title">
      <h3 id="group-permissions-title">Permissions</h3>
      <Loaded state={data} label="Loading permissions…">
        {({ acls, projects }) => (
          <PermissionGrid
            subject={subject}
            subjectLabel={group.name}
            orgId={org.id}
            acls={acls}
            projects={projects}
            projectsDisabledReason={projectRowsDisabledReason(org.plan, subject)}
            onSave={async (diff) => {
              await client.acls.batchUpdate(diff)
              await data.reload()
            }}
          />
        )}
      </Loaded>
    </section>
  )
}

function GroupMembers({
  group,
  groups,
  onChanged,
}: {
  group: Group
  groups: readonly Group[]
  onChanged: (g: Group) => void
}) {
  const client = useClient()
  const { org } = useOrg()
  const people = useLoad(
    useCallback(async () => {
      const [users, accounts] = await Promise.all([
        client.users.list({ org_name: org.name }),
        // Only owners may list service accounts; the others still see and manage people.
        client.serviceAccounts.list({ org_name: org.name }).catch(() => []),
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
    }, [client, org.name]),
  )
  const [pickUser, setPickUser] = useState('')
  const [pickGroup, setPickGroup] = useState('')
  const change = useAction((body: PatchGroupInput) => client.groups.patch(group.id, body), {
    success: 'Group members saved',
    onSuccess: onChanged,
  })
  const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? id
  const nestable = groups.filter((g) => g.id !== group.id && !group.member_groups.includes(g.id))

  return (
    <section className="detail-card" aria-labelledby="group-members-title">
      <h3 id="group-members-title">Members</h3>
      <Loaded state={people} label="Loading members…">
        {(all) => {
          const label = (id: string) => {
            const p = all.find((x) => x.id === id)
            return p === undefined
              ? id
              : `${p.label}${p.serviceAccount ? ' (service account)' : ''}`
          }
          const addable = all.filter((p) => !group.member_users.includes(p.id))
          return (
            <>
              {group.member_users.length === 0 ? (
                <p className="muted">No direct members.</p>
              ) : (
                <ul className="member-list">
                  {group.member_users.map((id) => (
                    <li key={id}>
                      <span>{label(id)}</span>
                      <Button
                        size="small"
                        variant="ghost"
                        aria-label={`Remove ${label(id)} from ${group.name}`}
                        onClick={() => change.run({ remove_member_users: [id] })}
                      >
                        Remove
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
              <form
                className="inline-form"
                onSubmit={(e) => {
                  e.preventDefault()
                  if (pickUser !== '') {
                    void change.run({ add_member_users: [pickUser] }).then(() => setPickUser(''))
                  }
                }}
              >
                <SelectField
                  label="Add a member"
                  value={pickUser}
                  onChange={(e) => setPickUser(e.currentTarget.value)}
                >
                  <option value="">Pick a member or service account</option>
                  {addable.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                      {p.serviceAccount ? ' (service account)' : ''}
                    </option>
                  ))}
                </SelectField>
                <Button type="submit" disabled={pickUser === ''} pending={change.pending}>
                  Add member
                </Button>
              </form>
            </>
          )
        }}
      </Loaded>

      <h3>Nested groups</h3>
      <p className="muted">Members of these groups are members of {group.name} too.</p>
      {group.member_groups.length === 0 ? (
        <p className="muted">No nested groups.</p>
      ) : (
        <ul className="member-list">
          {group.member_groups.map((id) => (
            <li key={id}>
              <span>{groupName(id)}</span>
              <Button
                size="small"
                variant="ghost"
                aria-label={`Remove group ${groupName(id)} from ${group.name}`}
                onClick={() => change.run({ remove_member_groups: [id] })}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (pickGroup !== '') {
            void change.run({ add_member_groups: [pickGroup] }).then(() => setPickGroup(''))
          }
        }}
      >
        <SelectField
          label="Add a nested group"
          value={pickGroup}
          onChange={(e) => setPickGroup(e.currentTarget.value)}
        >
          <option value="">Pick a group</option>
          {nestable.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={pickGroup === ''} pending={change.pending}>
          Add group
        </Button>
      </form>
    </section>
  )
}
