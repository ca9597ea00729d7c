import type { AuditActor } from '../../model/entities.js'
import type { Deps, Tx } from '../../ports.js'
import { appendAudit } from '../operation.js'

/**
 * Records a session event in every org of `userId`, in `tx`. A session belongs to the person,
 * not to one org, so each org's log shows its members' logins and logouts.
 */
export async function auditInUserOrgs(
  tx: Tx,
  deps: Deps,
  userId: string,
  event: {
    readonly action: string
    readonly actor: AuditActor
    readonly objectType: string
    readonly objectId: string
    readonly before?: unknown
    readonly after?: unknown
    readonly requestId: string | null
  },
): Promise<void> {
  for (const m of await tx.members.listByUser(userId)) {
    await appendAudit(tx, deps, {
      orgId: m.orgId,
      action: event.action,
      outcome: 'success',
      actor: event.actor,
      objectType: event.objectType,
      objectId: event.objectId,
      before: event.before ?? null,
      after: event.after ?? null,
      reason: null,
      requestId: event.requestId,
      occurredAt: deps.clock.now(),
    })
  }
}
