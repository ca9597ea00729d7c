import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from './cli.js'
import { errorTableRows, withErrorTable } from './docs-gen.js'

const root = new URL('../../../', import.meta.url)
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8')

describe('the docs match the code', () => {
  it('lists every error code with its kind, statuses and exact message (npm run docs)', () => {
    const doc = read('docs/access-model.md')
    expect(doc).toBe(withErrorTable(doc))
    for (const row of errorTableRows()) {
      expect(doc).toContain(row)
    }
  })

  it('documents every command of the CLI', () => {
    const doc = read('docs/cli.md')
    for (const command of COMMANDS) {
      expect(doc, command.name).toContain(`### \`gatehouse ${command.name}`)
    }
  })

  it('shows the README bootstrap command the CI smoke run executes', () => {
    const command =
      "echo 'a long password' | npx gatehouse bootstrap --org acme --email owner@acme.test --password-stdin --json"
    expect(read('README.md')).toContain(command)
    expect(read('.ci/run')).toContain('npx gatehouse bootstrap --org acme --email owner@acme.test')
  })
})
