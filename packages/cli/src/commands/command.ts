import type { CliIo } from '../io.js'

/** One `gatehouse` command. `run` returns the exit code; errors it throws are reported by cli.ts. */
export interface Command {
  /** As typed: `bootstrap`, `audit verify`. */
  readonly name: string
  /** One line for `gatehouse --help`. */
  readonly summary: string
  /** The full `--help` text. */
  readonly help: string
  run(io: CliIo, args: readonly string[]): Promise<number>
}
