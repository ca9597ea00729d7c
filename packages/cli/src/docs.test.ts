import { readFileSync } from 'node:fs'
import { AppError, ERRORS, type ErrorCode, type ErrorKind } from '@gatehouse/core'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from './cli.js'
import { exitCodeOf } from './errors.js'

const root = new URL('../../../', import.meta.url)
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8')

const HTTP: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
}

describe('the docs match the code', () => {
  it('lists every error code with its kind, statuses and exact message', () => {
    const doc = read('docs/access-model.md')
    const rows = new Set(doc.split('\n').filter((line) => line.startsWith('| `')))
    const expected = Object.entries(ERRORS).map(([code, { kind, message }]) => {
      const exit = exitCodeOf(new AppError(code as ErrorCode))
      return `| \`${code}\` | ${kind} | ${HTTP[kind]} | ${exit} | ${message} |`
    })
    const missing = expected.filter((row) => !rows.has(row))
    expect(missing, 'docs/access-model.md: add or fix these rows of the error table').toEqual([])
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
