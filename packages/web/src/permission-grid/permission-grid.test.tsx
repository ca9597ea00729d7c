// @vitest-environment happy-dom
import type { Acl, AclObjectType, Permission, Project } from '@gatehouse/client'
import { GatehouseApiError } from '@gatehouse/client'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { NoticeProvider } from '../ui/index.js'
import type { AclDiff, GridSubject } from './model.js'
import { PermissionGrid } from './permission-grid.js'

const ORG = '00000000-0000-4000-8000-0000000000a1'
const GROUP = '00000000-0000-4000-8000-0000000000b1'
const P1 = '00000000-0000-4000-8000-0000000000d1'
const P2 = '00000000-0000-4000-8000-0000000000d2'
const ROLE = '00000000-0000-4000-8000-0000000000e1'

const projects: Project[] = [
  {
    id: P1,
    org_id: ORG,
    name: 'alpha',
    created: null,
    deleted_at: null,
    user_id: null,
    settings: null,
  },
  {
    id: P2,
    org_id: ORG,
    name: 'beta',
    created: null,
    deleted_at: null,
    user_id: null,
    settings: null,
  },
]

let seq = 0
function acl(
  type: AclObjectType,
  id: string,
  permission: Permission | null,
  extra: Partial<Acl> = {},
): Acl {
  seq += 1
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    object_type: type,
    object_id: id,
    user_id: null,
    group_id: GROUP,
    permission,
    restrict_object_type: null,
    role_id: null,
    _object_org_id: ORG,
    created: null,
    ...extra,
  }
}

const subject: GridSubject = { kind: 'group', id: GROUP }

function show(options: {
  acls?: Acl[]
  reason?: string
  onSave?: (diff: AclDiff) => Promise<unknown>
}) {
  const onSave = vi.fn(options.onSave ?? (async () => ({})))
  render(
    <NoticeProvider>
      <PermissionGrid
        subject={subject}
        subjectLabel="Analysts"
        orgId={ORG}
        acls={options.acls ?? []}
        projects={projects}
        projectsDisabledReason={options.reason}
        onSave={onSave}
        names={(type, id) => (type === 'role' && id === ROLE ? 'Auditor' : undefined)}
      />
    </NoticeProvider>,
  )
  return onSave
}

const box = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement

afterEach(() => cleanup())

describe('PermissionGrid', () => {
  it('renders the checked cells from the ACLs and lists the rest read-only', () => {
    show({
      acls: [
        acl('organization', ORG, 'update'),
        acl('org_project', ORG, 'read'),
        acl('project', P2, 'delete'),
        acl('organization', ORG, null, { role_id: ROLE }),
      ],
    })
    expect(box('Manage settings (organization)').checked).toBe(true)
    expect(box('Manage members (organization)').checked).toBe(false)
    expect(box('Read (all projects)').checked).toBe(true)
    expect(box('Create (all projects)').checked).toBe(false)
    expect(box('Delete (project beta)').checked).toBe(true)
    expect(box('Read (project beta)').checked).toBe(false)
    expect(screen.queryByRole('checkbox', { name: 'Read (project alpha)' })).toBeNull()
    const other = screen.getByRole('region', { name: 'Other grants' })
    expect(other.textContent).toContain('role Auditor on organization of this organization')
    expect(screen.getByRole('button', { name: 'Save permissions' })).toHaveProperty(
      'disabled',
      true,
    )
  })

  it('toggling a cell sends its diff in one save', async () => {
    const onSave = show({ acls: [acl('org_audit_logs', ORG, 'read')] })
    fireEvent.click(box('Manage access (all projects)'))
    fireEvent.click(box('Read audit logs (organization)'))
    expect(screen.getByText('5 ACL changes')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Save permissions' }))
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1))
    const diff = onSave.mock.calls[0]?.[0]
    expect(diff?.add_acls.map((a) => `${a.object_type}:${a.permission}:${a.group_id}`)).toEqual([
      `org_project:create_acls:${GROUP}`,
      `org_project:read_acls:${GROUP}`,
      `org_project:update_acls:${GROUP}`,
      `org_project:delete_acls:${GROUP}`,
    ])
    expect(diff?.remove_acls).toEqual([
      { object_type: 'org_audit_logs', object_id: ORG, group_id: GROUP, permission: 'read' },
    ])
    expect(await screen.findByText('Permissions of Analysts saved')).toBeTruthy()
  })

  it('adds a project row by picking a project, then grants on it', async () => {
    const onSave = show({})
    fireEvent.change(screen.getByLabelText('Add a project'), { target: { value: P1 } })
    fireEvent.click(screen.getByRole('button', { name: 'Add row' }))
    fireEvent.click(box('Update (project alpha)'))
    fireEvent.click(screen.getByRole('button', { name: 'Save permissions' }))
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1))
    expect(onSave.mock.calls[0]?.[0].add_acls).toEqual([
      { object_type: 'project', object_id: P1, group_id: GROUP, permission: 'update' },
    ])
  })

  it('shows the API refusal word for word and keeps the edit', async () => {
    show({
      onSave: async () => {
        throw new GatehouseApiError({
          status: 403,
          code: 'GRANT_EXCEEDS_CALLER',
          message: 'You cannot grant permissions that you do not hold',
          requestId: 'r1',
        })
      },
    })
    fireEvent.click(box('Manage settings (organization)'))
    fireEvent.click(screen.getByRole('button', { name: 'Save permissions' }))
    const message = await screen.findByText('You cannot grant permissions that you do not hold')
    expect(message.closest('[role="alert"]')).not.toBeNull()
    expect(box('Manage settings (organization)').checked).toBe(true)
  })

  it('disables project rows with the reason visible when the plan does not allow them', () => {
    const reason = 'Project-level permissions for groups require the Enterprise plan'
    show({ acls: [acl('project', P1, 'read')], reason })
    const note = screen.getByText(reason)
    const cell = box('Read (project alpha)')
    expect(cell.disabled).toBe(true)
    expect(cell.getAttribute('aria-describedby')).toBe(note.id)
    expect((screen.getByLabelText('Add a project') as HTMLSelectElement).disabled).toBe(true)
    expect(box('Read (all projects)').disabled).toBe(false)
  })

  it('toggles with the keyboard and discards back to the saved state', async () => {
    const user = userEvent.setup()
    show({})
    await user.tab()
    expect(document.activeElement).toBe(box('Manage settings (organization)'))
    await user.keyboard(' ')
    expect(box('Manage settings (organization)').checked).toBe(true)
    await user.tab()
    await user.keyboard(' ')
    expect(box('Manage members (organization)').checked).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }))
    expect(box('Manage settings (organization)').checked).toBe(false)
    expect(box('Manage members (organization)').checked).toBe(false)
  })
})
