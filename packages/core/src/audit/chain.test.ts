import { describe, expect, it } from 'vitest'
import type { AuditEntry, AuditEvent } from '../model/entities.js'
import type { AuditHead, Crypto } from '../ports.js'
import { sha256Hex } from '../testing/sha256.js'
import { canonicalJson, GENESIS_HASH, sealEvent, verifyEvents } from './chain.js'

const crypto: Crypto = {
  sha256Hex,
  randomBytes: (length) => new Uint8Array(length),
  uuid: () => '00000000-0000-4000-8000-000000000000',
}

const GENESIS: AuditHead = { seq: 0, hash: GENESIS_HASH }

function entry(n: number, fields: Partial<AuditEntry> = {}): AuditEntry {
  return {
    orgId: 'org-1',
    action: 'group.update',
    outcome: 'success',
    actor: { userId: 'alice', credentialKind: 'session', credentialId: 's1', impersonatorId: null },
    objectType: 'group',
    objectId: `g${n}`,
    before: { name: `old ${n}`, memberUsers: ['a'] },
    after: { name: `new ${n}`, memberUsers: ['a', 'b'] },
    reason: null,
    requestId: `req-${n}`,
    occurredAt: 1_700_000_000_000 + n,
    ...fields,
  }
}

function chainOf(count: number, head: AuditHead = GENESIS): AuditEvent[] {
  const events: AuditEvent[] = []
  let current = head
  for (let i = 1; i <= count; i++) {
    const event = sealEvent(crypto, `ev-${current.seq + 1}`, entry(i), current)
    events.push(event)
    current = { seq: event.seq, hash: event.hash }
  }
  return events
}

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    const a = { b: 1, a: { d: [{ y: 1, x: 2 }], c: null } }
    const b = { a: { c: null, d: [{ x: 2, y: 1 }] }, b: 1 }
    expect(canonicalJson(a)).toBe(canonicalJson(b))
    expect(canonicalJson(a)).toBe('{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}')
  })

  it('keeps array order, which is meaningful', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]))
  })

  it('drops undefined members and writes a bare undefined as null', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}')
    expect(canonicalJson(undefined)).toBe('null')
  })

  it('escapes strings and keys as JSON does', () => {
    expect(canonicalJson({ 'k"ey': 'v\n"' })).toBe('{"k\\"ey":"v\\n\\""}')
    expect(JSON.parse(canonicalJson({ z: 'é', a: [true, 1.5] }))).toEqual({
      z: 'é',
      a: [true, 1.5],
    })
  })

  it('tells apart values that differ only in type', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }))
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({ a: 'null' }))
  })
})

describe('sealEvent', () => {
  it('links each event to the previous one and numbers them', () => {
    const events = chainOf(3)
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3])
    expect(events[0]?.prevHash).toBe(GENESIS_HASH)
    expect(events[1]?.prevHash).toBe(events[0]?.hash)
    expect(events[2]?.prevHash).toBe(events[1]?.hash)
    for (const e of events) {
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/)
    }
    expect(new Set(events.map((e) => e.hash)).size).toBe(3)
  })

  it('hashes the same entry the same way whatever the key order of before/after', () => {
    const a = sealEvent(crypto, 'ev-1', entry(1, { after: { x: 1, y: 2 } }), GENESIS)
    const b = sealEvent(crypto, 'ev-1', entry(1, { after: { y: 2, x: 1 } }), GENESIS)
    expect(a.hash).toBe(b.hash)
  })

  it('covers the previous hash: the same entry after another head hashes differently', () => {
    const a = sealEvent(crypto, 'ev-1', entry(1), GENESIS)
    const b = sealEvent(crypto, 'ev-1', entry(1), { seq: 0, hash: 'f'.repeat(64) })
    expect(a.hash).not.toBe(b.hash)
  })
})

describe('verifyEvents', () => {
  it('accepts an intact chain and returns the new head', () => {
    const events = chainOf(5)
    const last = events[4]
    expect(verifyEvents(crypto, GENESIS, events)).toEqual({
      ok: true,
      head: { seq: 5, hash: last?.hash },
    })
  })

  it('accepts an empty page and keeps the head', () => {
    expect(verifyEvents(crypto, GENESIS, [])).toEqual({ ok: true, head: GENESIS })
  })

  it('verifies page by page from the head of the previous page', () => {
    const events = chainOf(6)
    const first = verifyEvents(crypto, GENESIS, events.slice(0, 3))
    expect(first.ok).toBe(true)
    if (first.ok) {
      expect(verifyEvents(crypto, first.head, events.slice(3)).ok).toBe(true)
      expect(verifyEvents(crypto, GENESIS, events.slice(3))).toMatchObject({ ok: false })
    }
  })

  const tampered: [string, Partial<AuditEvent>][] = [
    ['the action', { action: 'group.delete' }],
    ['the outcome', { outcome: 'denied' }],
    [
      'the actor',
      {
        actor: {
          userId: 'mallory',
          credentialKind: 'session',
          credentialId: 's1',
          impersonatorId: null,
        },
      },
    ],
    [
      'the impersonator',
      {
        actor: {
          userId: 'alice',
          credentialKind: 'session',
          credentialId: 's1',
          impersonatorId: 'eve',
        },
      },
    ],
    ['the before value', { before: { name: 'old 2', memberUsers: [] } }],
    ['the after value', { after: null }],
    ['the time', { occurredAt: 1 }],
    ['the id', { id: 'other' }],
    ['the org', { orgId: 'org-2' }],
    ['the hash', { hash: '0'.repeat(64) }],
  ]
  for (const [what, change] of tampered) {
    it(`detects an edit of ${what}`, () => {
      const events = chainOf(3)
      const edited = events.map((e) => (e.seq === 2 ? { ...e, ...change } : e))
      expect(verifyEvents(crypto, GENESIS, edited)).toEqual({
        ok: false,
        break: { seq: 2, eventId: change.id ?? 'ev-2', reason: 'hash_mismatch' },
      })
    })
  }

  it('detects an edit re-hashed by the editor, at the next event', () => {
    const events = chainOf(3)
    const [e1, e2, e3] = events
    if (e1 === undefined || e2 === undefined || e3 === undefined) {
      throw new Error('chain too short')
    }
    const forged = sealEvent(
      crypto,
      e2.id,
      { ...entry(2), action: 'forged' },
      { seq: 1, hash: e1.hash },
    )
    expect(verifyEvents(crypto, GENESIS, [e1, forged, e3])).toEqual({
      ok: false,
      break: { seq: 3, eventId: 'ev-3', reason: 'prev_hash_mismatch' },
    })
  })

  it('detects a removed event', () => {
    const events = chainOf(4)
    const withoutSecond = events.filter((e) => e.seq !== 2)
    expect(verifyEvents(crypto, GENESIS, withoutSecond)).toEqual({
      ok: false,
      break: { seq: 3, eventId: 'ev-3', reason: 'seq_gap' },
    })
  })

  it('detects a removed event even when the seq numbers are rewritten to close the gap', () => {
    const events = chainOf(4)
    const renumbered = events
      .filter((e) => e.seq !== 2)
      .map((e) => (e.seq > 2 ? { ...e, seq: e.seq - 1 } : e))
    expect(verifyEvents(crypto, GENESIS, renumbered)).toEqual({
      ok: false,
      break: { seq: 2, eventId: 'ev-3', reason: 'prev_hash_mismatch' },
    })
  })

  it('detects reordered events', () => {
    const [e1, e2, e3] = chainOf(3)
    if (e1 === undefined || e2 === undefined || e3 === undefined) {
      throw new Error('chain too short')
    }
    expect(verifyEvents(crypto, GENESIS, [e1, e3, e2])).toEqual({
      ok: false,
      break: { seq: 3, eventId: 'ev-3', reason: 'seq_gap' },
    })
  })

  it('detects a wrong prevHash', () => {
    const events = chainOf(3)
    const edited = events.map((e) => (e.seq === 2 ? { ...e, prevHash: 'a'.repeat(64) } : e))
    expect(verifyEvents(crypto, GENESIS, edited)).toEqual({
      ok: false,
      break: { seq: 2, eventId: 'ev-2', reason: 'prev_hash_mismatch' },
    })
  })

  it('detects a chain that does not start where the head says', () => {
    expect(verifyEvents(crypto, { seq: 0, hash: 'b'.repeat(64) }, chainOf(2))).toEqual({
      ok: false,
      break: { seq: 1, eventId: 'ev-1', reason: 'prev_hash_mismatch' },
    })
  })

  it('detects a truncated tail only against a known head', () => {
    const events = chainOf(3)
    // Dropping the newest events leaves a valid prefix: the stored head is what catches it.
    const result = verifyEvents(crypto, GENESIS, events.slice(0, 2))
    expect(result.ok && result.head.seq).toBe(2)
  })
})
