// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  apiError,
  ENGINEER,
  type FakeCheck,
  ME,
  type Sent,
  settle,
  startApp,
  VIEWER,
} from '../../testing/fake-api.js'

/*
 * Each Settings page as a member who is not an owner: what the API would refuse is not
 * offered, closed lists say so (no spinner, no refused request), and the groups the member
 * may read show on the Members page.
 */

const ORG = {
  id: '00000000-0000-4000-8000-00000000000a',
  name: 'acme',
  plan: 'enterprise' as const,
}
const ADA = '00000000-0000-4000-8000-0000000000ad'
const VIV = '00000000-0000-4000-8000-0000000000a7'
const ENGINEERS = '00000000-0000-4000-8000-0000000000e1'
const PROJECT = '00000000-0000-4000-8000-0000000000f1'

const person = (id: string, given: string) => ({
  id,
  given_name: given,
  family_name: null,
  email: `${given.toLowerCase()}@acme.test`,
  avatar_url: null,
  created: null,
  last_active_at: null,
  kind: 'user' as const,
})

const engineersGroup = {
  id: ENGINEERS,
  org_id: ORG.id,
  user_id: null,
  created: null,
  name: 'Engineers',
  description: 'Build projects',
  deleted_at: null,
  member_users: [ME, ADA],
  member_groups: [],
  builtin: 'engineers',
}

/** What the server answers an Engineer (Me): the group it is in, and the 403s of core's rules. */
function server(r: Sent): Response | undefined {
  const route = `${r.method} ${r.path}`
  switch (route) {
    case 'GET /v1/user':
      return Response.json({
        objects: [person(ME, 'Me'), person(ADA, 'Ada'), person(VIV, 'Viv')],
      })
    case 'GET /v1/group':
      return Response.json({ objects: [engineersGroup] })
    case 'GET /v1/project':
      return Response.json({
        objects: [
          {
            id: PROJECT,
            org_id: ORG.id,
            name: 'Alpha',
            created: null,
            deleted_at: null,
            user_id: ADA,
            settings: null,
          },
        ],
      })
    case 'GET /v1/role':
      return Response.json({ objects: [] })
    case 'GET /v1/api_key':
      return r.query.get('scope') === 'org'
        ? apiError(
            403,
            'OWNER_ONLY_KEY_INVENTORY',
            'Only organization owners can see every API key in the organization',
          )
        : Response.json({ objects: [] })
    case 'GET /v1/acl/list_org':
      return apiError(
        403,
        'PERMISSION_DENIED',
        'The caller lacks the permission this request needs',
      )
    default:
      return undefined
  }
}

function asked(sent: Sent[], method: string, path: string): Sent[] {
  return sent.filter((r) => r.method === method && r.path === path)
}

beforeEach(() => window.localStorage.clear())
afterEach(() => cleanup())

describe('Members as an Engineer', () => {
  it('offers no invite, group change or removal, shows the groups it may read, and no spinner', async () => {
    const sent = startApp('/settings/members', ORG, server, ENGINEER)
    await settle()
    expect(screen.queryByRole('button', { name: 'Invite people' })).toBeNull()
    expect(screen.queryByRole('button', { name: /^Change groups of/ })).toBeNull()
    expect(screen.queryByRole('button', { name: /^Remove / })).toBeNull()
    const table = screen.getByRole('table', { name: 'Members (3)' })
    expect(within(table).getByText('Me').closest('tr')?.textContent).toContain('Engineers')
    expect(within(table).getByText('Ada').closest('tr')?.textContent).toContain('Engineers')
    // Viv's groups are not the Engineer's to read: not claimed to be none.
    const viv = within(table).getByText('Viv').closest('tr')?.textContent ?? ''
    expect(viv).not.toContain('No group')
    expect(viv).toContain('—')
    expect(screen.getByText(/You see the groups you are in/)).toBeDefined()
    expect(screen.queryByText('Loading invitations…')).toBeNull()
    const pending = screen.getByRole('region', { name: 'Pending invitations' })
    expect(within(pending).getByText('Not available to you')).toBeDefined()
    expect(asked(sent, 'GET', '/v1/invitation')).toEqual([])
  })

  it('explains a list the API refuses instead of spinning, in the API’s words', async () => {
    // The answer said yes, the list said no (a grant removed in between): still an explanation.
    startApp(
      '/settings/members',
      ORG,
      (r) =>
        r.path === '/v1/invitation'
          ? apiError(403, 'PERMISSION_DENIED', 'The caller lacks the permission this request needs')
          : server(r),
      (c: FakeCheck) => c.object_type === 'org_member' && c.permission === 'read',
    )
    await settle()
    const pending = screen.getByRole('region', { name: 'Pending invitations' })
    expect(within(pending).getByText('Not available to you')).toBeDefined()
    expect(
      within(pending).getByText('The caller lacks the permission this request needs'),
    ).toBeDefined()
    expect(within(pending).queryByRole('button', { name: 'Retry' })).toBeNull()
    expect(screen.queryByText('Loading invitations…')).toBeNull()
  })
})

describe('Permission groups as an Engineer', () => {
  it('lists its own group to view, without create, edit, delete or member changes', async () => {
    startApp('/settings/groups', ORG, server, ENGINEER)
    await settle()
    const main = screen.getByRole('main')
    expect(within(main).queryByRole('button', { name: 'Create group' })).toBeNull()
    expect(within(main).queryByRole('button', { name: 'Edit Engineers' })).toBeNull()
    fireEvent.click(within(main).getByRole('button', { name: 'View Engineers' }))
    await settle()
    expect(within(main).getByRole('heading', { name: /Engineers/, level: 2 })).toBeDefined()
    expect(within(main).queryByLabelText('Group name')).toBeNull()
    expect(within(main).queryByRole('button', { name: 'Add member' })).toBeNull()
    expect(within(main).queryByRole('button', { name: /^Remove / })).toBeNull()
    expect(within(main).getByText('Permissions not visible to you')).toBeDefined()
  })
})

describe('Projects', () => {
  it('as a Viewer: no create form and no actions on a project it only reads', async () => {
    const sent = startApp('/settings/projects', ORG, server, VIEWER)
    await settle()
    expect(screen.getByRole('table', { name: 'Projects (1)' })).toBeDefined()
    expect(screen.queryByRole('form', { name: 'Create a project' })).toBeNull()
    for (const name of ['Permissions of Alpha', 'Rename Alpha', 'Delete Alpha']) {
      expect(screen.queryByRole('button', { name })).toBeNull()
    }
    // One question about the listed projects, beside the org-wide one.
    const projectChecks = asked(sent, 'POST', '/v1/authorize').filter((r) =>
      JSON.stringify(r.body).includes(PROJECT),
    )
    expect(projectChecks).toHaveLength(1)
  })

  it('as an Engineer: create, rename and delete, but not the permissions it cannot read', async () => {
    startApp('/settings/projects', ORG, server, ENGINEER)
    await settle()
    expect(screen.getByRole('form', { name: 'Create a project' })).toBeDefined()
    expect(screen.getByRole('button', { name: 'Rename Alpha' })).toBeDefined()
    expect(screen.getByRole('button', { name: 'Delete Alpha' })).toBeDefined()
    expect(screen.queryByRole('button', { name: 'Permissions of Alpha' })).toBeNull()
  })
})

describe('API keys, Service tokens, Audit log and Why? as an Engineer', () => {
  it('API keys: its own keys, and no org-wide inventory asked for', async () => {
    const sent = startApp('/settings/api-keys', ORG, server, ENGINEER)
    await settle()
    expect(screen.getByRole('button', { name: 'Create API key' })).toBeDefined()
    expect(screen.queryByRole('heading', { name: 'All keys in the organization' })).toBeNull()
    expect(asked(sent, 'GET', '/v1/api_key').map((r) => r.query.get('scope'))).toEqual([null])
  })

  it('Service tokens: the owner rule in its own words, and nothing asked of the list', async () => {
    const sent = startApp('/settings/service-tokens', ORG, server, ENGINEER)
    await settle()
    expect(
      screen.getByText('Only organization owners can manage service accounts and service tokens.'),
    ).toBeDefined()
    expect(screen.queryByRole('button', { name: 'Create service account' })).toBeNull()
    expect(asked(sent, 'GET', '/v1/service_account')).toEqual([])
  })

  it('Audit log: explained, without filters or a refused request', async () => {
    const sent = startApp('/settings/audit-log', ORG, server, VIEWER)
    await settle()
    expect(screen.getByText('Not available to you')).toBeDefined()
    expect(screen.queryByRole('form', { name: 'Filter the audit log' })).toBeNull()
    expect(asked(sent, 'GET', '/v1/audit_log')).toEqual([])
  })

  it('Why?: explains only itself, on the projects it holds something on', async () => {
    startApp('/settings/why', ORG, server, ENGINEER)
    await settle()
    const who = screen.getByLabelText('Member or service account') as HTMLSelectElement
    expect([...who.options].map((o) => o.text)).toEqual(['Choose…', 'Me'])
    const where = screen.getByLabelText('Where') as HTMLSelectElement
    expect([...where.options].map((o) => o.text)).toEqual(['Alpha'])
    expect(screen.getByText(/You can see why you have the access you have/)).toBeDefined()
  })
})
