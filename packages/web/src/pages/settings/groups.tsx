import type { Group } from '@gatehouse/client'
import { useCallback } from 'react'
import { useClient } from '../../api.js'
import { useAbilities, useObjectAbilities } from '../../permissions.js'
import { useOrg } from '../../session.js'
import {
  Badge,
  Button,
  type Column,
  ConfirmDialog,
  EmptyState,
  ErrorMessage,
  Loaded,
  PageHeader,
  Table,
  useListDetail,
  useLoad,
} from '../../ui/index.js'
import { CreateGroupDialog } from './groups/create-group-dialog.js'
import { GroupDetail } from './groups/group-detail.js'

/** Why the Create button is off below Enterprise (core's PLAN_CUSTOM_GROUPS, word for word). */
export const CUSTOM_GROUPS_NEED_ENTERPRISE = 'Custom permission groups require the Enterprise plan'

/** What each listed group may be asked about: editing it and deleting it. */
const GROUP_ACTIONS = ['update', 'delete'] as const

/** Settings → Permission groups: the built-in and custom groups, and one group's details. */
export function GroupsPage() {
  const client = useClient()
  const { org } = useOrg()
  const groups = useLoad(
    useCallback(() => client.groups.list({ org_name: org.name }), [client, org.name]),
  )
  const page = useListDetail<Group>('/settings/groups', 'group', groups.reload)
  const { selected, open, deleting, setDeleting } = page
  const abilities = useAbilities()
  const planAllows = org.plan === 'enterprise'
  // The plan's reason is shown to whoever could create groups but for the plan; the others
  // are not offered the button at all.
  const mayCreate = abilities.can('create', 'organization')
  const canCreate = planAllows && mayCreate
  const allowed = useObjectAbilities(
    'group',
    groups.data?.map((g) => g.id),
    GROUP_ACTIONS,
  )

  const columns: Column<Group>[] = [
    {
      key: 'name',
      header: 'Name',
      render: (g) => (
        <span className="group-name">
          <button type="button" className="row-link" onClick={() => open(g.id)}>
            {g.name}
          </button>{' '}
          {g.builtin === null ? null : (
            <Badge tone="info" title="Built-in groups cannot be deleted or renamed">
              Built-in
            </Badge>
          )}
        </span>
      ),
    },
    { key: 'description', header: 'Description', render: (g) => g.description ?? '' },
    {
      key: 'members',
      header: 'Members',
      className: 'numeric',
      render: (g) => g.member_users.length + g.member_groups.length,
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'actions',
      render: (g) => (
        <>
          {allowed('update', g.id) ? (
            <Button size="small" onClick={() => open(g.id)} aria-label={`Edit ${g.name}`}>
              Edit
            </Button>
          ) : (
            <Button size="small" onClick={() => open(g.id)} aria-label={`View ${g.name}`}>
              View
            </Button>
          )}
          {g.builtin === null && allowed('delete', g.id) ? (
            <Button
              size="small"
              variant="danger"
              onClick={() => setDeleting(g)}
              aria-label={`Delete ${g.name}`}
            >
              Delete
            </Button>
          ) : null}
        </>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title="Permission groups"
        description="Groups bundle permissions; members get what their groups hold."
        actions={
          mayCreate ? (
            <div className="create-gate">
              <Button
                variant="primary"
                disabled={!canCreate}
                aria-describedby={canCreate ? undefined : 'custom-groups-plan'}
                onClick={() => page.setCreating(true)}
              >
                Create group
              </Button>
              {canCreate ? null : (
                <p id="custom-groups-plan" className="field-hint">
                  {CUSTOM_GROUPS_NEED_ENTERPRISE}. Your plan has the built-in groups only.
                </p>
              )}
            </div>
          ) : undefined
        }
      />
      {abilities.ready && !abilities.can('read', 'organization') ? (
        <p className="muted">
          You see the groups you are in (and any you were given access to); those who can read every
          group see them all.
        </p>
      ) : null}
      <Loaded state={groups} label="Loading groups…">
        {(list) => {
          const current = selected === null ? undefined : list.find((g) => g.id === selected)
          if (selected !== null && current === undefined) {
            return (
              <ErrorMessage error="This group does not exist or you cannot see it">
                <Button size="small" onClick={() => open(null)}>
                  Back to all groups
                </Button>
              </ErrorMessage>
            )
          }
          if (current !== undefined) {
            return (
              <GroupDetail
                group={current}
                groups={list}
                onBack={() => open(null)}
                onChanged={(g) =>
                  groups.setData((all) => (all ?? []).map((x) => (x.id === g.id ? g : x)))
                }
                onDelete={() => setDeleting(current)}
                canUpdate={allowed('update', current.id)}
                canDelete={allowed('delete', current.id)}
              />
            )
          }
          const sorted = [...list].sort(
            (a, b) =>
              Number(a.builtin === null) - Number(b.builtin === null) ||
              a.name.localeCompare(b.name),
          )
          return (
            <Table
              caption="Permission groups"
              hideCaption
              columns={columns}
              rows={sorted}
              rowKey={(g) => g.id}
              empty={
                <EmptyState title="No groups you can see">
                  <p>You are in no group, and none was shared with you.</p>
                </EmptyState>
              }
            />
          )
        }}
      </Loaded>
      <CreateGroupDialog
        open={page.creating}
        onClose={() => page.setCreating(false)}
        onCreated={page.created}
      />
      <ConfirmDialog
        open={deleting !== undefined}
        title={`Delete ${deleting?.name ?? 'group'}?`}
        confirmLabel="Delete group"
        danger
        successMessage={`Group ${deleting?.name ?? ''} deleted`}
        onClose={() => setDeleting(undefined)}
        onConfirm={page.deleteWith((id) => client.groups.delete(id))}
      >
        <p>
          Its members lose the permissions they have only through this group. Its ACLs go with it.
          This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  )
}
