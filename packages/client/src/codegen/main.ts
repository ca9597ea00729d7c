import { readFileSync, writeFileSync } from 'node:fs'
import { formatSource } from './format-source.js'
import { generateClient } from './generate-client.js'
import type { OpenApiDocument } from './openapi-document.js'

// `npm run generate -w @gatehouse/client`: src/generated/* from the committed openapi.json.
// Runs from dist/codegen/ or src/codegen/: both sit four levels below the repository root.
const root = new URL('../../../../', import.meta.url)
const document = JSON.parse(readFileSync(new URL('openapi.json', root), 'utf8')) as OpenApiDocument
for (const [name, source] of Object.entries(generateClient(document))) {
  const path = `packages/client/src/generated/${name}`
  writeFileSync(new URL(path, root), formatSource(source, path))
  console.log(`wrote ${path}`)
}
