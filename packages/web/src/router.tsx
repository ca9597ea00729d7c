import {
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  useEffect,
  useMemo,
  useSyncExternalStore,
} from 'react'

/*
 * A tiny history-API router: the paths are few and fixed, so a table and `matchRoute` do what a
 * router library would. Everything above the hooks is pure and unit-tested.
 */

/** The Settings sections, in sidebar order; each is `/settings/<section>`. */
export const SETTINGS_SECTIONS = [
  'members',
  'groups',
  'projects',
  'api-keys',
  'service-tokens',
  'audit-log',
  'why',
] as const
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number]

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'login' }
  | { readonly name: 'logout' }
  | { readonly name: 'setup' }
  | { readonly name: 'invite' }
  | { readonly name: 'settings'; readonly section: SettingsSection }
  | { readonly name: 'not-found' }

/** Where a logged-in user lands. */
export const HOME = '/settings/members'

function isSection(value: string): value is SettingsSection {
  return (SETTINGS_SECTIONS as readonly string[]).includes(value)
}

/** The route a path names (trailing slashes ignored; the query plays no part). */
export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/'
  const parts = path.split('/').slice(1)
  if (path === '/' || path === '/settings') {
    return { name: 'home' }
  }
  if (path === '/login' || path === '/logout' || path === '/setup') {
    return { name: path.slice(1) as 'login' | 'logout' | 'setup' }
  }
  // /invite/{token} only until the token is taken out of the address bar; /invite after that.
  if (parts[0] === 'invite' && parts.length <= 2) {
    return { name: 'invite' }
  }
  if (parts[0] === 'settings' && parts.length === 2 && isSection(parts[1] ?? '')) {
    return { name: 'settings', section: parts[1] as SettingsSection }
  }
  return { name: 'not-found' }
}

/** A one-time secret that arrived in the address bar: the setup token or an invitation token. */
export interface UrlSecret {
  readonly kind: 'setup' | 'invite'
  readonly token: string
}

/**
 * Splits a secret off a URL: `/setup?token=T` becomes `/setup` (other parameters kept) and
 * `/invite/T` becomes `/invite`. `url` is what the address bar should show instead.
 */
export function splitUrlSecret(
  pathname: string,
  search: string,
): { secret: UrlSecret | undefined; url: string } {
  const params = new URLSearchParams(search)
  const path = pathname.replace(/\/+$/, '') || '/'
  if (path === '/setup') {
    const token = params.get('token')
    params.delete('token')
    const rest = params.toString()
    const url = `/setup${rest === '' ? '' : `?${rest}`}`
    return { secret: token ? { kind: 'setup', token } : undefined, url }
  }
  const invite = /^\/invite\/([^/]+)$/.exec(path)
  if (invite?.[1] !== undefined) {
    let token: string
    try {
      token = decodeURIComponent(invite[1])
    } catch {
      token = invite[1]
    }
    return { secret: { kind: 'invite', token }, url: `/invite${search}` }
  }
  return { secret: undefined, url: `${pathname}${search}` }
}

/**
 * A `?next=` target that is safe to follow: a path on this origin (never `//host` or a
 * scheme), and not a page that would send the user straight back.
 */
export function safeNext(next: string | null | undefined): string {
  if (
    next === null ||
    next === undefined ||
    !next.startsWith('/') ||
    next.startsWith('//') ||
    next.startsWith('/\\') ||
    [...next].some((ch) => ch.charCodeAt(0) < 0x20)
  ) {
    return HOME
  }
  const route = matchRoute(next.split(/[?#]/)[0] ?? '/')
  if (route.name === 'login' || route.name === 'logout' || route.name === 'not-found') {
    return HOME
  }
  return next
}

/** Query parameters that follow the user from page to page (the current organization). */
export const KEPT_PARAMS = ['org'] as const

/** `to`, with the kept parameters of the current query added where `to` does not set them. */
export function withKeptQuery(to: string, currentSearch: string): string {
  const hash = to.indexOf('#')
  const beforeHash = hash < 0 ? to : to.slice(0, hash)
  const fragment = hash < 0 ? '' : to.slice(hash)
  const q = beforeHash.indexOf('?')
  const path = q < 0 ? beforeHash : beforeHash.slice(0, q)
  const params = new URLSearchParams(q < 0 ? '' : beforeHash.slice(q + 1))
  const current = new URLSearchParams(currentSearch)
  for (const name of KEPT_PARAMS) {
    const value = current.get(name)
    if (value !== null && !params.has(name)) {
      params.set(name, value)
    }
  }
  const query = params.toString()
  return `${path}${query === '' ? '' : `?${query}`}${fragment}`
}

// ---- The browser side -------------------------------------------------------------------

let captured: UrlSecret | undefined

/**
 * Takes a setup or invitation token out of the address bar (history.replaceState) and keeps it
 * in memory only. main.tsx calls this once, before the first render.
 */
export function captureUrlSecret(): void {
  const { secret, url } = splitUrlSecret(window.location.pathname, window.location.search)
  if (secret !== undefined) {
    captured = secret
    window.history.replaceState(window.history.state, '', `${url}${window.location.hash}`)
  }
}

/** The token captured from the address bar for this kind of page, if any. */
export function urlSecret(kind: UrlSecret['kind']): string | undefined {
  return captured?.kind === kind ? captured.token : undefined
}

/** Drops the captured token once it has served its purpose. */
export function forgetUrlSecret(): void {
  captured = undefined
}

const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

function snapshot(): string {
  return `${window.location.pathname}${window.location.search}`
}

/** Goes to `to` (a path on this origin) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) {
    return
  }
  if (options.replace === true) {
    window.history.replaceState(null, '', to)
  } else {
    window.history.pushState(null, '', to)
  }
  for (const listener of listeners) {
    listener()
  }
}

export interface Location {
  readonly pathname: string
  readonly search: string
  readonly query: URLSearchParams
}

/** The current path and query; the component re-renders when they change. */
export function useLocation(): Location {
  const current = useSyncExternalStore(subscribe, snapshot, () => '/')
  return useMemo(() => {
    const q = current.indexOf('?')
    const pathname = q < 0 ? current : current.slice(0, q)
    const search = q < 0 ? '' : current.slice(q)
    return { pathname, search, query: new URLSearchParams(search) }
  }, [current])
}

/** One query parameter of the current URL (null when absent). */
export function useQueryParam(name: string): string | null {
  return useLocation().query.get(name)
}

/** Replaces the current URL with `to` once rendered (for pages that send the user elsewhere). */
export function Redirect({ to }: { to: string }): null {
  useEffect(() => {
    navigate(to, { replace: true })
  }, [to])
  return null
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** A path on this origin; the current `?org=` comes along unless `to` sets its own. */
  readonly to: string
  readonly children: ReactNode
  /** false: never marked as the current page (a logo link to the home page, say). */
  readonly markCurrent?: boolean
}

/**
 * An anchor that navigates without reloading (modified clicks still open new tabs), keeps the
 * current organization in the query, and marks itself `aria-current="page"` when it is where
 * the user is.
 */
export function Link({ to, children, onClick, markCurrent = true, ...rest }: LinkProps) {
  const location = useLocation()
  const href = withKeptQuery(to, location.search)
  const active = markCurrent && href.split(/[?#]/)[0] === location.pathname
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      (rest.target !== undefined && rest.target !== '_self')
    ) {
      return
    }
    event.preventDefault()
    navigate(href)
  }
  return (
    <a href={href} aria-current={active ? 'page' : undefined} onClick={follow} {...rest}>
      {children}
    </a>
  )
}
