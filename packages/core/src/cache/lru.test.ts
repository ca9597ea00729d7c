import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../testing/test-deps.js'
import { Lru } from './lru.js'

describe('Lru', () => {
  it('evicts the least recently read entry when full', () => {
    const lru = new Lru<string, number>({ maxEntries: 2, ttlMs: 1000, clock: createFixedClock() })
    lru.set('a', 1)
    lru.set('b', 2)
    expect(lru.get('a')).toBe(1)
    lru.set('c', 3)
    expect(lru.get('b')).toBeUndefined()
    expect(lru.get('a')).toBe(1)
    expect(lru.get('c')).toBe(3)
    expect(lru.size).toBe(2)
  })

  it('keeps an entry that is read often while many others come and go', () => {
    const lru = new Lru<string, number>({ maxEntries: 10, ttlMs: 1000, clock: createFixedClock() })
    lru.set('hot', 0)
    for (let i = 0; i < 100; i++) {
      lru.set(`cold-${i}`, i)
      expect(lru.get('hot')).toBe(0)
    }
    expect(lru.get('cold-0')).toBeUndefined()
    expect(lru.size).toBe(10)
  })

  it('forgets an entry at its TTL exactly, and a re-set starts a new TTL', () => {
    const clock = createFixedClock()
    const lru = new Lru<string, number>({ maxEntries: 10, ttlMs: 100, clock })
    lru.set('a', 1)
    clock.advance(99)
    expect(lru.get('a')).toBe(1)
    lru.set('a', 2)
    clock.advance(99)
    expect(lru.get('a')).toBe(2)
    clock.advance(1)
    expect(lru.get('a')).toBeUndefined()
    expect(lru.size).toBe(0)
  })

  it('stays at its bound under a stream of distinct keys', () => {
    const lru = new Lru<number, number>({ maxEntries: 100, ttlMs: 1000, clock: createFixedClock() })
    for (let i = 0; i < 10_000; i++) {
      lru.set(i, i)
    }
    expect(lru.size).toBe(100)
    expect(lru.get(9_999)).toBe(9_999)
    expect(lru.get(9_899)).toBeUndefined()
  })

  it('refuses bounds that cannot hold anything', () => {
    const clock = createFixedClock()
    expect(() => new Lru({ maxEntries: 0, ttlMs: 1, clock })).toThrow(RangeError)
    expect(() => new Lru({ maxEntries: 1, ttlMs: 0, clock })).toThrow(RangeError)
  })
})
