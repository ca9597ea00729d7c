import { type Actor, auditActorOf } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Deps } from '../../ports.js'
import { auditInUserOrgs } from './session-audit.js'
import { sessionAuditView } from './session-secrets.js'

/**
 * Ends the session the request came with. Logging out twice is not an error: the second time
 * there is nothing to end, and nothing is audited.
 * @throws PERMISSION_DENIED (not a session)
 */
export async function logout(deps: Deps, actor: Actor): Promise<void> {
  const sessionId = actor.credential.id
  if (actor.credential.kind !== 'session' || sessionId === null) {
    throw new AppError('PERMISSION_DENIED', { reason: 'session required' })
  }
  // Under impersonation the session is still the impersonator's own.
  const owner = actor.impersonatorId ?? actor.userId
  await deps.store.transaction(async (tx) => {
    const before = await tx.sessions.find(sessionId)
    if (before === undefined || before.userId !== owner || before.revokedAt !== null) {
      return
    }
    const now = deps.clock.now()
    await tx.sessions.revoke(before.id, now)
    await auditInUserOrgs(tx, deps, owner, {
      action: 'session.logout',
      actor: auditActorOf(actor),
      objectType: 'session',
      objectId: before.id,
      before: sessionAuditView(before),
      after: sessionAuditView({ ...before, revokedAt: now }),
      requestId: actor.requestId ?? null,
    })
  })
}
