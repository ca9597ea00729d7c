import type {
  CachedCredential,
  CacheTicket,
  Clock,
  DecisionCache,
  DecisionCacheStats,
  OrgIndex,
} from '../ports.js'
import { Lru } from './lru.js'

export interface DecisionCacheOptions {
  readonly clock: Clock
  /** Credentials kept (by SHA-256 of the secret); default 100,000. */
  readonly maxCredentials?: number | undefined
  /** Org indexes kept; default 1,000. */
  readonly maxOrgs?: number | undefined
  /** The outer bound on any entry's age, whatever invalidation says; default 30 s. */
  readonly ttlMs?: number | undefined
}

interface Entry<V> {
  readonly value: V
  readonly orgId: string
  /** The invalidation counter when stored; older than its org's last invalidation = stale. */
  readonly epoch: number
}

/**
 * The decision cache in this process's memory, bounded in entries (LRU) and age (TTL). An org's
 * invalidation drops its index at once and its credentials lazily, on their next look.
 */
export class LruDecisionCache implements DecisionCache {
  readonly #credentials: Lru<string, Entry<CachedCredential>>
  readonly #orgs: Lru<string, Entry<OrgIndex>>
  /** Per org, the counter value of its last invalidation since the last flush. */
  readonly #invalidatedAt = new Map<string, number>()
  /** Org indexes being compiled: concurrent misses of one org wait for one compilation. */
  readonly #loading = new Map<string, Promise<OrgIndex>>()
  #counter = 0
  #flushedAt = 0
  #suspended = false
  #credentialHits = 0
  #credentialMisses = 0
  #orgHits = 0
  #orgMisses = 0
  #invalidations = 0
  #flushes = 0

  constructor(options: DecisionCacheOptions) {
    const ttlMs = options.ttlMs ?? 30_000
    this.#credentials = new Lru({
      maxEntries: options.maxCredentials ?? 100_000,
      ttlMs,
      clock: options.clock,
    })
    this.#orgs = new Lru({ maxEntries: options.maxOrgs ?? 1_000, ttlMs, clock: options.clock })
  }

  get suspended(): boolean {
    return this.#suspended
  }

  ticket(): CacheTicket {
    return this.#counter
  }

  credential(secretHash: string, countMiss = true): CachedCredential | undefined {
    const entry = this.#fresh(this.#credentials, secretHash)
    if (entry === undefined) {
      if (countMiss) {
        this.#credentialMisses++
      }
      return undefined
    }
    this.#credentialHits++
    return entry.value
  }

  storeCredential(secretHash: string, value: CachedCredential, ticket: CacheTicket): void {
    const orgId = value.actor.credential.orgId
    if (orgId !== null && this.#fillable(orgId, ticket)) {
      this.#credentials.set(secretHash, { value, orgId, epoch: this.#counter })
    }
  }

  org(orgId: string, countMiss = true): OrgIndex | undefined {
    const entry = this.#fresh(this.#orgs, orgId)
    if (entry === undefined) {
      if (countMiss) {
        this.#orgMisses++
      }
      return undefined
    }
    this.#orgHits++
    return entry.value
  }

  storeOrg(index: OrgIndex, ticket: CacheTicket): void {
    const orgId = index.org.id
    if (this.#fillable(orgId, ticket)) {
      this.#orgs.set(orgId, { value: index, orgId, epoch: this.#counter })
    }
  }

  async fill(orgId: string, compile: () => Promise<OrgIndex>): Promise<OrgIndex> {
    const pending = this.#loading.get(orgId)
    if (pending !== undefined) {
      return pending
    }
    const ticket = this.ticket()
    const loading = compile().then((index) => {
      this.storeOrg(index, ticket)
      return index
    })
    this.#loading.set(orgId, loading)
    try {
      return await loading
    } finally {
      if (this.#loading.get(orgId) === loading) {
        this.#loading.delete(orgId)
      }
    }
  }

  invalidateOrg(orgId: string): void {
    this.#counter++
    this.#invalidatedAt.set(orgId, this.#counter)
    this.#orgs.delete(orgId)
    // A compilation under way may have read the old state: later misses must not join it.
    this.#loading.delete(orgId)
    this.#invalidations++
  }

  flush(): void {
    this.#counter++
    this.#flushedAt = this.#counter
    this.#invalidatedAt.clear()
    this.#loading.clear()
    this.#credentials.clear()
    this.#orgs.clear()
    this.#flushes++
  }

  suspend(): void {
    this.#suspended = true
    this.flush()
  }

  resume(): void {
    this.flush()
    this.#suspended = false
  }

  stats(): DecisionCacheStats {
    return {
      credentialHits: this.#credentialHits,
      credentialMisses: this.#credentialMisses,
      orgHits: this.#orgHits,
      orgMisses: this.#orgMisses,
      invalidations: this.#invalidations,
      flushes: this.#flushes,
      credentialEntries: this.#credentials.size,
      orgEntries: this.#orgs.size,
    }
  }

  #fresh<V>(lru: Lru<string, Entry<V>>, key: string): Entry<V> | undefined {
    if (this.#suspended) {
      return undefined
    }
    const entry = lru.get(key)
    if (entry === undefined) {
      return undefined
    }
    if (entry.epoch < (this.#invalidatedAt.get(entry.orgId) ?? 0)) {
      lru.delete(key)
      return undefined
    }
    return entry
  }

  #fillable(orgId: string, ticket: CacheTicket): boolean {
    return (
      !this.#suspended &&
      this.#flushedAt <= ticket &&
      (this.#invalidatedAt.get(orgId) ?? 0) <= ticket
    )
  }
}
