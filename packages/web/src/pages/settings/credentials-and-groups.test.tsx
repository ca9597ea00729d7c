// @vitest-environment happy-dom
import { createClient, type Plan } from '@gatehouse/client'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../app.js'

/*
 * The API keys, Permission groups and Service tokens pages inside the app, against a fake API
 * answering from a table: the requests asserted are the ones the server would get.
 */

interface Sent {
  readonly method: string
  readonly path: string
  readonly body: unknown
}

const ORG_ID = '00000000-0000-4000-8000-00000000000a'
const ME = '00000000-0000-4000-8000-000000000001'
const KEY_ID = '00000000-0000-4000-8000-0000000000f1'
const SA_ID = '00000000-0000-4000-8000-0000000000c1'
const SECRET = 'sk-THE-SECRET-shown-once-0123456789'

let sent: Sent[]

function session(plan: Plan) {
  return {
    user: { id: ME, email: 'owner@acme.test', given_name: null, family_name: null },
    organizations: [{ id: ORG_ID, name: 'acme', plan }],
    impersonator_user_id: null,
  }
}

const key = (extra: Record<string, unknown> = {}) => ({
  id: KEY_ID,
  created: '2026-01-01T00:00:00.000Z',
  name: 'laptop',
  preview_name: 'sk-q6…MOhH',
  user_id: ME,
  user_email: 'owner@acme.test',
  user_given_name: null,
  user_family_name: null,
  org_id: ORG_ID,
  expires_at: null,
  last_used_at: null,
  revoked_at: null,
  ...extra,
})

const refusal = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message, request_id: 'r1' } }, { status })

function start(path: string, plan: Plan, handler: (r: Sent) => Response | undefined, owner = true) {
  window.history.replaceState(null, '', path)
  sent = []
  const client = createClient({
    fetch: async (input, init) => {
      const url = new URL(String(input), 'http://localhost')
      const r: Sent = {
        method: init?.method ?? 'GET',
        path: `${url.pathname}${url.search}`,
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      }
      sent.push(r)
      if (r.path === '/auth/session') {
        return Response.json(session(plan))
      }
      if (r.path === '/v1/authorize') {
        const checks = (r.body as { checks: unknown[] }).checks
        return Response.json({
          principal: {
            user_id: ME,
            kind: 'user',
            org_id: ORG_ID,
            credential_kind: 'session',
            impersonator_user_id: null,
          },
          results: checks.map(() => ({ allowed: owner })),
        })
      }
      return handler(r) ?? refusal(404, 'ROUTE_NOT_FOUND', `No fake for ${r.method} ${r.path}`)
    },
  })
  return render(<App client={client} />)
}

async function settle() {
  for (let i = 0; i < 6; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
  }
}

beforeEach(() => {
  window.localStorage.clear()
})

afterEach(() => cleanup())

describe('API keys page', () => {
  it('validates, creates a key, shows the secret once and forgets it on close', async () => {
    let created = false
    start('/settings/api-keys?org=acme', 'enterprise', (r) => {
      if (r.method === 'GET' && r.path.startsWith('/v1/api_key')) {
        return Response.json({ objects: created ? [key()] : [] })
      }
      if (r.method === 'POST' && r.path === '/v1/api_key') {
        created = true
        return Response.json({ ...key(), key: SECRET })
      }
      return undefined
    })
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Create API key' }))
    const dialog = screen.getByRole('dialog')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create API key' }))
    expect(within(dialog).getByText('Give it a name')).toBeDefined()
    expect(sent.some((r) => r.method === 'POST' && r.path === '/v1/api_key')).toBe(false)

    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'laptop' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create API key' }))
    await settle()
    expect(sent.find((r) => r.method === 'POST' && r.path === '/v1/api_key')?.body).toEqual({
      name: 'laptop',
      org_name: 'acme',
      expires_at: null,
    })
    const reveal = screen.getByRole('dialog')
    expect(within(reveal).getByText('The API key')).toBeDefined()
    expect(within(reveal).getByDisplayValue(SECRET)).toBeDefined()
    expect(within(reveal).getByText(/it will not be shown again/)).toBeDefined()
    expect(within(reveal).getByText('Copy')).toBeDefined()

    fireEvent.click(within(reveal).getByRole('button', { name: 'Done' }))
    await settle()
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.queryByDisplayValue(SECRET)).toBeNull()
    expect(document.body.innerHTML).not.toContain(SECRET)
    expect(JSON.stringify({ ...window.localStorage })).not.toContain(SECRET)
    expect(window.location.href).not.toContain(SECRET)
    // Reopening starts from an empty form, not the last secret.
    fireEvent.click(screen.getByRole('button', { name: 'Create API key' }))
    expect(screen.queryByDisplayValue(SECRET)).toBeNull()
    expect(
      (within(screen.getByRole('dialog')).getByLabelText('Name') as HTMLInputElement).value,
    ).toBe('')
  })

  it("shows the API's refusal word for word", async () => {
    start('/settings/api-keys?org=acme', 'enterprise', (r) => {
      if (r.method === 'GET') {
        return Response.json({ objects: [] })
      }
      return refusal(403, 'API_KEY_CANNOT_CREATE_API_KEY', 'API keys cannot create API keys')
    })
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Create API key' }))
    const dialog = screen.getByRole('dialog')
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'x' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create API key' }))
    await settle()
    expect(within(dialog).getByRole('alert').textContent).toContain(
      'API keys cannot create API keys',
    )
  })

  it('owners see every key of the org and revoke one after confirming', async () => {
    const other = key({ id: '00000000-0000-4000-8000-0000000000f2', user_email: 'bob@acme.test' })
    start('/settings/api-keys?org=acme', 'enterprise', (r) => {
      if (r.method === 'GET' && r.path.includes('scope=org')) {
        return Response.json({ objects: [key(), other] })
      }
      if (r.method === 'GET' && r.path.startsWith('/v1/api_key')) {
        return Response.json({ objects: [key()] })
      }
      if (r.method === 'DELETE') {
        return Response.json({ ...other, revoked_at: '2026-02-01T00:00:00.000Z' })
      }
      return undefined
    })
    await settle()
    expect(screen.getByRole('heading', { name: 'All keys in the organization' })).toBeDefined()
    fireEvent.click(screen.getByRole('button', { name: 'Revoke laptop of bob@acme.test' }))
    const dialog = screen.getByRole('dialog')
    expect(sent.some((r) => r.method === 'DELETE')).toBe(false)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }))
    await settle()
    expect(sent.find((r) => r.method === 'DELETE')?.path).toBe(
      '/v1/api_key/00000000-0000-4000-8000-0000000000f2',
    )
  })

  it('members who are not owners do not get the org-wide view', async () => {
    start(
      '/settings/api-keys?org=acme',
      'enterprise',
      (r) => (r.method === 'GET' ? Response.json({ objects: [] }) : undefined),
      false,
    )
    await settle()
    expect(screen.queryByRole('heading', { name: 'All keys in the organization' })).toBeNull()
    expect(sent.some((r) => r.path.includes('scope=org'))).toBe(false)
  })
})

describe('Permission groups page', () => {
  const owners = {
    id: '00000000-0000-4000-8000-0000000000b1',
    org_id: ORG_ID,
    user_id: null,
    created: null,
    name: 'Owners',
    description: 'Full access',
    deleted_at: null,
    member_users: [ME],
    member_groups: [],
    builtin: 'owners',
  }
  const custom = {
    ...owners,
    id: '00000000-0000-4000-8000-0000000000b2',
    name: 'Analysts',
    builtin: null,
  }

  it('explains before any click that custom groups need Enterprise', async () => {
    start('/settings/groups?org=acme', 'pro', (r) =>
      r.path.startsWith('/v1/group') ? Response.json({ objects: [owners] }) : undefined,
    )
    await settle()
    const create = screen.getByRole('button', { name: 'Create group' }) as HTMLButtonElement
    expect(create.disabled).toBe(true)
    expect(create.getAttribute('aria-describedby')).toBe('custom-groups-plan')
    expect(screen.getByText(/Custom permission groups require the Enterprise plan/)).toBeDefined()
    expect(screen.getByText('Built-in')).toBeDefined()
    expect(screen.queryByRole('button', { name: 'Delete Owners' })).toBeNull()
  })

  it('deletes a custom group after confirming', async () => {
    start('/settings/groups?org=acme', 'enterprise', (r) => {
      if (r.method === 'GET' && r.path.startsWith('/v1/group')) {
        return Response.json({ objects: [owners, custom] })
      }
      if (r.method === 'DELETE') {
        return Response.json(custom)
      }
      return undefined
    })
    await settle()
    expect(
      (screen.getByRole('button', { name: 'Create group' }) as HTMLButtonElement).disabled,
    ).toBe(false)
    fireEvent.click(screen.getByRole('button', { name: 'Delete Analysts' }))
    fireEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete group' }),
    )
    await settle()
    expect(sent.find((r) => r.method === 'DELETE')?.path).toBe(`/v1/group/${custom.id}`)
  })
})

describe('Service tokens page', () => {
  const account = {
    id: SA_ID,
    org_id: ORG_ID,
    name: 'ci-bot',
    email: 'ci-bot@service-account.gatehouse.invalid',
    created: null,
  }

  it('on Starter gives a service account direct permissions with user_id ACLs', async () => {
    start(`/settings/service-tokens?org=acme&account=${SA_ID}`, 'starter', (r) => {
      if (r.path.startsWith('/v1/service_account')) {
        return Response.json({ objects: [account] })
      }
      if (r.path.startsWith('/v1/service_token') || r.path.startsWith('/v1/project')) {
        return Response.json({ objects: [] })
      }
      if (r.path.startsWith('/v1/acl/list_org')) {
        return Response.json([])
      }
      if (r.path === '/v1/acl/batch_update') {
        return Response.json({ added_acls: [], removed_acls: [] })
      }
      return undefined
    })
    await settle()
    expect(sent.some((r) => r.path.includes(`user_id=${SA_ID}`))).toBe(true)
    fireEvent.click(screen.getByRole('checkbox', { name: 'Read (all projects)' }))
    fireEvent.click(screen.getByRole('button', { name: 'Save permissions' }))
    await settle()
    expect(sent.find((r) => r.path === '/v1/acl/batch_update')?.body).toEqual({
      add_acls: [
        { object_type: 'org_project', object_id: ORG_ID, user_id: SA_ID, permission: 'read' },
      ],
      remove_acls: [],
    })
  })

  it('on Enterprise puts a service account in groups', async () => {
    const engineers = {
      id: '00000000-0000-4000-8000-0000000000b3',
      org_id: ORG_ID,
      user_id: null,
      created: null,
      name: 'Engineers',
      description: null,
      deleted_at: null,
      member_users: [],
      member_groups: [],
      builtin: 'engineers',
    }
    start(`/settings/service-tokens?org=acme&account=${SA_ID}`, 'enterprise', (r) => {
      if (r.path.startsWith('/v1/service_account')) {
        return Response.json({ objects: [account] })
      }
      if (r.path.startsWith('/v1/service_token')) {
        return Response.json({ objects: [] })
      }
      if (r.method === 'GET' && r.path.startsWith('/v1/group')) {
        return Response.json({ objects: [engineers] })
      }
      if (r.method === 'PATCH') {
        return Response.json({ ...engineers, member_users: [SA_ID] })
      }
      return undefined
    })
    await settle()
    const box = screen.getByRole('checkbox', { name: 'Member of Engineers' }) as HTMLInputElement
    expect(box.checked).toBe(false)
    fireEvent.click(box)
    await settle()
    expect(sent.find((r) => r.method === 'PATCH')).toEqual({
      method: 'PATCH',
      path: `/v1/group/${engineers.id}`,
      body: { add_member_users: [SA_ID] },
    })
    expect(
      (screen.getByRole('checkbox', { name: 'Member of Engineers' }) as HTMLInputElement).checked,
    ).toBe(true)
  })
})
