import type { Actor } from '../../actor.js'
import type { AuditEvent } from '../../model/entities.js'
import type { Deps, PageQuery, SearchQuery } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'

export interface ListAuditLogInput extends OrgSelector, PageQuery, SearchQuery {
  readonly actorId?: string | undefined
  readonly action?: string | undefined
  readonly objectType?: string | undefined
  readonly objectId?: string | undefined
  /** Inclusive lower bound on occurredAt (epoch ms). */
  readonly since?: number | undefined
  /** Exclusive upper bound on occurredAt (epoch ms). */
  readonly until?: number | undefined
}

/**
 * The org's audit events, newest first. Needs `read` on the org's audit log.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, PERMISSION_DENIED
 */
export async function listAuditLog(
  deps: Deps,
  actor: Actor,
  input: ListAuditLogInput = {},
): Promise<AuditEvent[]> {
  return runOperation(deps, actor, 'audit_log.list', async (op) => {
    const org = await op.enterOrg(input)
    op.require('read', { objectType: 'org_audit_logs', objectId: org.id })
    return op.tx.audit.list({
      orgId: org.id,
      actorId: input.actorId,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      since: input.since,
      until: input.until,
      search: input.search,
      limit: input.limit,
      startingAfter: input.startingAfter,
      endingBefore: input.endingBefore,
      ids: input.ids,
    })
  })
}
