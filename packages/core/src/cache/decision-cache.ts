import type { Actor } from '../actor.js'
import type { Evaluator } from '../authz/evaluate.js'
import type { Organization } from '../model/entities.js'
import type { Clock } from '../ports.js'
import { Lru } from './lru.js'

/** A live API key or service token as the decision path needs it. */
export interface CachedCredential {
  readonly actor: Actor
  /** Checked on every use: an expiring key stops at its time even while cached. */
  readonly expiresAt: number | null
}

/** One org's authorization world, compiled once per authorization version. */
export interface OrgIndex {
  readonly org: Organization
  readonly evaluator: Evaluator
  /** Live projects of the org. */
  readonly projects: ReadonlySet<string>
  /** Live roles the org defined (system roles are nobody's objects). */
  readonly roles: ReadonlySet<string>
}

export interface DecisionCacheOptions {
  readonly clock: Clock
  /** Credentials kept (by SHA-256 of the secret); default 100,000. */
  readonly maxCredentials?: number | undefined
  /** Org indexes kept; default 1,000. */
  readonly maxOrgs?: number | undefined
  /** The outer bound on any entry's age, whatever invalidation says; default 30 s. */
  readonly ttlMs?: number | undefined
}

export interface DecisionCacheStats {
  readonly credentialHits: number
  readonly credentialMisses: number
  readonly orgHits: number
  readonly orgMisses: number
  readonly invalidations: number
  readonly flushes: number
  readonly credentialEntries: number
  readonly orgEntries: number
}

/**
 * Taken before reading the database to fill the cache. A fill whose org was invalidated (or the
 * cache flushed) after its ticket is dropped: it may hold what the invalidation took away.
 */
export type CacheTicket = number

interface Entry<V> {
  readonly value: V
  readonly orgId: string
  /** The invalidation counter when stored; older than its org's last invalidation = stale. */
  readonly epoch: number
}

/**
 * The decision path's memory: credentials by hash and org indexes by org id. Bounded in entries
 * (LRU) and age (TTL); an org's invalidation drops its index and, lazily, every credential of
 * that org. While suspended (the cross-node invalidation feed is down) it answers nothing, so
 * every decision reads the database: a missed revocation is never served from memory.
 */
export class DecisionCache {
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

  /**
   * The cached credential of this hash. `countMiss: false` for a look that a full lookup follows
   * on a miss (which counts it), so that one request is one miss in the metrics.
   */
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

  /** The org's cached index; `countMiss` as for {@link credential}. */
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

  /**
   * After a miss: the compilation of the org's index already under way, else `compile()` (whose
   * result is stored unless the org changed meanwhile). A burst of requests to an org whose index
   * was just invalidated compiles it once, not once per request.
   */
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

  /** The org's grants, members or credentials changed: nothing cached about it stays usable. */
  invalidateOrg(orgId: string): void {
    this.#counter++
    this.#invalidatedAt.set(orgId, this.#counter)
    this.#orgs.delete(orgId)
    // A compilation under way may have read the old state: later misses must not join it.
    this.#loading.delete(orgId)
    this.#invalidations++
  }

  /** Forgets everything (e.g. invalidations may have been missed). */
  flush(): void {
    this.#counter++
    this.#flushedAt = this.#counter
    this.#invalidatedAt.clear()
    this.#loading.clear()
    this.#credentials.clear()
    this.#orgs.clear()
    this.#flushes++
  }

  /** Stops answering until {@link resume}; what was cached is forgotten. */
  suspend(): void {
    this.#suspended = true
    this.flush()
  }

  /** Answers again, from an empty cache. */
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
