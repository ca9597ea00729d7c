import { type ReactNode, useEffect, useState } from 'react'
import { SECTION_LABELS } from '../pages/settings/sections.js'
import {
  HOME,
  Link,
  navigate,
  SETTINGS_SECTIONS,
  type SettingsSection,
  useLocation,
} from '../router.js'
import { useOptionalOrg, useSession } from '../session.js'
import { Button, EmptyState, useNotices } from '../ui/index.js'
import { useDocumentTitle } from './document-title.js'
import { OrgSwitcher } from './org-switcher.js'

/**
 * The logged-in frame: a header (product, organization switcher with the plan, the user, Log
 * out), the Settings sidebar (a menu button on narrow screens) and the page.
 */
export function AppShell({ section, children }: { section: SettingsSection; children: ReactNode }) {
  const session = useSession()
  const notices = useNotices()
  const current = useOptionalOrg()
  const location = useLocation()
  const [menuOpen, setMenuOpen] = useState(false)
  useDocumentTitle(SECTION_LABELS[section])

  // A link followed from the narrow-screen menu closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation on purpose
  useEffect(() => {
    setMenuOpen(false)
  }, [location.pathname])

  const logout = async () => {
    try {
      await session.logout()
      navigate('/login', { replace: true })
    } catch (err) {
      notices.error(err)
    }
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to={HOME} className="brand" markCurrent={false}>
          Gatehouse
        </Link>
        {current === undefined ? null : <OrgSwitcher />}
        <div className="topbar-user">
          <span className="user-email">{session.info?.user.email}</span>
          <Button size="small" variant="ghost" onClick={logout}>
            Log out
          </Button>
        </div>
      </header>
      <div className="shell-body">
        <nav className="sidebar" aria-label="Settings">
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="settings-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            Settings: {SECTION_LABELS[section]}
          </button>
          <ul id="settings-nav" className={menuOpen ? 'nav-list nav-open' : 'nav-list'}>
            {SETTINGS_SECTIONS.map((s) => (
              <li key={s}>
                <Link to={`/settings/${s}`}>{SECTION_LABELS[s]}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          {current === undefined ? (
            <EmptyState title="You are not in any organization">
              <p>
                Ask an owner to invite you, then open the invitation link. Your account stays, so
                you can log in again afterwards.
              </p>
            </EmptyState>
          ) : (
            // Each organization gets fresh pages: nothing loaded for one shows under another.
            <div key={current.org.id}>{children}</div>
          )}
        </main>
      </div>
    </div>
  )
}
