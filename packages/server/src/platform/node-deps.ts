import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Clock, Crypto, Deps, PasswordHasher, Store } from '@gatehouse/core'
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
}

/** The production dependencies: system clock, node:crypto and scrypt password hashing. */
export function createNodeDeps(store: Store, options: NodeDepsOptions = {}): Deps {
  return {
    store,
    clock: options.clock ?? systemClock,
    crypto: nodeCrypto,
    passwords: options.passwords ?? createScryptHasher(),
  }
}
