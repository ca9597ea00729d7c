import { AppError } from '@gatehouse/core'
import { describe, expect, it } from 'vitest'
import { EXIT, exitCodeOf, redactUrls, reportError, UsageError } from './errors.js'

function capture(): { out: { write(chunk: string): void }; text(): string } {
  let text = ''
  return {
    out: {
      write: (chunk: string) => {
        text += chunk
      },
    },
    text: () => text,
  }
}

describe('exit codes', () => {
  it('map error kinds to the documented codes', () => {
    expect(exitCodeOf(new AppError('EMAIL_INVALID'))).toBe(2)
    expect(exitCodeOf(new AppError('UNAUTHENTICATED'))).toBe(3)
    expect(exitCodeOf(new AppError('PERMISSION_DENIED'))).toBe(3)
    expect(exitCodeOf(new AppError('ORG_NOT_FOUND'))).toBe(4)
    expect(exitCodeOf(new AppError('ORG_NAME_TAKEN'))).toBe(5)
    expect(exitCodeOf(new AppError('RATE_LIMITED'))).toBe(1)
    expect(exitCodeOf(new AppError('INTERNAL'))).toBe(1)
    expect(exitCodeOf(new UsageError('no'))).toBe(EXIT.invalid)
    expect(exitCodeOf(new Error('boom'))).toBe(1)
  })
})

describe('reportError', () => {
  it('prints code, table message and details', () => {
    const c = capture()
    const code = reportError(c.out, new AppError('VALIDATION_FAILED', { field: 'org_name' }), false)
    expect(code).toBe(2)
    expect(c.text()).toBe('error: VALIDATION_FAILED: The request is not valid (field: org_name)\n')
  })

  it('prints the JSON envelope with --json', () => {
    const c = capture()
    reportError(c.out, new AppError('ORG_NOT_FOUND'), true)
    expect(JSON.parse(c.text())).toEqual({
      error: { code: 'ORG_NOT_FOUND', message: 'Organization not found' },
    })
  })

  it('reports unexpected errors as INTERNAL with their cause, passwords masked', () => {
    const c = capture()
    const code = reportError(
      c.out,
      new Error('could not reach postgres://app:s3cret@db.internal:5432/gh'),
      false,
    )
    expect(code).toBe(1)
    expect(c.text()).toContain('error: INTERNAL: Internal error: could not reach')
    expect(c.text()).toContain('postgres://app:***@db.internal:5432/gh')
    expect(c.text()).not.toContain('s3cret')
  })
})

describe('redactUrls', () => {
  it('masks only the password part of URLs', () => {
    expect(redactUrls('postgres://u:p@h/d and postgresql://x@h/d')).toBe(
      'postgres://u:***@h/d and postgresql://x@h/d',
    )
    expect(redactUrls('sqlite:./.gatehouse/gatehouse.db')).toBe('sqlite:./.gatehouse/gatehouse.db')
  })
})
