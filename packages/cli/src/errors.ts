import { type ErrorKind, isAppError } from '@gatehouse/core'
import { type Output, writeJson, writeLine } from './io.js'

/** Exit codes: the same for every command, so scripts can branch on them. */
export const EXIT = {
  ok: 0,
  error: 1,
  invalid: 2,
  refused: 3,
  notFound: 4,
  conflict: 5,
  auditChainBroken: 6,
} as const

const EXIT_BY_KIND: Record<ErrorKind, number> = {
  invalid: EXIT.invalid,
  too_large: EXIT.invalid,
  headers_too_large: EXIT.invalid,
  timeout: EXIT.error,
  unauthenticated: EXIT.refused,
  forbidden: EXIT.refused,
  not_found: EXIT.notFound,
  conflict: EXIT.conflict,
  rate_limited: EXIT.error,
  internal: EXIT.error,
}

/** A command line the CLI cannot run: unknown flag, missing option, bad value. Exit 2. */
export class UsageError extends Error {
  readonly code = 'USAGE'
  readonly help: string

  /** `help` names the help to read, e.g. `gatehouse bootstrap --help`. */
  constructor(message: string, help = 'gatehouse --help') {
    super(message)
    this.name = 'UsageError'
    this.help = help
  }
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError) {
    return EXIT.invalid
  }
  if (isAppError(err)) {
    return EXIT_BY_KIND[err.kind]
  }
  return EXIT.error
}

/** Removes the password of any URL in `text` (driver errors may quote a connection string). */
export function redactUrls(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]*@/gi, '$1***@')
}

interface ErrorBody {
  code: string
  message: string
  details?: Record<string, unknown>
  cause?: string
}

function bodyOf(err: unknown): ErrorBody {
  if (err instanceof UsageError) {
    return { code: err.code, message: err.message }
  }
  if (isAppError(err)) {
    // Details never carry a secret (an AppError rule), and they say which field was wrong.
    return err.details === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, details: { ...err.details } }
  }
  const cause = err instanceof Error ? err.message : String(err)
  return { code: 'INTERNAL', message: 'Internal error', cause: redactUrls(cause) }
}

function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ')
}

/**
 * Prints a failure to stderr as `error: CODE: message` (or `{"error":{…}}` with --json) and
 * returns the exit code its kind maps to. `debug` (GATEHOUSE_DEBUG=1) adds the stack of an
 * unexpected error.
 */
export function reportError(stderr: Output, err: unknown, json: boolean, debug = false): number {
  const body = bodyOf(err)
  if (debug && body.code === 'INTERNAL' && err instanceof Error && err.stack !== undefined) {
    writeLine(stderr, redactUrls(err.stack))
  }
  if (json) {
    writeJson(stderr, { error: body })
    return exitCodeOf(err)
  }
  let line = `error: ${body.code}: ${body.message}`
  if (body.details !== undefined && Object.keys(body.details).length > 0) {
    line += ` (${describeDetails(body.details)})`
  }
  if (body.cause !== undefined) {
    line += `: ${body.cause}`
  }
  writeLine(stderr, line)
  if (err instanceof UsageError) {
    writeLine(stderr, `See '${err.help}'.`)
  }
  return exitCodeOf(err)
}
