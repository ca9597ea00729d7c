import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../audit/chain.js'
import { isAppError } from '../../errors.js'
import type { AuditEvent } from '../../model/entities.js'
import type { Store } from '../../ports.js'
import { auditEvents, createTestDeps, seedOrg, type TestDeps } from '../../testing/index.js'
import { createApiKey } from '../api-keys/create-api-key.js'
import { verifyAuditChain } from './verify-audit-chain.js'

/** A store whose audit scans return events passed through `edit`: tampering as a reader sees it. */
function tampered(deps: TestDeps, edit: (events: AuditEvent[]) => AuditEvent[]): TestDeps {
  const store: Store = {
    transaction: (fn) =>
      deps.store.transaction((tx) =>
        fn({
          ...tx,
          audit: {
            ...tx.audit,
            scan: async (orgId, afterSeq, limit) =>
              edit(await tx.audit.scan(orgId, afterSeq, limit)),
          },
        }),
      ),
    close: () => deps.store.close(),
    onAuthzCommit: (listener) => deps.store.onAuthzCommit(listener),
  }
  return { ...deps, store }
}

async function world() {
  const deps = createTestDeps()
  const a = await seedOrg(deps, { name: 'alpha' })
  const b = await seedOrg(deps, { name: 'beta' })
  for (let i = 0; i < 5; i++) {
    await createApiKey(deps, a.ownerActor, { name: `k${i}` })
  }
  return { deps, a, b }
}

describe('verifyAuditChain', () => {
  it('reports every intact chain with its event count', async () => {
    const { deps, a, b } = await world()
    // Both orgs were created in the same millisecond: their order is the store's tie-break.
    const reports = (await verifyAuditChain(deps)).sort((x, y) =>
      x.orgName.localeCompare(y.orgName),
    )
    expect(reports).toEqual([
      { orgId: a.org.id, orgName: 'alpha', events: 6, ok: true },
      { orgId: b.org.id, orgName: 'beta', events: 1, ok: true },
    ])
    const paged = await verifyAuditChain(deps, { pageSize: 2 })
    expect(paged.sort((x, y) => x.orgName.localeCompare(y.orgName))).toEqual(reports)
    expect(await verifyAuditChain(deps, { orgName: 'beta' })).toEqual([reports[1]])
  })

  it('finds an edited event, on any page', async () => {
    const { deps, a } = await world()
    const target = (await auditEvents(deps, a.org.id))[3]
    const edited = tampered(deps, (events) =>
      events.map((e) => (e.id === target?.id ? { ...e, after: { name: 'innocent' } } : e)),
    )
    for (const pageSize of [1000, 2, 1]) {
      const [report] = await verifyAuditChain(edited, { orgName: 'alpha', pageSize })
      expect(report).toMatchObject({
        ok: false,
        events: 4,
        break: { seq: 4, eventId: target?.id, reason: 'hash_mismatch' },
      })
    }
  })

  it('finds a removed event and a re-sealed edit', async () => {
    const { deps, a } = await world()
    const events = await auditEvents(deps, a.org.id)
    const removed = tampered(deps, (page) => page.filter((e) => e.seq !== 2))
    const [gap] = await verifyAuditChain(removed, { orgName: 'alpha' })
    expect(gap?.break).toMatchObject({ seq: 3, reason: 'seq_gap' })

    // Recomputing the edited event's own hash does not help: the next event points at the old one.
    const third = events[2]
    if (third === undefined) {
      throw new Error('fixture')
    }
    const { hash: _old, ...rest } = { ...third, reason: 'forged' }
    const { prevHash, ...body } = rest
    const resealed = {
      ...rest,
      hash: deps.crypto.sha256Hex(`${prevHash}\n${canonicalJson(body)}`),
    }
    const forged = tampered(deps, (page) => page.map((e) => (e.id === third.id ? resealed : e)))
    const [report] = await verifyAuditChain(forged, { orgName: 'alpha' })
    expect(report?.break).toMatchObject({ seq: 4, reason: 'prev_hash_mismatch' })
  })

  it('finds the newest events cut off the end, by the stored head', async () => {
    const { deps } = await world()
    const truncated = tampered(deps, (events) => events.filter((e) => e.seq <= 4))
    const [report] = await verifyAuditChain(truncated, { orgName: 'alpha', pageSize: 2 })
    expect(report).toMatchObject({
      ok: false,
      events: 4,
      break: { seq: 6, eventId: null, reason: 'head_mismatch' },
    })
  })

  it('refuses an unknown org and a bad page size', async () => {
    const { deps } = await world()
    const unknown = await verifyAuditChain(deps, { orgName: 'nope' }).catch((e: unknown) => e)
    expect(isAppError(unknown, 'ORG_NOT_FOUND')).toBe(true)
    const bad = await verifyAuditChain(deps, { pageSize: 0 }).catch((e: unknown) => e)
    expect(isAppError(bad, 'VALIDATION_FAILED')).toBe(true)
  })
})
