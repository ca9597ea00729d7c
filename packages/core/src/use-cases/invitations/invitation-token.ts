import { hashSecret, randomBase62 } from '../../credentials/key-format.js'
import type { Invitation } from '../../model/entities.js'
import type { Crypto } from '../../ports.js'

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000

const TOKEN_LENGTH = 32
const TOKEN_SHAPE = /^[0-9A-Za-z]{32}$/

/** A new raw invitation token (≈190 bits) and the hash that storage keeps. */
export function newInvitationToken(crypto: Crypto): { token: string; tokenHash: string } {
  const token = randomBase62(crypto, TOKEN_LENGTH)
  return { token, tokenHash: hashSecret(crypto, token) }
}

/**
 * The stored hash for a raw token, or undefined when it cannot be one of ours (refused before
 * any storage read).
 */
export function invitationTokenHash(crypto: Crypto, token: string): string | undefined {
  return TOKEN_SHAPE.test(token) ? hashSecret(crypto, token) : undefined
}

/** Neither accepted, revoked nor expired at `now`. */
export function isInvitationPending(invitation: Invitation, now: number): boolean {
  return (
    invitation.acceptedAt === null && invitation.revokedAt === null && now < invitation.expiresAt
  )
}
