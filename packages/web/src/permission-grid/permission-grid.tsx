import type { Acl, AclObjectType, Project } from '@gatehouse/client'
import { useEffect, useId, useMemo, useState } from 'react'
import { Button, ErrorMessage, useAction } from '../ui/index.js'
import {
  type AclDiff,
  aclsToGrid,
  addProjectRow,
  describeAcl,
  diffIsEmpty,
  type GridState,
  type GridSubject,
  gridDiff,
  ORG_CELL_LABELS,
  ORG_CELLS,
  type OrgCell,
  PROJECT_CELL_LABELS,
  PROJECT_CELLS,
  type ProjectCell,
  toggleCell,
} from './model.js'

export interface PermissionGridProps {
  readonly subject: GridSubject
  /** What the subject is called, for the controls' names ("Engineers", "ci-bot"). */
  readonly subjectLabel: string
  readonly orgId: string
  /** The subject's current ACLs in the organization (every one of them). */
  readonly acls: readonly Acl[]
  /** The org's projects, to name rows and to pick a row to add. */
  readonly projects: readonly Project[]
  /** Set when the plan does not allow project rows for this subject: shown, and rows disabled. */
  readonly projectsDisabledReason?: string | undefined
  /** Sends the change as one batch_update; the parent reloads `acls` after it. */
  readonly onSave: (diff: AclDiff) => Promise<unknown>
  /** Names of other objects (groups, roles) for the read-only list. */
  readonly names?: ((type: AclObjectType, id: string) => string | undefined) | undefined
}

/**
 * The permission grid of one subject, as Braintrust's Settings → Permission groups shows it:
 * Organization, All projects, and a row per project. Saving sends one atomic batch_update;
 * grants the grid cannot show are listed read-only underneath and never touched.
 */
export function PermissionGrid({
  subject,
  subjectLabel,
  orgId,
  acls,
  projects,
  projectsDisabledReason,
  onSave,
  names,
}: PermissionGridProps) {
  // Keyed on the subject's kind and id, so a parent may pass a fresh subject object each render.
  const { kind, id } = subject
  const who = useMemo<GridSubject>(() => ({ kind, id }), [kind, id])
  const parsed = useMemo(() => aclsToGrid(acls, who, orgId), [acls, who, orgId])
  const [desired, setDesired] = useState<GridState>(parsed.state)
  const [adding, setAdding] = useState('')
  const reasonId = useId()
  const addId = useId()
  useEffect(() => {
    setDesired(parsed.state)
  }, [parsed])

  const diff = useMemo(() => gridDiff(acls, desired, who, orgId), [acls, desired, who, orgId])
  const changes = diff.add_acls.length + diff.remove_acls.length
  const save = useAction(() => onSave(diff), {
    errorNotice: false,
    success: `Permissions of ${subjectLabel} saved`,
  })

  const projectName = (id: string) => projects.find((p) => p.id === id)?.name ?? id
  const nameOf = (type: AclObjectType, id: string) => {
    if (type === 'project') {
      return projectName(id)
    }
    if (id === orgId && (type === 'organization' || type.startsWith('org_'))) {
      return 'of this organization'
    }
    return names?.(type, id) ?? id
  }
  const rowsDisabled = projectsDisabledReason !== undefined
  const addable = projects.filter((p) => !desired.projects.has(p.id))
  const rows = [...desired.projects.keys()].sort((a, b) =>
    projectName(a).localeCompare(projectName(b)),
  )

  const box = (props: {
    checked: boolean
    label: string
    name: string
    onToggle: () => void
    disabled?: boolean
  }) => (
    <label className="grid-cell">
      <input
        type="checkbox"
        checked={props.checked}
        aria-label={props.name}
        disabled={props.disabled === true || save.pending}
        aria-describedby={props.disabled === true && rowsDisabled ? reasonId : undefined}
        onChange={() => {
          save.reset()
          props.onToggle()
        }}
      />
      <span aria-hidden="true">{props.label}</span>
    </label>
  )

  return (
    <div className="permission-grid">
      <div className="grid-areas">
        <fieldset className="grid-area">
          <legend>Organization</legend>
          {ORG_CELLS.map((cell: OrgCell) => (
            <div key={cell}>
              {box({
                checked: desired.org.has(cell),
                label: ORG_CELL_LABELS[cell],
                name: `${ORG_CELL_LABELS[cell]} (organization)`,
                onToggle: () => setDesired((s) => toggleCell(s, { kind: 'org', cell })),
              })}
            </div>
          ))}
        </fieldset>
        <fieldset className="grid-area">
          <legend>All projects</legend>
          {PROJECT_CELLS.map((cell: ProjectCell) => (
            <div key={cell}>
              {box({
                checked: desired.allProjects.has(cell),
                label: PROJECT_CELL_LABELS[cell],
                name: `${PROJECT_CELL_LABELS[cell]} (all projects)`,
                onToggle: () => setDesired((s) => toggleCell(s, { kind: 'allProjects', cell })),
              })}
            </div>
          ))}
        </fieldset>
      </div>

      <section className="grid-projects" aria-label="Project permissions">
        <h3>Specific projects</h3>
        {rowsDisabled ? (
          <p id={reasonId} className="grid-disabled-reason" role="note">
            {projectsDisabledReason}
          </p>
        ) : null}
        {rows.length === 0 ? (
          <p className="muted">No project-specific permissions.</p>
        ) : (
          <div className="table-wrap">
            <table className="table grid-table">
              <caption className="visually-hidden">Permissions on specific projects</caption>
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  {PROJECT_CELLS.map((cell) => (
                    <th key={cell} scope="col">
                      {PROJECT_CELL_LABELS[cell]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((projectId) => (
                  <tr key={projectId}>
                    <th scope="row">{projectName(projectId)}</th>
                    {PROJECT_CELLS.map((cell) => (
                      <td key={cell}>
                        {box({
                          checked: desired.projects.get(projectId)?.has(cell) ?? false,
                          label: '',
                          name: `${PROJECT_CELL_LABELS[cell]} (project ${projectName(projectId)})`,
                          disabled: rowsDisabled,
                          onToggle: () =>
                            setDesired((s) => toggleCell(s, { kind: 'project', projectId, cell })),
                        })}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="grid-add">
          <label htmlFor={addId}>Add a project</label>
          <select
            id={addId}
            value={adding}
            disabled={rowsDisabled || addable.length === 0}
            aria-describedby={rowsDisabled ? reasonId : undefined}
            onChange={(event) => setAdding(event.currentTarget.value)}
          >
            <option value="">
              {addable.length === 0 ? 'No other projects' : 'Pick a project'}
            </option>
            {addable.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <Button
            size="small"
            disabled={rowsDisabled || adding === ''}
            onClick={() => {
              setDesired((s) => addProjectRow(s, adding))
              setAdding('')
            }}
          >
            Add row
          </Button>
        </div>
      </section>

      {parsed.unshown.length === 0 ? null : (
        <section className="grid-unshown" aria-label="Other grants">
          <h3>Other grants (not editable here)</h3>
          <p className="muted">
            These grants of {subjectLabel} stay as they are when you save; manage them from the
            object they are on.
          </p>
          <ul>
            {parsed.unshown.map((acl) => (
              <li key={acl.id}>{describeAcl(acl, nameOf)}</li>
            ))}
          </ul>
        </section>
      )}

      <div className="grid-actions">
        <span className="muted" aria-live="polite">
          {changes === 0
            ? 'No unsaved changes'
            : `${changes} ACL change${changes === 1 ? '' : 's'}`}
        </span>
        <Button
          disabled={changes === 0 || save.pending}
          onClick={() => {
            save.reset()
            setDesired(parsed.state)
          }}
        >
          Discard changes
        </Button>
        <Button
          variant="primary"
          pending={save.pending}
          disabled={diffIsEmpty(diff)}
          onClick={() => save.run()}
        >
          Save permissions
        </Button>
      </div>
      <ErrorMessage error={save.error} />
    </div>
  )
}
