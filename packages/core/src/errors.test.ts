import { describe, expect, it } from 'vitest'
import { AppError, ERRORS, type ErrorCode, type ErrorKind, isAppError } from './errors.js'

const KINDS: readonly ErrorKind[] = [
  'invalid',
  'too_large',
  'headers_too_large',
  'timeout',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'internal',
]

const CODES = Object.keys(ERRORS) as ErrorCode[]

describe('the error table', () => {
  for (const code of CODES) {
    it(`${code} has a known kind and a non-empty message`, () => {
      const { kind, message } = ERRORS[code]
      expect(KINDS).toContain(kind)
      expect(message.trim().length).toBeGreaterThan(0)
      expect(message).toBe(message.trim())
    })
  }

  it('codes are UPPER_SNAKE', () => {
    for (const code of CODES) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/)
    }
  })

  it('every kind is used by some code', () => {
    const used = new Set(CODES.map((c) => ERRORS[c].kind))
    expect([...used].sort()).toEqual([...KINDS].sort())
  })
})

describe('rule messages, word for word (DESIGN.md and the API contract)', () => {
  const rules: [ErrorCode, ErrorKind, string][] = [
    ['API_KEY_CANNOT_CREATE_API_KEY', 'forbidden', 'API keys cannot create API keys'],
    ['SERVICE_TOKEN_CANNOT_CREATE_API_KEY', 'forbidden', 'Service tokens cannot create API keys'],
    ['API_KEY_CANNOT_CREATE_SERVICE_TOKEN', 'forbidden', 'API keys cannot create service tokens'],
    ['GRANT_EXCEEDS_CALLER', 'forbidden', 'You cannot grant permissions that you do not hold'],
    [
      'IMPERSONATION_NOT_ALLOWED',
      'forbidden',
      'Impersonation requires the Owner role in every organization the user belongs to',
    ],
    ['IMPERSONATION_NESTED', 'forbidden', 'Impersonation cannot be nested'],
    ['ACL_RESTRICT_WITH_ROLE', 'invalid', 'restrict_object_type cannot be set alongside a role_id'],
    [
      'INVITATION_NEEDS_GROUP',
      'invalid',
      'Every invited member must be assigned at least one permission group',
    ],
    ['UNAUTHENTICATED', 'unauthenticated', 'Credentials are missing or invalid'],
    ['RATE_LIMITED', 'rate_limited', 'Too many requests; retry later'],
  ]
  for (const [code, kind, message] of rules) {
    it(`${code}: ${message}`, () => {
      expect(ERRORS[code]).toEqual({ kind, message })
      const err = new AppError(code)
      expect(err.message).toBe(message)
      expect(err.kind).toBe(kind)
    })
  }

  it('resources the caller cannot see are not_found (404), never forbidden', () => {
    for (const code of CODES.filter((c) => c.endsWith('_NOT_FOUND'))) {
      expect(ERRORS[code].kind).toBe('not_found')
    }
  })
})

describe('AppError', () => {
  it('takes its message and kind from the table and keeps details and cause', () => {
    const cause = new Error('low level')
    const err = new AppError('GROUP_NOT_FOUND', { id: 'g1' }, { cause })
    expect(err).toBeInstanceOf(Error)
    expect(err.name).toBe('AppError')
    expect(err.code).toBe('GROUP_NOT_FOUND')
    expect(err.kind).toBe('not_found')
    expect(err.message).toBe('Group not found')
    expect(err.details).toEqual({ id: 'g1' })
    expect(err.cause).toBe(cause)
  })

  it('details are optional', () => {
    expect(new AppError('INTERNAL').details).toBeUndefined()
  })
})

describe('isAppError', () => {
  it('recognises AppErrors, optionally of one code', () => {
    const err = new AppError('LAST_OWNER')
    expect(isAppError(err)).toBe(true)
    expect(isAppError(err, 'LAST_OWNER')).toBe(true)
    expect(isAppError(err, 'OWNER_REQUIRED')).toBe(false)
  })

  it('rejects look-alikes', () => {
    const fake = Object.assign(new Error('LAST_OWNER'), { code: 'LAST_OWNER', kind: 'forbidden' })
    expect(isAppError(fake)).toBe(false)
    expect(isAppError({ code: 'LAST_OWNER' }, 'LAST_OWNER')).toBe(false)
    expect(isAppError(null)).toBe(false)
  })
})
