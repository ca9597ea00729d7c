import type { Project } from '@gatehouse/client'
import {
  Badge,
  Button,
  type Column,
  ConfirmDialog,
  Dialog,
  EmptyState,
  Loaded,
  Table,
} from '../../../ui/index.js'
import { personName } from '../members/people.js'
import { type AclRow, aclRows } from './acl-rows.js'
import { GrantForm } from './grant-form.js'
import { useProjectAccess } from './use-project-access.js'

/** Who may do what on one project: its own grants, a form to add one, and removal. */
export function ProjectAccessDialog({
  project,
  onClose,
}: {
  project: Project
  onClose: () => void
}) {
  const access = useProjectAccess(project)
  const { state, removing } = access

  const columns: Column<AclRow>[] = [
    {
      key: 'subject',
      header: 'Who',
      render: (r) => (
        <>
          {r.subject} <span className="muted">({r.subjectKind})</span>
        </>
      ),
    },
    {
      key: 'grant',
      header: 'Permission or role',
      render: (r) => (
        <>
          {r.isRole ? <Badge tone="info">Role</Badge> : null} {r.grant}
          {r.restrictedTo === null ? null : (
            <span className="muted"> (only on {r.restrictedTo} objects)</span>
          )}
        </>
      ),
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'actions',
      render: (r) => (
        <Button
          size="small"
          variant="danger"
          onClick={() => access.setRemoving(r)}
          aria-label={`Remove ${r.grant} from ${r.subject}`}
        >
          Remove
        </Button>
      ),
    },
  ]

  return (
    <Dialog open title={`Permissions on ${project.name}`} onClose={onClose} wide>
      <Loaded state={state} label="Loading permissions…">
        {(data) => {
          const users = new Map(data.users.map((u) => [u.id, u]))
          const rows = aclRows(data.acls, {
            group: (id) => data.groups.find((g) => g.id === id)?.name,
            user: (id) => {
              const u = users.get(id)
              return u === undefined
                ? undefined
                : { name: personName(u), serviceAccount: u.kind === 'service_account' }
            },
            role: (id) => data.roles.find((r) => r.id === id)?.name,
          })
          return (
            <>
              <p className="muted">
                Grants on this project add to what organization-wide grants already give. To see
                everything someone may do here and why, use “Why? Access explained”.
              </p>
              <Table
                caption="Granted on this project"
                columns={columns}
                rows={rows}
                rowKey={(r) => r.id}
                empty={<EmptyState title="No grants on this project itself" />}
              />
              <GrantForm access={access} data={data} />
            </>
          )
        }}
      </Loaded>
      <ConfirmDialog
        open={removing !== undefined}
        title="Remove this grant?"
        confirmLabel="Remove grant"
        danger
        onConfirm={access.remove}
        onClose={() => {
          access.setRemoving(undefined)
          void state.reload()
        }}
        successMessage="Grant removed"
      >
        <p>
          {removing?.subject} will no longer get {removing?.grant} on {project.name} from this grant
          (other grants may still give it).
        </p>
      </ConfirmDialog>
    </Dialog>
  )
}
