import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Clock, Crypto, DecisionCache, Deps, PasswordHasher, Store } from '@gatehouse/core'
import { createScryptHasher } from './scrypt-hasher.js'

export const systemClock: Clock = { now: () => Date.now() }

export const nodeCrypto: Crypto = {
  sha256Hex: (input) => createHash('sha256').update(input, 'utf8').digest('hex'),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
  uuid: () => randomUUID(),
}

export interface NodeDepsOptions {
  readonly clock?: Clock | undefined
  readonly passwords?: PasswordHasher | undefined
  /** The decision path's cache; every commit through `store` that changes an org drops it there. */
  readonly cache?: DecisionCache | undefined
}

/**
 * The production dependencies: system clock, node:crypto and scrypt password hashing, and the
 * decision cache when given (kept in step with this process's own commits; other processes'
 * commits arrive through the store's listener, see startInvalidation).
 */
export function createNodeDeps(store: Store, options: NodeDepsOptions = {}): Deps {
  const cache = options.cache
  if (cache !== undefined) {
    store.onAuthzCommit((orgIds) => {
      for (const orgId of orgIds) {
        cache.invalidateOrg(orgId)
      }
    })
  }
  return {
    store,
    clock: options.clock ?? systemClock,
    crypto: nodeCrypto,
    passwords: options.passwords ?? createScryptHasher(),
    ...(cache === undefined ? {} : { cache }),
  }
}
