import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PASSWORD, tempSqlite } from './testing/harness.js'

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
const SHIM = fileURLToPath(new URL('../bin/gatehouse.js', import.meta.url))

let db: ReturnType<typeof tempSqlite>

beforeEach(() => {
  db = tempSqlite()
})

afterEach(() => {
  db.cleanup()
})

function requireBuilt(): void {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} does not exist: run npm run build (npm ci does it) before the tests`)
  }
}

describe('the built gatehouse binary', () => {
  it('bootstraps with the password on stdin and prints JSON', () => {
    requireBuilt()
    const result = spawnSync(
      process.execPath,
      [
        BIN,
        'bootstrap',
        '--db',
        db.url,
        '--org',
        'acme',
        '--email',
        'owner@acme.test',
        '--password-stdin',
        '--json',
      ],
      {
        input: `${PASSWORD}\n`,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
        timeout: 60_000,
      },
    )
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const body = JSON.parse(result.stdout) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(['org_id', 'user_id'])
    expect(result.stdout).not.toContain(PASSWORD)

    const again = spawnSync(
      process.execPath,
      [BIN, 'bootstrap', '--db', db.url, '--org', 'acme', '--email', 'owner@acme.test'],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
    )
    expect(again.status).toBe(5)
    expect(again.stderr).toContain('error: ORG_NAME_TAKEN')
  })

  it('is linked through an executable shim with a shebang', () => {
    requireBuilt()
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    const shim = readFileSync(SHIM, 'utf8')
    expect(shim.startsWith('#!/usr/bin/env node\n')).toBe(true)
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      bin: Record<string, string>
    }
    expect(pkg.bin.gatehouse).toBe('./bin/gatehouse.js')
    // Executable in git, so npx can run it even before npm sets the mode.
    expect(statSync(SHIM).mode & 0o111).not.toBe(0)
    const result = spawnSync(SHIM, ['--version'], { encoding: 'utf8', timeout: 60_000 })
    expect(result.error).toBeUndefined()
    expect(result.status).toBe(0)
    expect(result.stdout.trim()).toBe(readVersion())
  })
})

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  return pkg.version
}
