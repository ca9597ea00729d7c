import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { withDdlLock } from '@gatehouse/server'
import pg from 'pg'

/*
 * `gatehouse serve` as a child process of the built CLI, for the tests that need a real server
 * process: several nodes on one database, or a server killed with SIGKILL and started again.
 */

export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url))

const START_TIMEOUT_MS = 20_000
const STOP_GRACE_MS = 5_000

export interface ServerProcess {
  readonly name: string
  readonly url: string
  readonly proc: ChildProcess
  /** Everything it printed so far, for a failure message. */
  readonly output: () => string
}

/** @throws when the CLI was not built: the child runs dist/, not the sources. */
export function assertBuilt(): void {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} does not exist: run npm run build (npm ci does it) before the tests`)
  }
}

/**
 * Spawns `gatehouse serve` on `db` at a free loopback port and resolves once it says it is
 * serving. Every process goes into `children` first, so the caller can stop it even when start-up
 * fails.
 */
export function startServer(
  name: string,
  db: string,
  children: ChildProcess[],
  settings: Readonly<Record<string, string>> = {},
): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GATEHOUSE_DATABASE_URL: db,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  }
  // Settings from the developer's shell would change what the servers are asked to do.
  for (const setting of Object.keys(env)) {
    if (setting.startsWith('GATEHOUSE_') && setting !== 'GATEHOUSE_DATABASE_URL') {
      delete env[setting]
    }
  }
  Object.assign(env, settings)
  const proc = spawn(process.execPath, [BIN, 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(proc)
  let stdout = ''
  let stderr = ''
  const output = () => `${name} stderr:\n${stderr}\n${name} stdout:\n${stdout}`
  proc.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString('utf8')
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within ${START_TIMEOUT_MS} ms\n${output()}`)),
      START_TIMEOUT_MS,
    )
    proc.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString('utf8')
      const url = /Gatehouse is serving at (http:\/\/\S+)/.exec(stderr)?.[1]
      if (url !== undefined) {
        clearTimeout(timer)
        resolve({ name, url, proc, output })
      }
    })
    proc.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`${name} exited (${code ?? signal})\n${output()}`))
    })
  })
}

function exited(proc: ChildProcess): boolean {
  return proc.exitCode !== null || proc.signalCode !== null
}

/** SIGTERM, then SIGKILL if the process has not stopped within 5 s. */
export async function stopServer(proc: ChildProcess): Promise<void> {
  if (exited(proc)) {
    return
  }
  const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  proc.kill('SIGTERM')
  const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_GRACE_MS)
  await gone
  clearTimeout(timer)
}

/** SIGKILL: no request finishes, no handler runs, nothing is flushed. Resolves once it is gone. */
export async function killServer(proc: ChildProcess): Promise<void> {
  if (exited(proc)) {
    return
  }
  const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  proc.kill('SIGKILL')
  await gone
}

export interface Session {
  readonly cookie: string
  readonly csrf: string
}

/** Logs in with a password and returns the session cookie and its CSRF token. */
export async function logIn(url: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) {
    throw new Error(`login as ${email} answered ${res.status}: ${await res.text()}`)
  }
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '')
  const csrf = cookies.find((c) => c.startsWith('gatehouse_csrf='))?.slice('gatehouse_csrf='.length)
  const cookie = cookies.find((c) => c.startsWith('gatehouse_session='))
  if (csrf === undefined || cookie === undefined) {
    throw new Error(`login set no session: ${cookies.join(', ')}`)
  }
  return { cookie, csrf }
}

/** The headers a session's write request carries. */
export function sessionHeaders(session: Session): Record<string, string> {
  return {
    cookie: session.cookie,
    'x-csrf-token': session.csrf,
    'content-type': 'application/json',
  }
}

/** Drops a test's schema, under the server's DDL lock so it never overlaps a migration. */
export async function dropTestSchema(base: string, schema: string): Promise<void> {
  await withDdlLock(base, async () => {
    const client = new pg.Client({ connectionString: base })
    await client.connect()
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '')}" CASCADE`)
    } finally {
      await client.end()
    }
  })
}
