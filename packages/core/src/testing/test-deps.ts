import { type DecisionCacheOptions, LruDecisionCache } from '../cache/decision-cache.js'
import { assertPasswordHashable } from '../credentials/password-policy.js'
import type { Clock, Crypto, Deps, PasswordHasher } from '../ports.js'
import { createMemoryStore } from './memory-store.js'
import { sha256Hex } from './sha256.js'

/** 2026-01-01T00:00:00Z: the default time of every test world. */
export const DEFAULT_NOW = 1_767_225_600_000

/** A clock that moves only when the test says so. */
export interface FixedClock extends Clock {
  set(ms: number): void
  advance(ms: number): void
}

export interface TestDeps extends Deps {
  readonly clock: FixedClock
}

export interface TestDepsOptions {
  readonly now?: number | undefined
  /** Seeds the deterministic random source: same seed, same ids and secrets. */
  readonly seed?: number | undefined
  /** With a decision cache on the test clock, invalidated by the store's commits as in production. */
  readonly cache?: boolean | Omit<DecisionCacheOptions, 'clock'> | undefined
}

/** A clock at `start` (default {@link DEFAULT_NOW}) that moves only by set and advance. */
export function createFixedClock(start: number = DEFAULT_NOW): FixedClock {
  let current = start
  return {
    now: () => current,
    set: (ms) => {
      current = ms
    },
    advance: (ms) => {
      current += ms
    },
  }
}

/** mulberry32: tiny, fast and good enough to make distinct ids; never a CSPRNG. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/** Deterministic Crypto: real SHA-256, seeded bytes, well-formed v4 UUIDs built from them. */
export function createTestCrypto(seed = 0x9e3779b9): Crypto {
  const next = mulberry32(seed)
  const randomBytes = (length: number): Uint8Array => {
    const bytes = new Uint8Array(length)
    for (let i = 0; i < length; i += 4) {
      let word = next()
      for (let j = i; j < Math.min(i + 4, length); j++) {
        bytes[j] = word & 0xff
        word >>>= 8
      }
    }
    return bytes
  }
  return {
    sha256Hex,
    randomBytes,
    uuid: () => {
      const b = randomBytes(16)
      b[6] = ((b[6] as number) & 0x0f) | 0x40
      b[8] = ((b[8] as number) & 0x3f) | 0x80
      const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
    },
  }
}

const FAKE_PREFIX = 'fake$'

/**
 * A password hasher that costs nothing, for tests only. It refuses oversized passwords exactly
 * like the real one, so tests of that rule hold on both.
 * @throws PASSWORD_TOO_LONG
 */
export function createFakePasswordHasher(): PasswordHasher {
  return {
    hash: async (password) => {
      assertPasswordHashable(password)
      return `${FAKE_PREFIX}${sha256Hex(password)}`
    },
    verify: async (password, stored) => {
      assertPasswordHashable(password)
      return stored.startsWith(FAKE_PREFIX) && stored === `${FAKE_PREFIX}${sha256Hex(password)}`
    },
  }
}

/** Everything a use case needs, in memory and deterministic. */
export function createTestDeps(options: TestDepsOptions = {}): TestDeps {
  const store = createMemoryStore()
  const clock = createFixedClock(options.now ?? DEFAULT_NOW)
  const deps = {
    store,
    clock,
    crypto: createTestCrypto(options.seed),
    passwords: createFakePasswordHasher(),
  }
  if (options.cache === undefined || options.cache === false) {
    return deps
  }
  const cache = new LruDecisionCache({ ...(options.cache === true ? {} : options.cache), clock })
  store.onAuthzCommit((orgIds) => {
    for (const orgId of orgIds) {
      cache.invalidateOrg(orgId)
    }
  })
  return { ...deps, cache }
}
