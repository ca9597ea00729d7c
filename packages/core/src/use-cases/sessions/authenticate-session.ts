import type { Actor } from '../../actor.js'
import type { Session } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { isSessionLive, sessionSecretHash } from './session-secrets.js'

/** lastSeenAt is written at most this often per session, so most requests only read. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000

export interface AuthenticatedSession {
  readonly actor: Actor
  /** As of this request: lastSeenAt already moved when it was written. */
  readonly session: Session
}

/**
 * The caller a session cookie stands for, or undefined when the token is malformed (refused
 * without any storage read), unknown, revoked, past its absolute end, idle for 12 hours, or its
 * user is deleted or a service account. Marks the session as seen when its lastSeenAt is over a
 * minute old.
 */
export async function authenticateSession(
  deps: Deps,
  token: string,
): Promise<AuthenticatedSession | undefined> {
  const hash = sessionSecretHash(deps.crypto, token)
  if (hash === undefined) {
    return undefined
  }
  const found = await deps.store.transaction(async (tx) => {
    const session = await tx.sessions.findByTokenHash(hash)
    if (session === undefined || session.tokenHash !== hash) {
      return undefined
    }
    if (!isSessionLive(session, deps.clock.now())) {
      return undefined
    }
    const user = await tx.users.find(session.userId)
    if (user === undefined || user.deletedAt !== null || user.kind !== 'user') {
      return undefined
    }
    return session
  })
  if (found === undefined) {
    return undefined
  }
  const now = deps.clock.now()
  let session = found
  if (now - found.lastSeenAt >= SESSION_TOUCH_INTERVAL_MS) {
    // A write transaction of its own, only when stale; touch never moves the time backwards, so
    // racing requests of one session need no coordination.
    await deps.store.transaction((tx) => tx.sessions.touch(found.id, now))
    session = { ...found, lastSeenAt: now }
  }
  return {
    actor: {
      userId: session.userId,
      credential: { kind: 'session', id: session.id, orgId: null },
      impersonatorId: null,
    },
    session,
  }
}
