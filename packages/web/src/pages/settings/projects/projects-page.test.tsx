// @vitest-environment happy-dom
import type { SessionOrganization } from '@gatehouse/client'
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { apiError, ME, type Sent, settle, startApp } from '../../../testing/fake-api.js'

const ORG_ID = '00000000-0000-4000-8000-00000000000a'
const PROJECT = '00000000-0000-4000-8000-0000000000f1'
const ENGINEERS = '00000000-0000-4000-8000-0000000000e1'
const ROLE = '00000000-0000-4000-8000-0000000000c1'
const ADA = '00000000-0000-4000-8000-0000000000ad'
const ACL = '00000000-0000-4000-8000-00000000a001'

function api(r: Sent): Response | undefined {
  const person = { avatar_url: null, created: null, family_name: null, last_active_at: null }
  switch (`${r.method} ${r.path}`) {
    case 'GET /v1/project':
      return Response.json({
        objects: [
          {
            id: PROJECT,
            org_id: ORG_ID,
            name: 'Alpha',
            created: null,
            deleted_at: null,
            user_id: ME,
            settings: null,
          },
        ],
      })
    case 'GET /v1/user':
      return Response.json({
        objects: [
          { ...person, id: ME, given_name: 'Mo', email: 'me@acme.test', kind: 'user' },
          { ...person, id: ADA, given_name: 'Ada', email: 'ada@acme.test', kind: 'user' },
        ],
      })
    case 'GET /v1/group':
      return Response.json({
        objects: [
          {
            id: ENGINEERS,
            org_id: ORG_ID,
            user_id: null,
            created: null,
            name: 'Engineers',
            description: null,
            deleted_at: null,
            member_users: [],
            member_groups: [],
            builtin: 'engineers',
          },
        ],
      })
    case 'GET /v1/role':
      return Response.json({
        objects: [
          {
            id: ROLE,
            org_id: null,
            user_id: null,
            created: null,
            name: 'Viewer',
            description: null,
            deleted_at: null,
            member_permissions: [],
            member_roles: [],
          },
        ],
      })
    case 'GET /v1/acl':
      return Response.json({
        objects: [
          {
            id: ACL,
            object_type: 'project',
            object_id: PROJECT,
            user_id: ADA,
            group_id: null,
            permission: null,
            restrict_object_type: null,
            role_id: ROLE,
            _object_org_id: ORG_ID,
            created: null,
          },
        ],
      })
    default:
      return undefined
  }
}

const org = (plan: SessionOrganization['plan']) => ({ id: ORG_ID, name: 'acme', plan })

afterEach(() => cleanup())

describe('Projects page', () => {
  it('validates the name before creating, and shows the API refusal verbatim', async () => {
    const sent = startApp('/settings/projects', org('pro'), (r) =>
      r.method === 'POST' && r.path === '/v1/project'
        ? apiError(403, 'API_KEY_CANNOT_CREATE_API_KEY', 'API keys cannot create API keys')
        : api(r),
    )
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Create project' }))
    await settle()
    expect(screen.getByText('Enter a name for the project')).toBeDefined()
    expect(sent.filter((r) => r.method === 'POST' && r.path === '/v1/project')).toEqual([])
    fireEvent.change(screen.getByLabelText('New project name'), { target: { value: ' Beta ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create project' }))
    await settle()
    expect(sent.find((r) => r.method === 'POST' && r.path === '/v1/project')?.body).toEqual({
      name: 'Beta',
      org_name: 'acme',
    })
    expect(screen.getAllByText('API keys cannot create API keys').length).toBeGreaterThan(0)
  })

  it('on Pro, shows grants by name and disables group grants with the reason', async () => {
    const sent = startApp('/settings/projects', org('pro'), (r) =>
      r.method === 'POST' && r.path === '/v1/acl' ? Response.json({}) : api(r),
    )
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Permissions of Alpha' }))
    await settle()
    const dialog = screen.getByRole('dialog', { name: 'Permissions on Alpha' })
    const table = within(dialog).getByRole('table', { name: 'Granted on this project' })
    const row = within(table).getByText('Ada').closest('tr')
    expect(row?.textContent).toContain('Viewer')
    expect(row?.textContent).toContain('(member)')
    const engineers = within(dialog).getByRole('option', { name: 'Engineers' }) as HTMLOptionElement
    expect(engineers.disabled).toBe(true)
    expect(within(dialog).getByText(/require the Enterprise plan/)).toBeDefined()

    fireEvent.change(within(dialog).getByLabelText('Who'), { target: { value: `user:${ADA}` } })
    fireEvent.change(within(dialog).getByLabelText('Permission or role'), {
      target: { value: 'permission:update' },
    })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Grant' }))
    await settle()
    expect(sent.find((r) => r.method === 'POST' && r.path === '/v1/acl')?.body).toEqual({
      object_type: 'project',
      object_id: PROJECT,
      user_id: ADA,
      permission: 'update',
    })
  })

  it('on Enterprise, lets groups be granted', async () => {
    startApp('/settings/projects', org('enterprise'), api)
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Permissions of Alpha' }))
    await settle()
    const option = screen.getByRole('option', { name: 'Engineers' }) as HTMLOptionElement
    expect(option.disabled).toBe(false)
    expect(screen.queryByText(/require the Enterprise plan/)).toBeNull()
  })
})
