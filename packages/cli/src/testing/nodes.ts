import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { withDdlLock } from '@gatehouse/server'
import pg from 'pg'

/*
 * `gatehouse serve` processes for the multi-node tests: the built CLI, spawned as production
 * runs it, on a PostgreSQL schema the test owns.
 */

export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url))

export interface ServeNode {
  readonly name: string
  readonly url: string
  readonly proc: ChildProcess
  readonly output: () => string
}

/** Fails with a clear message when the CLI was not built (the nodes run dist/). */
export function assertBuilt(): void {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} does not exist: run npm run build (npm ci does it) before the tests`)
  }
}

/**
 * Spawns `gatehouse serve` on `db` and resolves with its URL once it says it is serving; the
 * process is added to `children` at once, so that the caller stops it whatever happens.
 */
export function startNode(
  name: string,
  db: string,
  children: ChildProcess[],
  settings: Readonly<Record<string, string>> = {},
): Promise<ServeNode> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GATEHOUSE_DATABASE_URL: db,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  }
  // Settings from the developer's shell would change what the nodes are asked to do.
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
  const output = () => `node ${name} stderr:\n${stderr}\nnode ${name} stdout:\n${stdout}`
  proc.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString('utf8')
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`node ${name} did not start within 20 s\n${output()}`)),
      20_000,
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
      reject(new Error(`node ${name} exited (${code ?? signal})\n${output()}`))
    })
  })
}

/** SIGTERM, then SIGKILL if the node has not stopped within 5 s. */
export async function stopNode(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) {
    return
  }
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  proc.kill('SIGTERM')
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

/** Drops the test's schema, under the server's DDL lock so it never overlaps a migration. */
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
