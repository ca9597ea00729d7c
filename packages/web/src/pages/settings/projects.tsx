import type { Acl, Group, Project, Role, UserListItem } from '@gatehouse/client'
import { type FormEvent, useCallback, useState } from 'react'
import { useClient } from '../../api.js'
import { formatDateTime } from '../../format.js'
import { useOrg } from '../../session.js'
import {
  Badge,
  Button,
  type Column,
  ConfirmDialog,
  Dialog,
  EmptyState,
  ErrorMessage,
  Field,
  Loaded,
  PageHeader,
  SelectField,
  Table,
  useAction,
  useLoad,
} from '../../ui/index.js'
import { personName } from './members/people.js'
import './members/members.css'
import { type AclRow, aclItemFor, aclRows, groupGrantBlockedReason } from './projects/acl-rows.js'
import { ALL_PERMISSIONS } from './why/explain-rows.js'

/** Settings → Projects: create, rename, delete, and who may do what in each. */
export function ProjectsPage() {
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

  const columns: Column<Project>[] = [
    { key: 'name', header: 'Project', render: (p) => p.name },
    { key: 'created', header: 'Created', render: (p) => formatDateTime(p.created) },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'actions',
      render: (p) => (
        <>
          <Button size="small" onClick={() => setAccess(p)} aria-label={`Permissions of ${p.name}`}>
            Permissions
          </Button>{' '}
          <Button size="small" onClick={() => setRenaming(p)} aria-label={`Rename ${p.name}`}>
            Rename
          </Button>{' '}
          <Button
            size="small"
            variant="danger"
            onClick={() => setDeleting(p)}
            aria-label={`Delete ${p.name}`}
          >
            Delete
          </Button>
        </>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title="Projects"
        description={`The projects of ${org.name} and who may do what in each.`}
      />
      <form className="filters" onSubmit={submit} noValidate aria-label="Create a project">
        <Field
          label="New project name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={nameError}
          maxLength={256}
          autoComplete="off"
        />
        <div className="filters-actions">
          <Button variant="primary" type="submit" pending={create.pending}>
            Create project
          </Button>
        </div>
      </form>
      <ErrorMessage error={create.error} />
      <Loaded state={projects} label="Loading projects…">
        {(list) => (
          <Table
            caption={`Projects (${list.length})`}
            columns={columns}
            rows={list}
            rowKey={(p) => p.id}
            empty={
              <EmptyState title="No projects yet">
                <p>Create one above; its permissions can then be set here.</p>
              </EmptyState>
            }
          />
        )}
      </Loaded>

      {renaming === undefined ? null : (
        <RenameDialog
          project={renaming}
          onClose={() => setRenaming(undefined)}
          onRenamed={() => {
            setRenaming(undefined)
            void projects.reload()
          }}
        />
      )}
      {access === undefined ? null : (
        <ProjectAccessDialog project={access} onClose={() => setAccess(undefined)} />
      )}
      <ConfirmDialog
        open={deleting !== undefined}
        title={`Delete ${deleting?.name ?? 'project'}?`}
        confirmLabel="Delete project"
        danger
        onConfirm={() => client.projects.delete(deleting?.id ?? '')}
        onClose={() => {
          setDeleting(undefined)
          void projects.reload()
        }}
        successMessage={`Project ${deleting?.name ?? ''} deleted`}
      >
        <p>
          The project and everything in it stop being reachable, and the permissions granted on it
          stop applying.
        </p>
      </ConfirmDialog>
    </>
  )
}

function RenameDialog({
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

interface AccessData {
  readonly acls: Acl[]
  readonly groups: Group[]
  readonly users: UserListItem[]
  readonly roles: Role[]
}

function ProjectAccessDialog({ project, onClose }: { project: Project; onClose: () => void }) {
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
          onClick={() => setRemoving(r)}
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
          const people = data.users.filter((u) => u.kind === 'user')
          const bots = data.users.filter((u) => u.kind === 'service_account')
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
              <form
                onSubmit={submit}
                noValidate
                aria-label="Grant a permission"
                className="page-section"
              >
                <h3>Grant a permission</h3>
                {blocked === undefined ? null : (
                  <p id="group-grant-plan" className="muted">
                    {blocked}
                  </p>
                )}
                <div className="filters">
                  <SelectField
                    label="Who"
                    value={subject}
                    onChange={(e) => setSubject(e.target.value)}
                    aria-describedby={blocked === undefined ? undefined : 'group-grant-plan'}
                  >
                    <option value="">Choose…</option>
                    <optgroup label={blocked === undefined ? 'Groups' : 'Groups (Enterprise plan)'}>
                      {data.groups.map((g) => (
                        <option key={g.id} value={`group:${g.id}`} disabled={blocked !== undefined}>
                          {g.name}
                        </option>
                      ))}
                    </optgroup>
                    <optgroup label="Members">
                      {people.map((u) => (
                        <option key={u.id} value={`user:${u.id}`}>
                          {personName(u)}
                        </option>
                      ))}
                    </optgroup>
                    {bots.length === 0 ? null : (
                      <optgroup label="Service accounts">
                        {bots.map((u) => (
                          <option key={u.id} value={`user:${u.id}`}>
                            {personName(u)}
                          </option>
                        ))}
                      </optgroup>
                    )}
                  </SelectField>
                  <SelectField
                    label="Permission or role"
                    value={grant}
                    onChange={(e) => setGrant(e.target.value)}
                  >
                    <option value="">Choose…</option>
                    <optgroup label="Roles">
                      {data.roles.map((r) => (
                        <option key={r.id} value={`role:${r.id}`}>
                          {r.name}
                        </option>
                      ))}
                    </optgroup>
                    <optgroup label="Permissions">
                      {ALL_PERMISSIONS.map((p) => (
                        <option key={p} value={`permission:${p}`}>
                          {p}
                        </option>
                      ))}
                    </optgroup>
                  </SelectField>
                  <div className="filters-actions">
                    <Button variant="primary" type="submit" pending={add.pending}>
                      Grant
                    </Button>
                  </div>
                </div>
                {problem === undefined ? null : (
                  <p className="field-error" role="alert">
                    {problem}
                  </p>
                )}
                <ErrorMessage error={add.error} />
              </form>
            </>
          )
        }}
      </Loaded>
      <ConfirmDialog
        open={removing !== undefined}
        title="Remove this grant?"
        confirmLabel="Remove grant"
        danger
        onConfirm={() => client.acls.delete(removing?.id ?? '')}
        onClose={() => {
          setRemoving(undefined)
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
