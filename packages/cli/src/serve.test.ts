import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli, tempSqlite } from './testing/harness.js'

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

let db: ReturnType<typeof tempSqlite>
let child: ChildProcess | undefined

beforeEach(() => {
  db = tempSqlite()
})

afterEach(() => {
  child?.kill('SIGKILL')
  child = undefined
  db.cleanup()
})

/** Starts the built binary and resolves with what it printed once `pattern` appears. */
function start(args: string[]): Promise<{ proc: ChildProcess; output: () => string }> {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} does not exist: run npm run build (npm ci does it) before the tests`)
  }
  const proc = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', GATEHOUSE_DATABASE_URL: db.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = proc
  let text = ''
  proc.stdout?.on('data', (d: Buffer) => {
    text += d.toString('utf8')
  })
  proc.stderr?.on('data', (d: Buffer) => {
    text += d.toString('utf8')
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no start-up line within 20 s:\n${text}`)),
      20_000,
    )
    const poll = setInterval(() => {
      if (/this link works once/.test(text) || /serving at http/.test(text)) {
        clearInterval(poll)
        clearTimeout(timer)
        // Give the setup lines a moment to follow the first one.
        setTimeout(() => resolve({ proc, output: () => text }), 100)
      }
    }, 20)
    proc.once('exit', (code) => {
      clearInterval(poll)
      clearTimeout(timer)
      reject(new Error(`exited with ${code}:\n${text}`))
    })
  })
}

describe('gatehouse serve / start', () => {
  it('serves on a fresh database, prints a one-time setup link, and stops on SIGTERM', async () => {
    const { proc, output } = await start(['serve', '--port', '0'])
    const url = /serving at (http:\/\/[^\s]+)/.exec(output())?.[1]
    const setup = /(http:\/\/\S+\/setup\?token=([0-9A-Za-z]+))/.exec(output())
    expect(url).toBeDefined()
    expect(setup).not.toBeNull()
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    expect((await fetch(`${url}/readyz`)).status).toBe(200)
    const page = await fetch(setup?.[1] ?? '')
    expect(page.status).toBe(200)
    // The Settings UI's index.html (built by npm ci / npm run build); its router shows setup.
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await page.text()).toContain('<title>Gatehouse</title>')

    const created = await fetch(`${url}/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: setup?.[2],
        org_name: 'acme',
        email: 'owner@acme.test',
        password: 'a long password',
      }),
    })
    expect(created.status).toBe(200)
    expect(created.headers.get('set-cookie')).toMatch(/gatehouse_session=.*HttpOnly/i)
    const reused = await fetch(`${url}/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: setup?.[2],
        org_name: 'other',
        email: 'x@acme.test',
        password: 'a long password',
      }),
    })
    expect(reused.status).toBe(404)

    const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve))
    proc.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(output()).toContain('SIGTERM: finishing requests in flight')
  })

  it('prints no setup link once an organization exists', async () => {
    const boot = await runCli(
      ['bootstrap', '--db', db.url, '--org', 'acme', '--email', 'o@acme.test', '--password-stdin'],
      { stdin: 'a long password\n' },
    )
    expect(boot.code).toBe(0)
    const { output } = await start(['start', '--port', '0'])
    expect(output()).not.toContain('setup?token=')
  })

  it('refuses a bad setting before starting, naming it', async () => {
    const result = await runCli(['serve', '--port', 'eighty', '--db', db.url])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('PORT')
    const badDb = await runCli(['serve', '--db', 'mysql://nope'])
    expect(badDb.code).toBe(2)
    expect(badDb.stderr).toContain('GATEHOUSE_DATABASE_URL')
  })
})
