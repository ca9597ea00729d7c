import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.js'
import {
  assertPasswordAcceptable,
  assertPasswordHashable,
  normalizeEmail,
  PASSWORD_MAX_BYTES,
  utf8Length,
} from './password-policy.js'

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
    return undefined
  } catch (err) {
    if (err instanceof AppError) {
      return err.code
    }
    throw err
  }
}

describe('utf8Length', () => {
  it('counts UTF-8 bytes like an encoder', () => {
    for (const text of ['', 'abc', 'é', '€', '🔒', 'aé€🔒', 'Grüße, 世界 👋🏽']) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'))
    }
  })
})

describe('assertPasswordAcceptable', () => {
  it('needs 8 characters, counted as code points', () => {
    expect(codeOf(() => assertPasswordAcceptable('1234567'))).toBe('PASSWORD_TOO_SHORT')
    expect(codeOf(() => assertPasswordAcceptable('12345678'))).toBeUndefined()
    expect(codeOf(() => assertPasswordAcceptable('🔒'.repeat(7)))).toBe('PASSWORD_TOO_SHORT')
    expect(codeOf(() => assertPasswordAcceptable('🔒'.repeat(8)))).toBeUndefined()
    expect(codeOf(() => assertPasswordAcceptable(''))).toBe('PASSWORD_TOO_SHORT')
  })

  it('neither trims nor demands composition', () => {
    expect(codeOf(() => assertPasswordAcceptable('       a'))).toBeUndefined()
    expect(codeOf(() => assertPasswordAcceptable('aaaaaaaa'))).toBeUndefined()
    expect(codeOf(() => assertPasswordAcceptable('  abc   '))).toBeUndefined()
  })

  it('allows 1024 bytes and refuses 1025, multi-byte characters included', () => {
    expect(codeOf(() => assertPasswordAcceptable('a'.repeat(PASSWORD_MAX_BYTES)))).toBeUndefined()
    expect(codeOf(() => assertPasswordAcceptable('a'.repeat(PASSWORD_MAX_BYTES + 1)))).toBe(
      'PASSWORD_TOO_LONG',
    )
    expect(codeOf(() => assertPasswordAcceptable('é'.repeat(512)))).toBeUndefined()
    expect(codeOf(() => assertPasswordAcceptable(`${'é'.repeat(512)}a`))).toBe('PASSWORD_TOO_LONG')
    expect(codeOf(() => assertPasswordAcceptable('🔒'.repeat(256)))).toBeUndefined()
    expect(codeOf(() => assertPasswordAcceptable('🔒'.repeat(257)))).toBe('PASSWORD_TOO_LONG')
  })

  it('carries the contract messages', () => {
    expect(() => assertPasswordAcceptable('short')).toThrow(
      'Passwords must be at least 8 characters long',
    )
    expect(() => assertPasswordAcceptable('x'.repeat(2000))).toThrow(
      'Passwords must be at most 1024 bytes long',
    )
  })
})

describe('assertPasswordHashable', () => {
  it('refuses a megabyte at once, and accepts short passwords (login checks no minimum)', () => {
    const started = performance.now()
    expect(codeOf(() => assertPasswordHashable('x'.repeat(1_000_000)))).toBe('PASSWORD_TOO_LONG')
    expect(performance.now() - started).toBeLessThan(50)
    expect(codeOf(() => assertPasswordHashable('a'))).toBeUndefined()
  })
})

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Alice@Example.COM ')).toBe('alice@example.com')
  })

  it('refuses what is not an address', () => {
    for (const bad of ['', 'alice', 'alice@', '@example.com', 'a b@example.com', 'a@b', 'a@@b.c']) {
      expect(
        codeOf(() => normalizeEmail(bad)),
        bad,
      ).toBe('EMAIL_INVALID')
    }
    expect(codeOf(() => normalizeEmail(`${'a'.repeat(310)}@example.com`))).toBe('EMAIL_INVALID')
  })
})
