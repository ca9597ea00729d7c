import type { Clock } from '../ports.js'

interface Slot<V> {
  readonly value: V
  readonly expiresAt: number
  /** The write count when it was last (re)inserted: how far from the eviction end it is. */
  order: number
}

/**
 * A map bounded in entries and in age: the least recently read entry goes first when it is
 * full (approximately, see get), and no entry outlives `ttlMs`. A Map keeps insertion order, so
 * re-inserting on a hit moves a key away from the eviction end.
 */
export class Lru<K, V> {
  readonly #slots = new Map<K, Slot<V>>()
  readonly #max: number
  readonly #ttlMs: number
  readonly #clock: Clock
  #writes = 0

  constructor(options: { maxEntries: number; ttlMs: number; clock: Clock }) {
    if (!(options.maxEntries >= 1) || !(options.ttlMs > 0)) {
      throw new RangeError('Lru needs maxEntries >= 1 and ttlMs > 0')
    }
    this.#max = Math.floor(options.maxEntries)
    this.#ttlMs = options.ttlMs
    this.#clock = options.clock
  }

  get size(): number {
    return this.#slots.size
  }

  get(key: K): V | undefined {
    const slot = this.#slots.get(key)
    if (slot === undefined) {
      return undefined
    }
    if (slot.expiresAt <= this.#clock.now()) {
      this.#slots.delete(key)
      return undefined
    }
    // Re-inserting costs two hash-table writes on every read; an entry still in the newer half of
    // the order is far from eviction, so only the older half moves (a hot entry moves rarely).
    if (this.#writes - slot.order >= this.#max / 2) {
      this.#slots.delete(key)
      slot.order = ++this.#writes
      this.#slots.set(key, slot)
    }
    return slot.value
  }

  set(key: K, value: V): void {
    this.#slots.delete(key)
    if (this.#slots.size >= this.#max) {
      const oldest = this.#slots.keys().next()
      if (oldest.done !== true) {
        this.#slots.delete(oldest.value)
      }
    }
    this.#slots.set(key, {
      value,
      expiresAt: this.#clock.now() + this.#ttlMs,
      order: ++this.#writes,
    })
  }

  delete(key: K): void {
    this.#slots.delete(key)
  }

  clear(): void {
    this.#slots.clear()
  }
}
