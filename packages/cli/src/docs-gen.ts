import { AppError, ERRORS, type ErrorCode } from '@gatehouse/core'
import { STATUS_BY_KIND } from '@gatehouse/server'
import { exitCodeOf } from './errors.js'

/** The rows of the error table in docs/access-model.md: code, kind, HTTP status, exit, message. */
export function errorTableRows(): string[] {
  return Object.entries(ERRORS).map(([code, { kind, message }]) => {
    const exit = exitCodeOf(new AppError(code as ErrorCode))
    return `| \`${code}\` | ${kind} | ${STATUS_BY_KIND[kind]} | ${exit} | ${message} |`
  })
}

const START = '<!-- errors:start -->'
const END = '<!-- errors:end -->'

/** `doc` with the generated error table between its markers. */
export function withErrorTable(doc: string): string {
  const from = doc.indexOf(START)
  const to = doc.indexOf(END)
  if (from < 0 || to < from) {
    throw new Error('docs/access-model.md lost its errors:start/errors:end markers')
  }
  const table = ['| code | kind | HTTP | CLI exit | message |', '| --- | --- | --- | --- | --- |']
  return `${doc.slice(0, from + START.length)}\n${[...table, ...errorTableRows()].join('\n')}\n${doc.slice(to)}`
}
