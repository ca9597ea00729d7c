import { UsageError } from './errors.js'

/**
 * Runs a node:util parseArgs call and turns its refusals (unknown option, missing value,
 * stray argument) into a {@link UsageError} that points at the command's help.
 */
export function parseCommandLine<T>(help: string, parse: () => T): T {
  try {
    return parse()
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_') && err instanceof Error) {
      throw new UsageError(err.message, help)
    }
    throw err
  }
}

/** True when the arguments ask for help, wherever the flag stands. */
export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h')
}

/** True when errors should be printed as JSON (decided before parsing, which may fail). */
export function wantsJson(args: readonly string[]): boolean {
  return args.includes('--json')
}

/** The value of a required string option. @throws UsageError */
export function required(value: string | undefined, flag: string, help: string): string {
  if (value === undefined || value.trim().length === 0) {
    throw new UsageError(`Missing required option '${flag}'`, help)
  }
  return value
}

/** The shared `--db` option. */
export const DB_OPTION = { db: { type: 'string' } } as const

export const DB_HELP = `  --db URL          The database: sqlite:PATH or postgres://USER@HOST:PORT/DB[?schema=NAME]
                    (default: $GATEHOUSE_DATABASE_URL, else sqlite:./.gatehouse/gatehouse.db)`
