import { AppError } from '../../errors.js'

/** Longest name a key or token may carry; the wire format sets no bound, storage needs one. */
export const CREDENTIAL_NAME_MAX = 256

/**
 * The trimmed name of a new credential or service account.
 * @throws VALIDATION_FAILED
 */
export function credentialName(raw: string, field = 'name'): string {
  const name = raw.trim()
  if (name.length === 0 || name.length > CREDENTIAL_NAME_MAX) {
    throw new AppError('VALIDATION_FAILED', { field })
  }
  return name
}

/**
 * An expiry must lie in the future: a key born expired is a mistake, never an intent.
 * @throws VALIDATION_FAILED
 */
export function futureExpiry(expiresAt: number | null | undefined, now: number): number | null {
  if (expiresAt === undefined || expiresAt === null) {
    return null
  }
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= now) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'expires_at',
      reason: 'must be in the future',
    })
  }
  return expiresAt
}
