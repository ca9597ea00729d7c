import type { ReactNode } from 'react'
import { useDocumentTitle } from './document-title.js'

/** The frame of the pages before the Settings: log in, first run, invitations. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title)
  return (
    <div className="auth">
      <main id="main" className="auth-card">
        <p className="auth-brand" aria-hidden="true">
          Gatehouse
        </p>
        {children}
      </main>
      <p className="auth-footer">
        The REST API is described at <a href="/docs">/docs</a>.
      </p>
    </div>
  )
}
