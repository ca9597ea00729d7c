// @vitest-environment happy-dom
import type { Group, Invitation, UserListItem } from '@gatehouse/client'
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiError, ME, type Sent, settle, startApp } from '../../../testing/fake-api.js'

const ORG = { id: '00000000-0000-4000-8000-00000000000a', name: 'acme', plan: 'pro' as const }
const ADA = '00000000-0000-4000-8000-0000000000ad'
const BOT = '00000000-0000-4000-8000-0000000000b7'
const OWNERS = '00000000-0000-4000-8000-0000000000e0'
const ENGINEERS = '00000000-0000-4000-8000-0000000000e1'

const user = (id: string, over: Partial<UserListItem>): UserListItem => ({
  id,
  given_name: null,
  family_name: null,
  email: null,
  avatar_url: null,
  created: '2026-01-01T00:00:00.000Z',
  kind: 'user',
  last_active_at: null,
  ...over,
})

const group = (id: string, name: string, members: string[]): Group => ({
  id,
  org_id: ORG.id,
  user_id: null,
  created: null,
  name,
  description: null,
  deleted_at: null,
  member_users: members,
  member_groups: [],
  builtin: name === 'Owners' ? 'owners' : 'engineers',
})

const USERS = [
  user(ME, { given_name: 'Me', email: 'me@acme.test', last_active_at: new Date().toISOString() }),
  user(ADA, { given_name: 'Ada', family_name: 'Lovelace', email: 'ada@acme.test' }),
  user(BOT, { given_name: 'ci-bot', kind: 'service_account', email: 'bot@sa.invalid' }),
]
const GROUPS = [group(OWNERS, 'Owners', [ME]), group(ENGINEERS, 'Engineers', [ADA])]
const PENDING: Invitation = {
  id: '00000000-0000-4000-8000-00000000a001',
  org_id: ORG.id,
  email: 'cy@acme.test',
  group_ids: [ENGINEERS],
  invited_by: ME,
  created: '2026-01-02T00:00:00.000Z',
  expires_at: '2026-01-09T00:00:00.000Z',
}

function lists(r: Sent): Response | undefined {
  if (r.method !== 'GET') {
    return undefined
  }
  if (r.path === '/v1/user') {
    return Response.json({ objects: USERS })
  }
  if (r.path === '/v1/group') {
    return Response.json({ objects: GROUPS })
  }
  if (r.path === '/v1/invitation') {
    return Response.json({ objects: [PENDING] })
  }
  return undefined
}

beforeEach(() => window.localStorage.clear())
afterEach(() => cleanup())

describe('Members page', () => {
  it('lists people (not service accounts) with their groups and last activity', async () => {
    startApp('/settings/members', ORG, lists)
    await settle()
    const table = screen.getByRole('table', { name: 'Members (2)' })
    const ada = within(table).getByText('Ada Lovelace').closest('tr')
    expect(ada?.textContent).toContain('Engineers')
    expect(ada?.textContent).toContain('Never')
    expect(within(table).getByText('Me').closest('tr')?.textContent).toContain('Owners')
    expect(within(table).queryByText('ci-bot')).toBeNull()
    expect(screen.getByText('cy@acme.test').closest('tr')?.textContent).toContain('Engineers')
  })

  it('checks the invite form before sending, then shows each link once', async () => {
    const sent = startApp('/settings/members', ORG, (r) => {
      if (r.method === 'PATCH' && r.path === '/v1/organization/members') {
        return Response.json({
          status: 'success',
          org_id: ORG.id,
          send_email_error: null,
          added_users: [],
          invitations: [
            {
              id: '00000000-0000-4000-8000-00000000a002',
              email: 'new@acme.test',
              invite_url: 'http://localhost/invite/secret-token',
              expires_at: '2026-01-09T00:00:00.000Z',
            },
          ],
        })
      }
      return lists(r)
    })
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Invite people' }))
    const dialog = screen.getByRole('dialog', { name: 'Invite people' })
    fireEvent.change(within(dialog).getByLabelText('Email addresses'), {
      target: { value: 'new@acme.test\nnope' },
    })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create invitations' }))
    await settle()
    expect(within(dialog).getByText(/Line 2: “nope” is not an email address/)).toBeDefined()
    expect(within(dialog).getByText('Choose at least one group to invite them into')).toBeDefined()
    expect(sent.filter((r) => r.method === 'PATCH')).toEqual([])

    fireEvent.change(within(dialog).getByLabelText('Email addresses'), {
      target: { value: 'New@acme.test' },
    })
    fireEvent.click(within(dialog).getByLabelText('Engineers'))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create invitations' }))
    await settle()
    expect(sent.find((r) => r.method === 'PATCH')?.body).toEqual({
      org_name: 'acme',
      invite_users: { emails: ['new@acme.test'], group_ids: [ENGINEERS] },
    })
    const links = screen.getByRole('dialog', { name: 'Invitation links' })
    expect(
      (within(links).getByLabelText('Invitation link for new@acme.test') as HTMLInputElement).value,
    ).toBe('http://localhost/invite/secret-token')
    expect(within(links).getByRole('button', { name: 'Copy link for new@acme.test' })).toBeDefined()
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('secret-token')
  })

  it('shows the last-owner refusal word for word, with the rule explained', async () => {
    startApp('/settings/members', ORG, (r) =>
      r.method === 'PATCH'
        ? apiError(403, 'LAST_OWNER', 'An organization must keep at least one owner')
        : lists(r),
    )
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Remove Me' }))
    const dialog = screen.getByRole('dialog', { name: 'Remove Me?' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove member' }))
    await settle()
    const alert = within(dialog).getByRole('alert')
    expect(alert.textContent).toContain('An organization must keep at least one owner')
    expect(alert.textContent).toContain('Add another owner first')
  })

  it('changes a member’s groups with add and remove calls on the groups', async () => {
    const sent = startApp('/settings/members', ORG, (r) =>
      r.method === 'PATCH' && r.path.startsWith('/v1/group/') ? Response.json(GROUPS[0]) : lists(r),
    )
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Change groups of Ada Lovelace' }))
    const dialog = screen.getByRole('dialog', { name: 'Groups of Ada Lovelace' })
    fireEvent.click(within(dialog).getByLabelText('Owners'))
    fireEvent.click(within(dialog).getByLabelText('Engineers'))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save groups' }))
    await settle()
    expect(sent.filter((r) => r.method === 'PATCH').map((r) => [r.path, r.body])).toEqual([
      [`/v1/group/${OWNERS}`, { add_member_users: [ADA] }],
      [`/v1/group/${ENGINEERS}`, { remove_member_users: [ADA] }],
    ])
  })
})
