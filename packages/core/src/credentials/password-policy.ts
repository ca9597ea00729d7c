import { AppError } from '../errors.js'

export const PASSWORD_MIN_CHARS = 8
export const PASSWORD_MAX_BYTES = 1024

/** UTF-8 length without an encoder (core has no platform APIs). */
export function utf8Length(text: string): number {
  let bytes = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
  }
  return bytes
}

/**
 * Refuses a password too long to hash cheaply. Runs before any hashing, at login too: a slow KDF
 * over a megabyte is a denial-of-service lever.
 * @throws PASSWORD_TOO_LONG
 */
export function assertPasswordHashable(password: string): void {
  if (password.length > PASSWORD_MAX_BYTES || utf8Length(password) > PASSWORD_MAX_BYTES) {
    throw new AppError('PASSWORD_TOO_LONG')
  }
}

/**
 * Rules for a new password: 8 characters or more, 1 KiB or less, no composition rules (ASVS
 * 6.2.5), compared exactly as given (no trimming, no case folding).
 * @throws PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG
 */
export function assertPasswordAcceptable(password: string): void {
  assertPasswordHashable(password)
  if ([...password].length < PASSWORD_MIN_CHARS) {
    throw new AppError('PASSWORD_TOO_SHORT')
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Lower-cased, trimmed email. @throws EMAIL_INVALID */
export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase()
  if (normalized.length > 320 || !EMAIL.test(normalized)) {
    throw new AppError('EMAIL_INVALID')
  }
  return normalized
}
