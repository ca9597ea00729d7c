import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process'

/*
 * Every process the benchmark starts is registered here and stopped at the end, on success, on
 * failure and on Ctrl-C alike: a benchmark must never leave servers running.
 */

const running = new Set<ChildProcess>()
const STOP_GRACE_MS = 3_000

export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options })
  running.add(child)
  child.once('exit', () => running.delete(child))
  return child
}

/** SIGTERM, then SIGKILL if it has not exited after a grace period. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child)
    return
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
  await exited
  clearTimeout(timer)
}

export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map(stopProcess))
}

const CLEANUP_LIMIT_MS = 15_000

/**
 * Stops every child when the benchmark is interrupted (then runs `cleanup`, at most 15 s) or
 * exits without cleaning up.
 */
export function stopProcessesOnExit(cleanup: () => Promise<void>): void {
  const interrupted = (signal: NodeJS.Signals) => {
    process.stderr.write(`\nbench: ${signal}, stopping ${running.size} process(es)\n`)
    const limit = new Promise((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS).unref())
    void stopAllProcesses()
      .then(() => Promise.race([cleanup(), limit]))
      .catch((err: unknown) => process.stderr.write(`bench: cleaning up failed: ${err}\n`))
      .finally(() => process.exit(130))
  }
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)
  process.once('exit', () => {
    for (const child of running) {
      child.kill('SIGKILL')
    }
  })
}

/** Runs a process to its end and returns its stdout; rejects on a non-zero exit or a timeout. */
export async function runToEnd(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { timeoutMs: number },
): Promise<string> {
  const child = spawnTracked(command, args, options)
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000)
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  clearTimeout(timer)
  if (code !== 0) {
    throw new Error(`${args[0] ?? command} exited with ${code ?? 'a signal'}: ${stderr.trim()}`)
  }
  return stdout
}
