import { type Actor, auditActorOf } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Deps } from '../../ports.js'
import { auditInUserOrgs } from './session-audit.js'
import { sessionAuditView } from './session-secrets.js'

export interface RevokeSessionInput {
  readonly id: string
}

/**
 * Ends one of the caller's sessions (from the sessions page). Another user's session, or an
 * unknown id, does not exist for the caller; an already ended one is ended again silently.
 * @throws PERMISSION_DENIED (not a session), OBJECT_NOT_FOUND
 */
export async function revokeSession(
  deps: Deps,
  actor: Actor,
  input: RevokeSessionInput,
): Promise<void> {
  if (actor.credential.kind !== 'session') {
    throw new AppError('PERMISSION_DENIED', { reason: 'session required' })
  }
  await deps.store.transaction(async (tx) => {
    const before = await tx.sessions.find(input.id)
    if (before === undefined || before.userId !== actor.userId) {
      throw new AppError('OBJECT_NOT_FOUND')
    }
    if (before.revokedAt !== null) {
      return
    }
    const now = deps.clock.now()
    await tx.sessions.revoke(before.id, now)
    await auditInUserOrgs(tx, deps, actor.userId, {
      action: 'session.revoke',
      actor: auditActorOf(actor),
      objectType: 'session',
      objectId: before.id,
      before: sessionAuditView(before),
      after: sessionAuditView({ ...before, revokedAt: now }),
      requestId: actor.requestId ?? null,
    })
  })
}
