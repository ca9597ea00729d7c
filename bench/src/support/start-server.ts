import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { spawnTracked, stopProcess } from './child-processes.js'
import { createHttpClient } from './http-client.js'
import { benchScript, GATEHOUSE_BIN, REPO_ROOT } from './paths.js'

const READY_TIMEOUT_MS = 120_000

export interface StartedServer {
  readonly url: string
  readonly pid: number
  readonly child: ChildProcess
  /** From spawn to the first 200 from GET /readyz (the database answers). */
  readonly startMs: number
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') {
    throw new Error('no port')
  }
  return address.port
}

async function startAndWait(args: readonly string[], env: Record<string, string>) {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const started = performance.now()
  const child = spawnTracked(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const client = createHttpClient(1)
  try {
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`${args[0]} exited with ${child.exitCode}: ${output.trim()}`)
      }
      if (performance.now() - started > READY_TIMEOUT_MS) {
        throw new Error(`${args[0]} not ready after ${READY_TIMEOUT_MS} ms: ${output.trim()}`)
      }
      const reply = await client.send(`${url}/readyz`).catch(() => undefined)
      if (reply?.status === 200) {
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  } catch (err) {
    await stopProcess(child)
    throw err
  } finally {
    client.close()
  }
  const startMs = performance.now() - started
  return {
    url,
    pid: child.pid as number,
    child,
    startMs,
    stop: () => stopProcess(child),
  }
}

/** A Gatehouse node (`gatehouse serve`) on a database, as an operator would start it. */
export function startGatehouse(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<StartedServer> {
  return startAndWait([GATEHOUSE_BIN, 'serve'], {
    GATEHOUSE_DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    ...env,
  })
}

/** The bare node:http baseline. */
export function startBareServer(): Promise<StartedServer> {
  return startAndWait([benchScript('support/bare-server.js')], {})
}
