import { readFileSync, writeFileSync } from 'node:fs'
import { documentationApp, openApiDocument, permissionsMarkdown } from '@gatehouse/server'
import { withErrorTable } from './docs-gen.js'

// `npm run docs`: what is generated from the code (openapi.json, docs/permissions.md, the error
// table of docs/access-model.md), so that tests can fail when the committed copies drift.
const root = new URL('../../../', import.meta.url)
const app = documentationApp()
writeFileSync(new URL('openapi.json', root), `${JSON.stringify(openApiDocument(app), null, 2)}\n`)
writeFileSync(new URL('docs/permissions.md', root), permissionsMarkdown(app))
const modelDoc = new URL('docs/access-model.md', root)
writeFileSync(modelDoc, withErrorTable(readFileSync(modelDoc, 'utf8')))
console.log('wrote openapi.json, docs/permissions.md and the error table of docs/access-model.md')
