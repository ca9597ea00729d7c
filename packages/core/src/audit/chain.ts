import type { AuditEntry, AuditEvent } from '../model/entities.js'
import type { AuditHead, Crypto } from '../ports.js'

/** The previous hash of an org's first event. */
export const GENESIS_HASH = '0'.repeat(64)

/** JSON with object keys sorted at every depth, so equal values hash equally on any store. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) {
    return 'null'
  }
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/** What the hash covers: every field but the hash itself, the previous hash included. */
function hashInput(event: Omit<AuditEvent, 'hash'>): string {
  const { prevHash, ...body } = event
  return `${prevHash}\n${canonicalJson(body)}`
}

/** Makes the next event of the chain after `head`. */
export function sealEvent(
  crypto: Crypto,
  id: string,
  entry: AuditEntry,
  head: AuditHead,
): AuditEvent {
  const unsealed: Omit<AuditEvent, 'hash'> = {
    ...entry,
    // Storage keeps an absent before/after as null; hash what a later read will return.
    before: entry.before ?? null,
    after: entry.after ?? null,
    id,
    seq: head.seq + 1,
    prevHash: head.hash,
  }
  return { ...unsealed, hash: crypto.sha256Hex(hashInput(unsealed)) }
}

export type ChainBreak = {
  readonly seq: number
  /** null for `head_mismatch`: the events the head speaks of are gone. */
  readonly eventId: string | null
  readonly reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'head_mismatch'
}

/**
 * Checks events (in seq order, continuing from `head`) and returns the first break, or the new
 * head when all is intact. Feed it page by page.
 */
export function verifyEvents(
  crypto: Crypto,
  head: AuditHead,
  events: readonly AuditEvent[],
): { ok: true; head: AuditHead } | { ok: false; break: ChainBreak } {
  let current = head
  for (const event of events) {
    if (event.seq !== current.seq + 1) {
      return { ok: false, break: { seq: event.seq, eventId: event.id, reason: 'seq_gap' } }
    }
    if (event.prevHash !== current.hash) {
      return {
        ok: false,
        break: { seq: event.seq, eventId: event.id, reason: 'prev_hash_mismatch' },
      }
    }
    const { hash, ...rest } = event
    if (crypto.sha256Hex(hashInput(rest)) !== hash) {
      return { ok: false, break: { seq: event.seq, eventId: event.id, reason: 'hash_mismatch' } }
    }
    current = { seq: event.seq, hash }
  }
  return { ok: true, head: current }
}
