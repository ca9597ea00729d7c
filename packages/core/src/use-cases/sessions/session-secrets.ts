import { hashSecret, randomBase62 } from '../../credentials/key-format.js'
import type { Session } from '../../model/entities.js'
import type { Crypto } from '../../ports.js'

/** Base62 characters of a session token and of a CSRF token: 43 × log2(62) ≈ 256 bits. */
export const SESSION_SECRET_LENGTH = 43

/** A session ends after this long without a request (ASVS 5.0 7.3.1). */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000

/** A session ends this long after login, however active (ASVS 5.0 7.3.2). */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000

const SECRET_SHAPE = /^[0-9A-Za-z]{43}$/

/** A new session secret (cookie or CSRF token) and the hash that storage keeps. */
export function newSessionSecret(crypto: Crypto): { secret: string; hash: string } {
  const secret = randomBase62(crypto, SESSION_SECRET_LENGTH)
  return { secret, hash: hashSecret(crypto, secret) }
}

/**
 * The stored hash for a presented session secret, or undefined when it cannot be one of ours
 * (refused before any storage read or hashing of attacker-sized input).
 */
export function sessionSecretHash(crypto: Crypto, presented: string): string | undefined {
  return SECRET_SHAPE.test(presented) ? hashSecret(crypto, presented) : undefined
}

/** Whether the session still admits requests at `now`: not revoked, expired, or idle too long. */
export function isSessionLive(session: Session, now: number): boolean {
  return (
    session.revokedAt === null &&
    now < session.expiresAt &&
    now < session.lastSeenAt + SESSION_IDLE_MS
  )
}

/** What an audit event may say about a session: never its hashes. */
export function sessionAuditView(session: Session): Record<string, unknown> {
  return {
    id: session.id,
    userId: session.userId,
    ip: session.ip,
    userAgent: session.userAgent,
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
    revokedAt: session.revokedAt,
  }
}
