import { createClient, type SessionOrganization } from '@gatehouse/client'
import { act, render } from '@testing-library/react'
import { App } from '../app.js'

/*
 * Test support for the Settings pages: the app against the real client and a fetch that answers
 * from a handler, so tests see the requests the server would get.
 */

export interface Sent {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly body: unknown
}

export type Handler = (sent: Sent) => Response | undefined

export const ME = '00000000-0000-4000-8000-000000000001'

export function apiError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message, request_id: 'req-1' } }, { status })
}

/** One check of a `POST /v1/authorize` the app sends. */
export interface FakeCheck {
  readonly permission: string
  readonly object_type: string
  readonly object_id: string
}

/** Holds every permission everywhere, as an owner does. */
export const OWNER = (): boolean => true

/** Holds what an Engineer's group gives: create, read, update, delete on every project. */
export const ENGINEER = (c: FakeCheck): boolean =>
  ['org_project', 'project'].includes(c.object_type) &&
  ['create', 'read', 'update', 'delete'].includes(c.permission)

/** Holds what a Viewer's group gives: read on every project. */
export const VIEWER = (c: FakeCheck): boolean =>
  ['org_project', 'project'].includes(c.object_type) && c.permission === 'read'

/**
 * Renders the app at `path` logged in as ME in `org`; returns the requests it sends.
 * `/v1/authorize` is answered by `allowed` (an owner's answers unless told).
 */
export function startApp(
  path: string,
  org: SessionOrganization,
  handler: Handler,
  allowed: (check: FakeCheck) => boolean = OWNER,
): Sent[] {
  window.history.replaceState(null, '', path)
  const sent: Sent[] = []
  const client = createClient({
    fetch: async (input, init) => {
      const url = new URL(String(input), 'http://localhost')
      const request: Sent = {
        method: init?.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      }
      sent.push(request)
      if (request.path === '/auth/session') {
        return Response.json({
          user: { id: ME, email: 'me@acme.test', given_name: 'Me', family_name: null },
          organizations: [org],
          impersonator_user_id: null,
        })
      }
      if (request.method === 'POST' && request.path === '/v1/authorize') {
        const { checks } = request.body as { checks: FakeCheck[] }
        return Response.json({
          principal: {
            user_id: ME,
            kind: 'user',
            org_id: org.id,
            credential_kind: 'session',
            impersonator_user_id: null,
          },
          results: checks.map((c) => ({ allowed: allowed(c) })),
        })
      }
      return handler(request) ?? apiError(404, 'ROUTE_NOT_FOUND', 'No such route')
    },
  })
  render(<App client={client} />)
  return sent
}

/** Lets pending fetches and effects finish. */
export async function settle() {
  for (let i = 0; i < 6; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
  }
}
