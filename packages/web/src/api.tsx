import { createClient, csrfTokenFromCookie, type GatehouseClient } from '@gatehouse/client'
import { createContext, type ReactNode, useContext } from 'react'

/** Fired when the API answers 401 to a page's call: the session ended (expired, logged out). */
export const SESSION_ENDED_EVENT = 'gatehouse:session-ended'

/**
 * The UI's client: same origin, the session cookie, and the CSRF token read from the readable
 * `gatehouse_csrf` cookie on each write. A 401 outside /auth/ tells the session to end.
 */
export function createBrowserClient(): GatehouseClient {
  return createClient({
    csrfToken: () => csrfTokenFromCookie(document.cookie),
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, init)
      if (response.status === 401 && !String(input).startsWith('/auth/')) {
        window.dispatchEvent(new Event(SESSION_ENDED_EVENT))
      }
      return response
    },
  })
}

let browserClient: GatehouseClient | undefined

function theBrowserClient(): GatehouseClient {
  browserClient ??= createBrowserClient()
  return browserClient
}

const ClientContext = createContext<GatehouseClient | undefined>(undefined)

/** Provides the API client to the pages (tests pass a fake one). */
export function ClientProvider({
  client,
  children,
}: {
  client?: GatehouseClient
  children: ReactNode
}) {
  return (
    <ClientContext.Provider value={client ?? theBrowserClient()}>{children}</ClientContext.Provider>
  )
}

/** The typed API client (`@gatehouse/client`): `useClient().projects.list({ org_name })`. */
export function useClient(): GatehouseClient {
  const client = useContext(ClientContext)
  if (client === undefined) {
    throw new Error('useClient() needs a <ClientProvider> above it')
  }
  return client
}
