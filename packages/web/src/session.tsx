import type { SessionInfo, SessionOrganization } from '@gatehouse/client'
import { isGatehouseApiError } from '@gatehouse/client'
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react'
import { SESSION_ENDED_EVENT, useClient } from './api.js'
import { navigate, useLocation } from './router.js'

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'anonymous' }
  | { readonly status: 'authenticated'; readonly info: SessionInfo }
  | { readonly status: 'error'; readonly error: Error }

export interface SessionValue {
  readonly state: SessionState
  /** The logged-in user and their organizations; undefined unless authenticated. */
  readonly info: SessionInfo | undefined
  /** Records the session the API answered a login, setup or invitation with. */
  signedIn(info: SessionInfo): void
  /** Asks the API again who is logged in (after joining an org, say). */
  refresh(): Promise<void>
  /** Ends the session on the server and here. */
  logout(): Promise<void>
}

const SessionContext = createContext<SessionValue | undefined>(undefined)

/** Who is logged in: asked once at start, then kept up to date by login, logout and 401s. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useClient()
  const [state, setState] = useState<SessionState>({ status: 'loading' })

  const refresh = useCallback(async () => {
    try {
      setState({ status: 'authenticated', info: await client.auth.session() })
    } catch (err) {
      if (isGatehouseApiError(err) && err.status === 401) {
        setState({ status: 'anonymous' })
      } else {
        setState({ status: 'error', error: err instanceof Error ? err : new Error(String(err)) })
      }
    }
  }, [client])

  useEffect(() => {
    void refresh()
  }, [refresh])

  useEffect(() => {
    const ended = () =>
      setState((s) => (s.status === 'authenticated' ? { status: 'anonymous' } : s))
    window.addEventListener(SESSION_ENDED_EVENT, ended)
    return () => window.removeEventListener(SESSION_ENDED_EVENT, ended)
  }, [])

  const logout = useCallback(async () => {
    try {
      await client.auth.logout()
    } catch (err) {
      // A session that already ended is logged out all the same.
      if (!(isGatehouseApiError(err) && err.status === 401)) {
        throw err
      }
    }
    setState({ status: 'anonymous' })
  }, [client])

  const value = useMemo<SessionValue>(
    () => ({
      state,
      info: state.status === 'authenticated' ? state.info : undefined,
      signedIn: (info) => setState({ status: 'authenticated', info }),
      refresh,
      logout,
    }),
    [state, refresh, logout],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

/** The session: `useSession().info?.user.email`, `signedIn`, `refresh`, `logout`. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext)
  if (value === undefined) {
    throw new Error('useSession() needs a <SessionProvider> above it')
  }
  return value
}

/** The organization name remembered between visits (a name, never a secret). */
const REMEMBERED_ORG = 'gatehouse.org'

function remembered(): string | null {
  try {
    return window.localStorage.getItem(REMEMBERED_ORG)
  } catch {
    return null
  }
}

function remember(name: string): void {
  try {
    window.localStorage.setItem(REMEMBERED_ORG, name)
  } catch {
    // Storage may be off (private windows): the URL still carries the organization.
  }
}

/** The organization to show: the one the URL names, else the remembered one, else the first. */
export function pickOrg(
  orgs: readonly SessionOrganization[],
  wanted: string | null,
  rememberedName: string | null,
): SessionOrganization | undefined {
  return (
    orgs.find((o) => o.name === wanted) ?? orgs.find((o) => o.name === rememberedName) ?? orgs[0]
  )
}

export interface OrgValue {
  /** The organization the Settings pages work on (id, name, plan). */
  readonly org: SessionOrganization
  /** Every organization of the user, for the switcher. */
  readonly orgs: readonly SessionOrganization[]
  /** Shows another organization: kept in the URL (`?org=NAME`) and remembered by name. */
  switchOrg(name: string): void
}

function useOrgValue(): OrgValue | undefined {
  const { info } = useSession()
  const location = useLocation()
  const orgs = info?.organizations ?? []
  const org = pickOrg(orgs, location.query.get('org'), remembered())
  if (org === undefined) {
    return undefined
  }
  const switchOrg = (name: string) => {
    remember(name)
    const query = new URLSearchParams(location.search)
    query.set('org', name)
    navigate(`${location.pathname}?${query.toString()}`)
  }
  return { org, orgs, switchOrg }
}

/**
 * The current organization, for pages under Settings: `const { org } = useOrg()` then
 * `client.projects.list({ org_name: org.name })`. Pages remount when it changes.
 */
export function useOrg(): OrgValue {
  const value = useOrgValue()
  if (value === undefined) {
    throw new Error('useOrg() needs a logged-in user with an organization')
  }
  return value
}

/** Like {@link useOrg}, but undefined when the user belongs to no organization. */
export function useOptionalOrg(): OrgValue | undefined {
  return useOrgValue()
}
