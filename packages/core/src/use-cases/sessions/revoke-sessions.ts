import { type Actor, auditActorOf } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Deps } from '../../ports.js'
import { auditInUserOrgs } from './session-audit.js'

export interface RevokeUserSessionsInput {
  /** A session to keep: the caller's own, for "log out everywhere else". */
  readonly except?: string | null | undefined
}

/**
 * "Log out everywhere": ends every session of the caller (the subject, under impersonation), but
 * `except`, and returns how many ended. Only from a browser session: an API key that leaked must
 * not be able to throw its owner out. Audited in every org of the user.
 * @throws PERMISSION_DENIED (not a session)
 */
export async function revokeUserSessions(
  deps: Deps,
  actor: Actor,
  input: RevokeUserSessionsInput = {},
): Promise<{ revoked: number }> {
  if (actor.credential.kind !== 'session') {
    throw new AppError('PERMISSION_DENIED', { reason: 'session required' })
  }
  const userId = actor.userId
  return deps.store.transaction(async (tx) => {
    const revoked = await tx.sessions.revokeAllForUser(
      userId,
      deps.clock.now(),
      input.except ?? undefined,
    )
    await auditInUserOrgs(tx, deps, userId, {
      action: 'session.revoke_all',
      actor: auditActorOf(actor),
      objectType: 'user',
      objectId: userId,
      after: { revokedSessions: revoked, keptSessionId: input.except ?? null },
      requestId: actor.requestId ?? null,
    })
    return { revoked }
  })
}
