import type { Project } from '@gatehouse/client'
import { formatDateTime } from '../../../format.js'
import { useAbilities, useObjectAbilities } from '../../../permissions.js'
import {
  Button,
  type Column,
  ConfirmDialog,
  EmptyState,
  ErrorMessage,
  Field,
  Loaded,
  PageHeader,
  SubmitRow,
  Table,
} from '../../../ui/index.js'
import '../members/members.css'
import { ProjectAccessDialog } from './project-access-dialog.js'
import { RenameProjectDialog } from './rename-project-dialog.js'
import { useProjectsPage } from './use-projects-page.js'

/** What each listed project may be asked about: its permissions, renaming, deleting. */
const PROJECT_ACTIONS = ['read_acls', 'update', 'delete'] as const

/** Settings → Projects: create, rename, delete, and who may do what in each. */
export function ProjectsPage() {
  const page = useProjectsPage()
  const { org, projects, create } = page
  const canCreate = useAbilities().can('create', 'org_project')
  const allowed = useObjectAbilities(
    'project',
    projects.data?.map((p) => p.id),
    PROJECT_ACTIONS,
  )
  const anyAction = (projects.data ?? []).some((p) => PROJECT_ACTIONS.some((a) => allowed(a, p.id)))

  const columns: Column<Project>[] = [
    { key: 'name', header: 'Project', render: (p) => p.name },
    { key: 'created', header: 'Created', render: (p) => formatDateTime(p.created) },
  ]
  if (anyAction) {
    columns.push({
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'actions',
      render: (p) => (
        <>
          {allowed('read_acls', p.id) ? (
            <Button
              size="small"
              onClick={() => page.setAccess(p)}
              aria-label={`Permissions of ${p.name}`}
            >
              Permissions
            </Button>
          ) : null}{' '}
          {allowed('update', p.id) ? (
            <Button
              size="small"
              onClick={() => page.setRenaming(p)}
              aria-label={`Rename ${p.name}`}
            >
              Rename
            </Button>
          ) : null}{' '}
          {allowed('delete', p.id) ? (
            <Button
              size="small"
              variant="danger"
              onClick={() => page.setDeleting(p)}
              aria-label={`Delete ${p.name}`}
            >
              Delete
            </Button>
          ) : null}
        </>
      ),
    })
  }

  return (
    <>
      <PageHeader
        title="Projects"
        description={`The projects of ${org.name} and who may do what in each.`}
      />
      {canCreate ? (
        <form className="filters" onSubmit={page.submit} noValidate aria-label="Create a project">
          <Field
            label="New project name"
            value={page.name}
            onChange={(e) => page.setName(e.target.value)}
            error={page.nameError}
            maxLength={256}
            autoComplete="off"
          />
          <SubmitRow pending={create.pending}>Create project</SubmitRow>
        </form>
      ) : null}
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
                <p>
                  {canCreate
                    ? 'Create one above; its permissions can then be set here.'
                    : 'None that you can see: projects you are given access to show here.'}
                </p>
              </EmptyState>
            }
          />
        )}
      </Loaded>

      {page.renaming === undefined ? null : (
        <RenameProjectDialog
          project={page.renaming}
          onClose={() => page.setRenaming(undefined)}
          onRenamed={() => {
            page.setRenaming(undefined)
            void projects.reload()
          }}
        />
      )}
      {page.access === undefined ? null : (
        <ProjectAccessDialog project={page.access} onClose={() => page.setAccess(undefined)} />
      )}
      <ConfirmDialog
        open={page.deleting !== undefined}
        title={`Delete ${page.deleting?.name ?? 'project'}?`}
        confirmLabel="Delete project"
        danger
        onConfirm={page.remove}
        onClose={() => {
          page.setDeleting(undefined)
          void projects.reload()
        }}
        successMessage={`Project ${page.deleting?.name ?? ''} deleted`}
      >
        <p>
          The project and everything in it stop being reachable, and the permissions granted on it
          stop applying.
        </p>
      </ConfirmDialog>
    </>
  )
}
