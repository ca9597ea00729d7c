import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../cli.js'

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

export interface RunOptions {
  /** What the command reads on standard input. */
  readonly stdin?: string
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly stdinIsTty?: boolean
}

/** Runs `gatehouse ...argv` in this process with captured output; never reads the real env. */
export async function runCli(
  argv: readonly string[],
  options: RunOptions = {},
): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const input = options.stdin ?? ''
  const code = await run({
    argv,
    stdin: (async function* () {
      if (input.length > 0) {
        yield new TextEncoder().encode(input)
      }
    })(),
    stdinIsTty: options.stdinIsTty,
    stdout: {
      write: (chunk: string) => {
        stdout += chunk
      },
    },
    stderr: {
      write: (chunk: string) => {
        stderr += chunk
      },
    },
    env: options.env ?? { GATEHOUSE_DEBUG: process.env.GATEHOUSE_DEBUG },
  })
  return { code, stdout, stderr }
}

/** A fresh directory for a SQLite file, and a function that removes it. */
export function tempSqlite(): { dir: string; file: string; url: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'))
  const file = join(dir, 'gatehouse.db')
  return {
    dir,
    file,
    url: `sqlite:${file}`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

export const PASSWORD = 'a long password'
