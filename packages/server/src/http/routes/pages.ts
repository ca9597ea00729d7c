import { randomBytes } from 'node:crypto'
import { openApiDocument } from '../../app.js'
import type { App, AppContext } from '../context.js'
import { renderApiReference } from '../pages/api-reference.js'
import { renderInvitePage, renderSetupPage } from '../pages/forms.js'

/**
 * Server-rendered pages outside the JSON API: the first-run setup form, the invitation form and
 * the API reference. Each page gets a CSP nonce for its one inline script.
 */
function html(c: AppContext, render: (nonce: string) => string): Response {
  const nonce = randomBytes(16).toString('base64')
  c.header(
    'content-security-policy',
    `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  )
  return c.html(render(nonce))
}

export function registerPageRoutes(app: App): void {
  let reference: string | undefined
  app.get('/setup', (c) => html(c, renderSetupPage))
  app.get('/invite/:token', (c) => html(c, renderInvitePage))
  app.get('/docs', (c) => {
    reference ??= renderApiReference(openApiDocument(app))
    const page = reference
    return html(c, (nonce) => page.replaceAll('{{nonce}}', nonce))
  })
  app.get('/openapi.json', (c) => c.json(openApiDocument(app)))
  app.get('/', (c) => c.redirect('/docs'))
}
