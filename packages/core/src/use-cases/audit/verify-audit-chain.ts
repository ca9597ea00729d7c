import { type ChainBreak, GENESIS_HASH, verifyEvents } from '../../audit/chain.js'
import { AppError } from '../../errors.js'
import type { Organization } from '../../model/entities.js'
import type { AuditHead, Deps } from '../../ports.js'

export interface VerifyAuditChainInput {
  /** One org; all orgs when absent. */
  readonly orgName?: string | undefined
  /** Events read per transaction. */
  readonly pageSize?: number | undefined
}

export interface AuditChainReport {
  readonly orgId: string
  readonly orgName: string
  /** Events checked, up to and including the first break. */
  readonly events: number
  readonly ok: boolean
  readonly break?: ChainBreak
}

const DEFAULT_PAGE_SIZE = 1000

async function verifyOrg(
  deps: Deps,
  org: Organization,
  pageSize: number,
): Promise<AuditChainReport> {
  let head: AuditHead = { seq: 0, hash: GENESIS_HASH }
  let events = 0
  for (;;) {
    const after = head.seq
    const page = await deps.store.transaction((tx) => tx.audit.scan(org.id, after, pageSize))
    if (page.length === 0) {
      // Every event checks out; the stored head must agree, or events were cut off the end.
      const stored = await deps.store.transaction((tx) => tx.audit.head(org.id))
      if (stored !== undefined && (stored.seq !== head.seq || stored.hash !== head.hash)) {
        return {
          orgId: org.id,
          orgName: org.name,
          events,
          ok: false,
          break: { seq: stored.seq, eventId: null, reason: 'head_mismatch' },
        }
      }
      return { orgId: org.id, orgName: org.name, events, ok: true }
    }
    const result = verifyEvents(deps.crypto, head, page)
    if (!result.ok) {
      const checked = page.findIndex((e) => e.id === result.break.eventId) + 1
      return {
        orgId: org.id,
        orgName: org.name,
        events: events + checked,
        ok: false,
        break: result.break,
      }
    }
    events += page.length
    head = result.head
  }
}

/**
 * Recomputes each org's audit hash chain, page by page, and reports the first break: an edited,
 * removed or reordered event. For the operator (CLI), who is not a principal.
 * @throws ORG_NOT_FOUND, VALIDATION_FAILED
 */
export async function verifyAuditChain(
  deps: Deps,
  input: VerifyAuditChainInput = {},
): Promise<AuditChainReport[]> {
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new AppError('VALIDATION_FAILED', { field: 'page_size' })
  }
  const orgName = input.orgName
  const orgs = await deps.store.transaction(async (tx) => {
    if (orgName === undefined) {
      return tx.orgs.listAll()
    }
    const org = await tx.orgs.findByName(orgName)
    if (org === undefined) {
      throw new AppError('ORG_NOT_FOUND')
    }
    return [org]
  })
  const reports: AuditChainReport[] = []
  for (const org of orgs) {
    reports.push(await verifyOrg(deps, org, pageSize))
  }
  return reports
}
