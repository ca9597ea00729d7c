import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { type App, type AppContext, configOf } from '../context.js'
import { openApiDocument } from '../openapi.js'
import { renderApiReference } from '../pages/api-reference.js'
import { escapeHtml, layout } from '../pages/layout.js'

/**
 * What the browser gets outside the JSON API: the Settings UI (packages/web/dist, one
 * index.html for every client-side path, hashed assets cached for a year) and the API reference.
 */

/** The UI's client-side paths: each answers index.html and the UI's router takes over. */
export const UI_PATHS = [
  '/',
  '/login',
  '/logout',
  '/setup',
  '/invite',
  '/invite/:token',
  '/settings',
  '/settings/*',
] as const

/** The built UI has no inline script or style: everything comes from this origin. */
export const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
}

/** Vite names every file in assets/ after its content hash: a changed file is a new URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** index.html names the current assets, so the browser must ask again each time. */
const REVALIDATE = 'no-cache'
/** Files at the root of dist (from web/public) keep their names across builds. */
const ROOT_FILES = ['/favicon.svg', '/robots.txt'] as const

function serverPage(c: AppContext, render: (nonce: string) => string): Response {
  const nonce = randomBytes(16).toString('base64')
  c.header(
    'content-security-policy',
    `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  )
  return c.html(render(nonce))
}

/** The file under `root` that a URL path names, or undefined when it would leave `root`. */
export function fileWithin(root: string, urlPath: string): string | undefined {
  let relative: string
  try {
    relative = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (relative.includes('\0')) {
    return undefined
  }
  const base = resolve(root)
  const file = resolve(base, `.${relative.startsWith('/') ? '' : '/'}${relative}`)
  return file.startsWith(base + sep) ? file : undefined
}

async function readIfFile(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
      return undefined
    }
    throw err
  }
}

async function serveFile(c: AppContext, urlPath: string, cacheControl: string) {
  const file = fileWithin(configOf(c).webDir, urlPath)
  const body = file === undefined ? undefined : await readIfFile(file)
  if (file === undefined || body === undefined) {
    return c.notFound()
  }
  c.header('content-type', CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream')
  c.header('cache-control', cacheControl)
  return c.body(new Uint8Array(body), 200)
}

async function serveIndex(c: AppContext): Promise<Response> {
  const webDir = configOf(c).webDir
  const file = fileWithin(webDir, '/index.html')
  const index = file === undefined ? undefined : await readIfFile(file)
  if (index === undefined) {
    c.status(503)
    return serverPage(c, (nonce) =>
      layout(
        nonce,
        'Settings UI not built',
        `<h1>The Settings UI is not built</h1>
<p>This server looks for it in <code>${escapeHtml(webDir)}</code>. Build it with <code>npm run build</code>
(<code>npm ci</code> does it too), or point <code>GATEHOUSE_WEB_DIR</code> at a built copy.</p>
<p>The API works without it: see <a href="/docs">/docs</a>.</p>`,
      ),
    )
  }
  c.header('content-security-policy', UI_CSP)
  c.header('cache-control', REVALIDATE)
  c.header('content-type', CONTENT_TYPES['.html'] ?? 'text/html')
  return c.body(new Uint8Array(index), 200)
}

export function registerPageRoutes(app: App): void {
  let reference: string | undefined
  for (const path of UI_PATHS) {
    app.get(path, serveIndex)
  }
  app.get('/assets/*', (c) => serveFile(c, c.req.path, IMMUTABLE))
  for (const path of ROOT_FILES) {
    app.get(path, (c) => serveFile(c, path, 'public, max-age=3600'))
  }
  app.get('/docs', (c) => {
    reference ??= renderApiReference(openApiDocument(app))
    const page = reference
    return serverPage(c, (nonce) => page.replaceAll('{{nonce}}', nonce))
  })
  app.get('/openapi.json', (c) => c.json(openApiDocument(app)))
}
