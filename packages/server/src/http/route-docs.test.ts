import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { documentationApp } from '../app.js'
import { openApiDocument } from './openapi.js'
import { permissionsMarkdown, routeAccess } from './route-docs.js'

const root = new URL('../../../../', import.meta.url)
const app = documentationApp()
const doc = openApiDocument(app)

describe('the route table', () => {
  it('declares who may call every route and what it needs', () => {
    const routes = routeAccess(doc)
    expect(routes.length).toBeGreaterThan(40)
    for (const r of routes) {
      expect(['public', 'credential', 'session'], `${r.method} ${r.path}`).toContain(r.auth)
      expect(r.permission.length, `${r.method} ${r.path}`).toBeGreaterThan(0)
      expect(r.operationId.length, `${r.method} ${r.path}`).toBeGreaterThan(0)
    }
    const ids = routes.map((r) => r.operationId)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('matches the committed openapi.json (run `npm run docs` after changing a route)', () => {
    const committed = JSON.parse(readFileSync(new URL('openapi.json', root), 'utf8'))
    expect(JSON.parse(JSON.stringify(doc))).toEqual(committed)
  })

  it('matches the committed docs/permissions.md (run `npm run docs`)', () => {
    expect(readFileSync(new URL('docs/permissions.md', root), 'utf8')).toBe(
      permissionsMarkdown(app),
    )
  })
})
