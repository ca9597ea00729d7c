// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ME, settle, startApp } from '../../../testing/fake-api.js'

const ORG = {
  id: '00000000-0000-4000-8000-00000000000a',
  name: 'acme',
  plan: 'enterprise' as const,
}
const PROJECT = '00000000-0000-4000-8000-0000000000f1'
const ENGINEERS = '00000000-0000-4000-8000-0000000000e1'
const PLATFORM = '00000000-0000-4000-8000-0000000000e2'
const ROLE = '00000000-0000-4000-8000-0000000000c1'
const ADA = '00000000-0000-4000-8000-0000000000ad'

afterEach(() => cleanup())

describe('Why? page', () => {
  it('explains a member’s access to a project with the places, groups and roles', async () => {
    const sent = startApp(`/settings/why?user=${ADA}`, ORG, (r) => {
      const base = {
        org_id: ORG.id,
        user_id: null,
        created: null,
        description: null,
        deleted_at: null,
      }
      switch (`${r.method} ${r.path}`) {
        case 'GET /v1/user':
          return Response.json({
            objects: [ME, ADA].map((id) => ({
              id,
              given_name: id === ADA ? 'Ada' : 'Mo',
              family_name: null,
              email: null,
              avatar_url: null,
              created: null,
              kind: 'user',
              last_active_at: null,
            })),
          })
        case 'GET /v1/project':
          return Response.json({
            objects: [{ ...base, id: PROJECT, name: 'Alpha', settings: null }],
          })
        case 'GET /v1/group':
          return Response.json({
            objects: [
              {
                ...base,
                id: ENGINEERS,
                name: 'Engineers',
                member_users: [],
                member_groups: [PLATFORM],
                builtin: 'engineers',
              },
              {
                ...base,
                id: PLATFORM,
                name: 'Platform',
                member_users: [ADA],
                member_groups: [],
                builtin: null,
              },
            ],
          })
        case 'GET /v1/role':
          return Response.json({
            objects: [
              {
                ...base,
                id: ROLE,
                org_id: null,
                name: 'Engineer',
                member_permissions: [],
                member_roles: [],
              },
            ],
          })
        case 'POST /v1/acl/explain':
          return Response.json({
            permissions: ['read'],
            grants: [
              {
                permission: 'read',
                acl_id: '00000000-0000-4000-8000-00000000a001',
                acl_object_type: 'organization',
                acl_object_id: ORG.id,
                group_path: [PLATFORM, ENGINEERS],
                role_path: [ROLE],
                restrict_object_type: null,
              },
            ],
          })
        default:
          return undefined
      }
    })
    await settle()
    expect((screen.getByLabelText('Member or service account') as HTMLSelectElement).value).toBe(
      ADA,
    )
    fireEvent.change(screen.getByLabelText('Where'), { target: { value: PROJECT } })
    fireEvent.click(screen.getByRole('button', { name: 'Explain' }))
    await settle()
    expect(sent.find((r) => r.path === '/v1/acl/explain')?.body).toEqual({
      user_id: ADA,
      object_type: 'project',
      object_id: PROJECT,
      org_name: 'acme',
    })
    expect(screen.getByRole('heading', { name: 'What Ada may do on project Alpha' })).toBeDefined()
    const row = within(screen.getByRole('table', { name: 'The grants behind them' }))
      .getByText('Organization acme')
      .closest('tr')
    expect(row?.textContent).toContain('Platform → Engineers')
    expect(row?.textContent).toContain('Engineer')
    expect(screen.getByText('read: yes (1)')).toBeDefined()
    expect(screen.getByText('delete: no')).toBeDefined()
  })

  it('asks for a member before sending', async () => {
    const sent = startApp('/settings/why', ORG, (r) =>
      r.method === 'GET' ? Response.json({ objects: [] }) : undefined,
    )
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Explain' }))
    await settle()
    expect(screen.getByText('Choose a member or service account')).toBeDefined()
    expect(sent.filter((r) => r.method === 'POST' && r.path !== '/v1/authorize')).toEqual([])
  })
})
