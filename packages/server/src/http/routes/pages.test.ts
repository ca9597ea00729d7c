import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDeps } from '@gatehouse/core/testing'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../app.js'
import { loadConfig } from '../../config.js'
import { createServices } from '../services.js'
import { fileWithin, UI_CSP } from './pages.js'

const INDEX = `<!doctype html><html><head><title>Gatehouse</title>
<script type="module" src="/assets/index-Ab12Cd34.js"></script></head>
<body><div id="root"></div></body></html>`

let webDir: string
let outside: string

function appFor(dir: string) {
  const config = loadConfig({
    flags: { port: '0', db: 'sqlite::memory:' },
    env: { GATEHOUSE_WEB_DIR: dir },
  })
  return buildApp(createServices(createTestDeps(), config, pino({ level: 'silent' })))
}

beforeAll(() => {
  webDir = mkdtempSync(join(tmpdir(), 'gatehouse-web-'))
  mkdirSync(join(webDir, 'assets'))
  writeFileSync(join(webDir, 'index.html'), INDEX)
  writeFileSync(join(webDir, 'assets', 'index-Ab12Cd34.js'), 'console.log("ui")\n')
  writeFileSync(join(webDir, 'assets', 'index-Ef56Gh78.css'), 'body{margin:0}\n')
  writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  outside = `${webDir}-secret.txt`
  writeFileSync(outside, 'not for the browser')
})

afterAll(() => {
  rmSync(webDir, { recursive: true, force: true })
  rmSync(outside, { force: true })
})

describe('the Settings UI', () => {
  it.each([
    '/',
    '/login',
    '/settings/members',
    '/settings/api-keys',
    '/setup?token=abc123',
    '/invite/some-invitation-token',
  ])('GET %s answers index.html with the UI CSP and no long cache', async (path) => {
    const res = await appFor(webDir).request(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await res.text()).toBe(INDEX)
    expect(res.headers.get('content-security-policy')).toBe(UI_CSP)
    expect(res.headers.get('cache-control')).toBe('no-cache')
  })

  it('has a CSP that allows this origin only and no inline script', () => {
    expect(UI_CSP).toContain("default-src 'self'")
    expect(UI_CSP).toContain("script-src 'self'")
    expect(UI_CSP).not.toContain('unsafe-inline')
    expect(UI_CSP).toContain("frame-ancestors 'none'")
  })

  it('serves hashed assets with their content type and a year of immutable cache', async () => {
    const app = appFor(webDir)
    const js = await app.request('/assets/index-Ab12Cd34.js')
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await js.text()).toBe('console.log("ui")\n')
    const css = await app.request('/assets/index-Ef56Gh78.css')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    const icon = await app.request('/favicon.svg')
    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-type')).toBe('image/svg+xml')
    expect(icon.headers.get('cache-control')).toBe('public, max-age=3600')
  })

  it('answers 404 in the error envelope for a missing asset, not index.html', async () => {
    const res = await appFor(webDir).request('/assets/nope-123.js')
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ROUTE_NOT_FOUND')
  })

  it('never serves a file outside the UI folder', async () => {
    const app = appFor(webDir)
    const name = outside.slice(outside.lastIndexOf('/') + 1)
    for (const path of [`/assets/..%2F..%2F${name}`, `/assets/%2e%2e/%2e%2e/${name}`]) {
      const res = await app.request(path)
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain('not for the browser')
    }
    expect(fileWithin(webDir, `/assets/../../${name}`)).toBeUndefined()
    expect(fileWithin(webDir, '/assets/%00.js')).toBeUndefined()
    expect(fileWithin(webDir, '/assets/%E0%A4%A.js')).toBeUndefined()
    expect(fileWithin(webDir, '/assets/a.js')).toBe(join(webDir, 'assets', 'a.js'))
  })

  it('keeps the API reference and the OpenAPI document', async () => {
    const app = appFor(webDir)
    const docs = await app.request('/docs')
    expect(docs.status).toBe(200)
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/)
    const spec = await app.request('/openapi.json')
    expect(((await spec.json()) as { openapi: string }).openapi).toBe('3.1.0')
  })

  it('says how to build the UI when its folder is missing, and the API still answers', async () => {
    const app = appFor(join(webDir, 'not-there'))
    const res = await app.request('/settings/members')
    expect(res.status).toBe(503)
    const text = await res.text()
    expect(text).toContain('The Settings UI is not built')
    expect(text).toContain('npm run build')
    expect((await app.request('/healthz')).status).toBe(200)
  })
})

// The real build, when there is one (npm ci builds it): index.html names assets that exist.
const BUILT = new URL('../../../../web/dist/', import.meta.url)
describe.skipIf(!existsSync(new URL('index.html', BUILT)))(
  'the built UI in packages/web/dist',
  () => {
    it('is found by default and its script loads as JavaScript', async () => {
      const app = buildApp(
        createServices(
          createTestDeps(),
          loadConfig({ flags: { port: '0', db: 'sqlite::memory:' }, env: {} }),
          pino({ level: 'silent' }),
        ),
      )
      const index = await app.request('/settings/members')
      expect(index.status).toBe(200)
      const html = await index.text()
      expect(html).toContain('<title>Gatehouse</title>')
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
      const script = /<script[^>]*src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
      expect(script).toBeDefined()
      expect(readdirSync(new URL('assets/', BUILT)).length).toBeGreaterThan(0)
      const js = await app.request(script ?? '')
      expect(js.status).toBe(200)
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    })
  },
)
