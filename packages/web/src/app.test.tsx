// @vitest-environment happy-dom
import {
  createClient,
  csrfTokenFromCookie,
  type SessionInfo,
  type SessionOrganization,
} from '@gatehouse/client'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBrowserClient, SESSION_ENDED_EVENT } from './api.js'
import { App } from './app.js'
import { captureUrlSecret, forgetUrlSecret } from './router.js'

/*
 * The app against a fake API: the real client and a fetch that answers from a table, so these
 * tests see the same requests the server would.
 */

interface Sent {
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body: unknown
}

type Handler = (sent: Sent) => Response | undefined

const ORG_A = {
  id: '00000000-0000-4000-8000-00000000000a',
  name: 'acme',
  plan: 'enterprise' as const,
}
const ORG_B = { id: '00000000-0000-4000-8000-00000000000b', name: 'beta', plan: 'starter' as const }

function sessionInfo(orgs: SessionOrganization[] = [ORG_A]): SessionInfo {
  return {
    user: {
      id: '00000000-0000-4000-8000-000000000001',
      email: 'owner@acme.test',
      given_name: null,
      family_name: null,
    },
    organizations: orgs,
    impersonator_user_id: null,
  }
}

const unauthenticated = () =>
  Response.json(
    {
      error: {
        code: 'UNAUTHENTICATED',
        message: 'Credentials are missing or invalid',
        request_id: 'r0',
      },
    },
    { status: 401 },
  )

let sent: Sent[]

function start(path: string, handler: Handler) {
  window.history.replaceState(null, '', path)
  captureUrlSecret()
  sent = []
  const client = createClient({
    csrfToken: () => csrfTokenFromCookie(document.cookie),
    fetch: async (input, init) => {
      const url = new URL(String(input), 'http://localhost')
      const headers: Record<string, string> = {}
      new Headers(init?.headers).forEach((value, name) => {
        headers[name] = value
      })
      const request: Sent = {
        method: init?.method ?? 'GET',
        path: `${url.pathname}${url.search}`,
        headers,
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      }
      sent.push(request)
      return (
        handler(request) ??
        Response.json(
          { error: { code: 'ROUTE_NOT_FOUND', message: 'No such route', request_id: 'x' } },
          { status: 404 },
        )
      )
    },
  })
  return render(<App client={client} />)
}

/** Lets pending fetches and effects finish. */
async function settle() {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
  }
}

/** The alert (of several: the form's, the notice area's) that contains `text`. */
function alertWith(text: string): HTMLElement {
  const found = screen.getAllByRole('alert').find((e) => e.textContent?.includes(text))
  if (found === undefined) {
    throw new Error(`no alert says: ${text}`)
  }
  return found
}

function here() {
  return `${window.location.pathname}${window.location.search}`
}

/** Plays the server setting (or clearing) the readable CSRF cookie. */
function setCookie(value: string) {
  // biome-ignore lint/suspicious/noDocumentCookie: happy-dom's document.cookie is the cookie jar here
  document.cookie = value
}

beforeEach(() => {
  window.localStorage.clear()
  setCookie('gatehouse_csrf=; max-age=0')
  forgetUrlSecret()
})

afterEach(() => {
  cleanup()
})

describe('logging in', () => {
  it('sends a logged-out visitor to the login page, remembering where they were going', async () => {
    start('/settings/groups?org=acme', (r) =>
      r.path === '/auth/session' ? unauthenticated() : undefined,
    )
    await settle()
    expect(here()).toBe(`/login?next=${encodeURIComponent('/settings/groups?org=acme')}`)
    expect(screen.getByRole('heading', { name: 'Log in' })).toBeDefined()
  })

  it('checks the form before sending anything', async () => {
    start('/login', (r) => (r.path === '/auth/session' ? unauthenticated() : undefined))
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }))
    await settle()
    expect(screen.getByText('Enter your email address')).toBeDefined()
    expect(screen.getByText('Enter your password')).toBeDefined()
    expect(sent.filter((r) => r.path === '/auth/login')).toEqual([])
  })

  it('shows the throttling message with when to try again', async () => {
    start('/login', (r) => {
      if (r.path === '/auth/session') {
        return unauthenticated()
      }
      if (r.path === '/auth/login') {
        return Response.json(
          {
            error: {
              code: 'RATE_LIMITED',
              message: 'Too many requests; retry later',
              request_id: 'r1',
              details: { retry_after_seconds: 1740 },
            },
          },
          { status: 429, headers: { 'retry-after': '1740' } },
        )
      }
      return undefined
    })
    await settle()
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'owner@acme.test' } })
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } })
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }))
    await settle()
    expect(alertWith('Too many requests; retry later').textContent).toContain(
      'Try again in 29 minutes',
    )
  })

  it('logs in, then goes where the user was going, with the header filled in', async () => {
    start(`/login?next=${encodeURIComponent('/settings/projects')}`, (r) => {
      if (r.path === '/auth/session') {
        return unauthenticated()
      }
      if (r.path === '/auth/login') {
        return Response.json(sessionInfo())
      }
      return undefined
    })
    await settle()
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: ' owner@acme.test ' } })
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a long password' } })
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }))
    await settle()
    expect(sent.find((r) => r.path === '/auth/login')?.body).toEqual({
      email: 'owner@acme.test',
      password: 'a long password',
    })
    expect(here()).toBe('/settings/projects')
    expect(screen.getByRole('heading', { name: 'Projects' })).toBeDefined()
    const banner = screen.getByRole('banner')
    expect(banner.textContent).toContain('acme')
    expect(banner.textContent).toContain('Enterprise')
    expect(banner.textContent).toContain('owner@acme.test')
    const nav = screen.getByRole('navigation', { name: 'Settings' })
    expect(within(nav).getByRole('link', { name: 'Projects' }).getAttribute('aria-current')).toBe(
      'page',
    )
    expect(document.title).toBe('Projects · Gatehouse')
  })
})

describe('the app shell', () => {
  it('switches organizations through the URL and shows each plan', async () => {
    start('/', (r) =>
      r.path === '/auth/session' ? Response.json(sessionInfo([ORG_A, ORG_B])) : undefined,
    )
    await settle()
    expect(here()).toBe('/settings/members')
    const switcher = screen.getByLabelText('Organization') as HTMLSelectElement
    expect(switcher.value).toBe('acme')
    fireEvent.change(switcher, { target: { value: 'beta' } })
    await settle()
    expect(here()).toBe('/settings/members?org=beta')
    expect(screen.getByRole('banner').textContent).toContain('Starter')
    expect(window.localStorage.getItem('gatehouse.org')).toBe('beta')
    // Links keep the organization.
    const groups = screen.getByRole('link', { name: 'Permission groups' })
    expect(groups.getAttribute('href')).toBe('/settings/groups?org=beta')
    fireEvent.click(groups)
    await settle()
    expect(here()).toBe('/settings/groups?org=beta')
  })

  it('logs out with the CSRF header and lands on the login page', async () => {
    setCookie('gatehouse_csrf=csrf-value')
    start('/settings/members', (r) => {
      if (r.path === '/auth/session') {
        return Response.json(sessionInfo())
      }
      if (r.path === '/auth/logout') {
        return Response.json({ status: 'success' })
      }
      return undefined
    })
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }))
    await settle()
    const logout = sent.find((r) => r.path === '/auth/logout')
    expect(logout?.method).toBe('POST')
    expect(logout?.headers['x-csrf-token']).toBe('csrf-value')
    expect(here()).toBe('/login')
  })

  it('goes back to the login page when a call finds the session gone', async () => {
    let alive = true
    start('/settings/members', (r) => {
      if (r.path === '/auth/session') {
        return alive ? Response.json(sessionInfo()) : unauthenticated()
      }
      return undefined
    })
    await settle()
    alive = false
    // What the browser client does when an API call answers 401 (tested below).
    act(() => {
      window.dispatchEvent(new Event(SESSION_ENDED_EVENT))
    })
    await settle()
    expect(here()).toBe(`/login?next=${encodeURIComponent('/settings/members')}`)
  })
})

describe('createBrowserClient', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('reports a 401 from the API as the end of the session, but not one from /auth/', async () => {
    const calls: string[] = []
    vi.stubGlobal('fetch', async (input: string) => {
      calls.push(input)
      return unauthenticated()
    })
    let ended = 0
    const listener = () => {
      ended += 1
    }
    window.addEventListener(SESSION_ENDED_EVENT, listener)
    try {
      const client = createBrowserClient()
      await expect(client.auth.session()).rejects.toMatchObject({ status: 401 })
      expect(ended).toBe(0)
      await expect(client.projects.list()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
      expect(ended).toBe(1)
      expect(calls).toEqual(['/auth/session', '/v1/project'])
    } finally {
      window.removeEventListener(SESSION_ENDED_EVENT, listener)
    }
  })
})

describe('first run', () => {
  it('takes the token out of the address bar and sends it in the body', async () => {
    start('/setup?token=setup-secret-1', (r) => {
      if (r.path === '/auth/session') {
        return unauthenticated()
      }
      if (r.path === '/auth/setup') {
        return Response.json(sessionInfo())
      }
      return undefined
    })
    expect(here()).toBe('/setup')
    await settle()
    expect(screen.getByRole('heading', { name: 'Set up Gatehouse' })).toBeDefined()
    fireEvent.change(screen.getByLabelText('Organization name'), { target: { value: 'acme' } })
    fireEvent.change(screen.getByLabelText('Plan'), { target: { value: 'pro' } })
    fireEvent.change(screen.getByLabelText('Your email'), { target: { value: 'owner@acme.test' } })
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a long password' } })
    fireEvent.change(screen.getByLabelText('Confirm password'), {
      target: { value: 'a long password!' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Create organization' }))
    await settle()
    expect(screen.getByText('The passwords do not match')).toBeDefined()
    expect(sent.some((r) => r.path === '/auth/setup')).toBe(false)
    fireEvent.change(screen.getByLabelText('Confirm password'), {
      target: { value: 'a long password' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Create organization' }))
    await settle()
    expect(sent.find((r) => r.path === '/auth/setup')?.body).toEqual({
      token: 'setup-secret-1',
      org_name: 'acme',
      plan: 'pro',
      email: 'owner@acme.test',
      password: 'a long password',
    })
    expect(here()).toBe('/settings/members?org=acme')
    expect(sent.every((r) => !r.path.includes('setup-secret-1'))).toBe(true)
  })

  it('explains what to do when the page is opened without its link', async () => {
    start('/setup', (r) => (r.path === '/auth/session' ? unauthenticated() : undefined))
    await settle()
    expect(screen.getByText(/one-time setup link/)).toBeDefined()
    expect(screen.queryByRole('button', { name: 'Create organization' })).toBeNull()
  })
})

describe('invitations', () => {
  const preview = (accountExists: boolean) =>
    Response.json({
      org_id: ORG_A.id,
      org_name: 'acme',
      email: 'ada@acme.test',
      account_exists: accountExists,
      expires_at: '2030-01-01T00:00:00.000Z',
    })

  it('creates the account with a password, joins and logs in', async () => {
    start('/invite/inv-token-9', (r) => {
      if (r.path === '/auth/session') {
        return unauthenticated()
      }
      if (r.path === '/v1/invitation/preview') {
        return preview(false)
      }
      if (r.path === '/v1/invitation/accept') {
        return Response.json({
          user_id: sessionInfo().user.id,
          org_id: ORG_A.id,
          created_user: true,
        })
      }
      if (r.path === '/auth/login') {
        return Response.json({
          ...sessionInfo(),
          user: { ...sessionInfo().user, email: 'ada@acme.test' },
        })
      }
      return undefined
    })
    expect(here()).toBe('/invite')
    await settle()
    expect(sent.find((r) => r.path === '/v1/invitation/preview')?.body).toEqual({
      token: 'inv-token-9',
    })
    expect(screen.getByText(/You are invited to/).textContent).toContain('ada@acme.test')
    fireEvent.change(screen.getByLabelText('Choose a password'), { target: { value: 'short' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create account and join' }))
    await settle()
    expect(screen.getByText('Passwords must be at least 8 characters long')).toBeDefined()
    fireEvent.change(screen.getByLabelText('Choose a password'), {
      target: { value: 'a long password' },
    })
    fireEvent.change(screen.getByLabelText('Confirm password'), {
      target: { value: 'a long password' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Create account and join' }))
    await settle()
    expect(sent.find((r) => r.path === '/v1/invitation/accept')?.body).toEqual({
      token: 'inv-token-9',
      password: 'a long password',
    })
    expect(sent.find((r) => r.path === '/auth/login')?.body).toEqual({
      email: 'ada@acme.test',
      password: 'a long password',
    })
    expect(here()).toBe('/settings/members?org=acme')
  })

  it('joins with the account that is logged in when it is the invited one', async () => {
    const ada = { ...sessionInfo([]), user: { ...sessionInfo().user, email: 'Ada@acme.test' } }
    let joined = false
    start('/invite/inv-token-10', (r) => {
      if (r.path === '/auth/session') {
        return Response.json(joined ? { ...ada, organizations: [ORG_A] } : ada)
      }
      if (r.path === '/v1/invitation/preview') {
        return preview(true)
      }
      if (r.path === '/v1/invitation/accept') {
        joined = true
        return Response.json({ user_id: ada.user.id, org_id: ORG_A.id, created_user: false })
      }
      return undefined
    })
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Join with this account' }))
    await settle()
    expect(sent.find((r) => r.path === '/v1/invitation/accept')?.body).toEqual({
      token: 'inv-token-10',
    })
    expect(here()).toBe('/settings/members?org=acme')
    expect(screen.getByRole('heading', { name: 'Members' })).toBeDefined()
  })

  it("shows the API's message for a link that no longer works", async () => {
    start('/invite/old', (r) => {
      if (r.path === '/auth/session') {
        return unauthenticated()
      }
      if (r.path === '/v1/invitation/preview') {
        return Response.json(
          {
            error: {
              code: 'INVITATION_NOT_FOUND',
              message: 'Invitation not found or no longer valid',
              request_id: 'r',
            },
          },
          { status: 404 },
        )
      }
      return undefined
    })
    await settle()
    expect(alertWith('Invitation not found or no longer valid')).toBeDefined()
  })
})
