import type { GatehouseClient } from '@gatehouse/client'
import { ClientProvider } from './api.js'
import { AppShell } from './layout/app-shell.js'
import { AuthLayout } from './layout/auth-layout.js'
import { InvitePage } from './pages/invite.js'
import { LoginPage } from './pages/login.js'
import { LogoutPage } from './pages/logout.js'
import { NotFoundPage } from './pages/not-found.js'
import { SECTION_PAGES } from './pages/settings/index.js'
import { SetupPage } from './pages/setup.js'
import { AbilitiesProvider } from './permissions.js'
import { HOME, matchRoute, Redirect, safeNext, useLocation } from './router.js'
import { SessionProvider, useSession } from './session.js'
import { Button, ErrorMessage, NoticeProvider, Spinner } from './ui/index.js'

/** Which page the current URL shows, given who is logged in. */
function Pages() {
  const location = useLocation()
  const session = useSession()
  const route = matchRoute(location.pathname)
  const { state } = session

  if (state.status === 'loading') {
    return (
      <div className="boot">
        <Spinner label="Loading Gatehouse…" />
      </div>
    )
  }
  if (state.status === 'error') {
    return (
      <AuthLayout title="Unavailable">
        <h1>Gatehouse is not answering</h1>
        <ErrorMessage error={state.error} />
        <Button onClick={() => session.refresh()}>Try again</Button>
      </AuthLayout>
    )
  }
  const loggedIn = state.status === 'authenticated'
  const here = `${location.pathname}${location.search}`

  switch (route.name) {
    case 'home':
      return <Redirect to={loggedIn ? `${HOME}${location.search}` : '/login'} />
    case 'login':
      return loggedIn ? <Redirect to={safeNext(location.query.get('next'))} /> : <LoginPage />
    case 'logout':
      return <LogoutPage />
    case 'setup':
      return <SetupPage />
    case 'invite':
      return <InvitePage />
    case 'settings': {
      if (!loggedIn) {
        return <Redirect to={`/login?next=${encodeURIComponent(here)}`} />
      }
      const Page = SECTION_PAGES[route.section]
      return (
        <AppShell section={route.section}>
          <Page />
        </AppShell>
      )
    }
    case 'not-found':
      return <NotFoundPage />
  }
}

/** The whole UI: the API client, notices, the session, and the page for the URL. */
export function App({ client }: { client?: GatehouseClient }) {
  return (
    <ClientProvider {...(client === undefined ? {} : { client })}>
      <NoticeProvider>
        <SessionProvider>
          <AbilitiesProvider>
            <Pages />
          </AbilitiesProvider>
        </SessionProvider>
      </NoticeProvider>
    </ClientProvider>
  )
}
