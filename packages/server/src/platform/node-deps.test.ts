import { createHash } from 'node:crypto'
import { createFakePasswordHasher, createMemoryStore } from '@gatehouse/core/testing'
import { describe, expect, it } from 'vitest'
import { createNodeDeps, nodeCrypto, systemClock } from './node-deps.js'

describe('node crypto', () => {
  it('computes lower-case hex SHA-256 of the UTF-8 bytes', () => {
    expect(nodeCrypto.sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
    expect(nodeCrypto.sha256Hex('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    )
    // "é" is hashed as its two UTF-8 bytes (c3 a9), not as one Latin-1 byte.
    const utf8 = createHash('sha256')
      .update(Buffer.from([0xc3, 0xa9]))
      .digest('hex')
    expect(nodeCrypto.sha256Hex('\u00e9')).toBe(utf8)
    expect(nodeCrypto.sha256Hex('\u00e9')).not.toBe(nodeCrypto.sha256Hex('e\u0301'))
  })

  it('returns CSPRNG bytes of the asked length, different every call', () => {
    const a = nodeCrypto.randomBytes(32)
    const b = nodeCrypto.randomBytes(32)
    expect(a).toBeInstanceOf(Uint8Array)
    expect(a).toHaveLength(32)
    expect(nodeCrypto.randomBytes(0)).toHaveLength(0)
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false)
  })

  it('makes distinct v4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 100 }, () => nodeCrypto.uuid()))
    expect(ids.size).toBe(100)
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    }
  })
})

describe('createNodeDeps', () => {
  it('wires the store, the system clock and node crypto, and accepts overrides', () => {
    const store = createMemoryStore()
    const before = Date.now()
    const deps = createNodeDeps(store)
    const now = deps.clock.now()
    expect(deps.store).toBe(store)
    expect(now).toBeGreaterThanOrEqual(before)
    expect(now).toBeLessThanOrEqual(Date.now())
    expect(deps.crypto).toBe(nodeCrypto)
    expect(systemClock.now()).toBeGreaterThanOrEqual(now)

    const passwords = createFakePasswordHasher()
    const clock = { now: () => 42 }
    const custom = createNodeDeps(store, { passwords, clock })
    expect(custom.passwords).toBe(passwords)
    expect(custom.clock.now()).toBe(42)
  })
})
