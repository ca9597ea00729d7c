import type { Clock } from '../ports.js'

/*
 * Anti-automation for password logins (ASVS 4.0.3 2.2.1, 5.0 6.1.1 and 6.3.1), without malicious
 * lockout. Two limits over a sliding window:
 * - per IP, failures on any accounts (credential stuffing from one address);
 * - per account, failures from any IPs (brute force on one person). When an account is over its
 *   limit, only the IPs that failed on it within the window are refused: the owner, logging in
 *   from an address that never failed, still gets in, so an attacker cannot lock them out.
 * Every other IP gets one try per window on that account: after its first failure it is refused
 * like the rest. A success clears that IP's failures on that account.
 *
 * State lives in this process. It is bounded: at most `maxKeys` accounts, IPs and account-IP
 * pairs, and about `maxFailures` remembered failures (each some 40 bytes plus its email or
 * IP). Keys live in two generations, and the older one, whose keys have not failed since the
 * newer one began, is forgotten whole when the newer one fills up: O(1) per failure, where
 * evicting one key at a time from a Map costs more and more as deleted slots pile up. Forgetting
 * only ever allows more, so a flood of distinct keys weakens the throttle for the least recent
 * ones but never refuses anyone it should not. Behind several server processes, each node
 * counts its own requests.
 */

export interface LoginThrottleOptions {
  /** Failed attempts on one account per window (ASVS 4.0.3 2.2.1: at most 100 an hour). */
  readonly accountLimit?: number | undefined
  /** Failed attempts from one IP per window, whatever the accounts. */
  readonly ipLimit?: number | undefined
  readonly windowMs?: number | undefined
  /** Accounts, IPs and account-IP pairs tracked at once. */
  readonly maxKeys?: number | undefined
  /** Failure timestamps remembered at once, over all keys. */
  readonly maxFailures?: number | undefined
}

export type ThrottleVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number }

export const LOGIN_THROTTLE_DEFAULTS = {
  accountLimit: 100,
  ipLimit: 300,
  windowMs: 60 * 60 * 1000,
  maxKeys: 100_000,
  maxFailures: 1_000_000,
} as const

/** Longer inputs are not emails or addresses; cutting them keeps every key small. */
const MAX_ACCOUNT_LENGTH = 320
const MAX_IP_LENGTH = 64

/** One failure: when, and the other half of its account-IP pair. */
interface Failure {
  readonly at: number
  readonly other: string
}

/** Oldest first; only the last `2 × limit` are kept (see #append): a limit check needs `limit`. */
interface Log {
  readonly kind: 'log'
  readonly failures: Failure[]
}

interface Pair {
  readonly kind: 'pair'
  readonly lastAt: number
}

type Entry = Log | Pair

/** Per-process limits on failed logins per account and per IP; see the notes at the top. */
export class LoginThrottle {
  readonly #clock: Clock
  readonly #accountLimit: number
  readonly #ipLimit: number
  readonly #windowMs: number
  readonly #entries: Generations

  constructor(clock: Clock, options: LoginThrottleOptions = {}) {
    this.#clock = clock
    this.#accountLimit = positive(options.accountLimit ?? LOGIN_THROTTLE_DEFAULTS.accountLimit)
    this.#ipLimit = positive(options.ipLimit ?? LOGIN_THROTTLE_DEFAULTS.ipLimit)
    this.#windowMs = positive(options.windowMs ?? LOGIN_THROTTLE_DEFAULTS.windowMs)
    const maxKeys = positive(options.maxKeys ?? LOGIN_THROTTLE_DEFAULTS.maxKeys)
    const maxFailures = positive(options.maxFailures ?? LOGIN_THROTTLE_DEFAULTS.maxFailures)
    this.#entries = new Generations(Math.max(1, maxKeys / 2), Math.max(1, maxFailures / 2))
  }

  /** Accounts, IPs and pairs tracked now. */
  get size(): number {
    return this.#entries.size
  }

  /** Failures remembered now (each counted in its account's log and in its IP's). */
  get failureCount(): number {
    return this.#entries.weight
  }

  /** Whether a login for `email` from `ip` may be tried now (before any password check). */
  check(email: string, ip: string): ThrottleVerdict {
    const now = this.#clock.now()
    const account = normalizeAccount(email)
    const address = normalizeIp(ip)
    let releaseAt = this.#releaseAt(ipKey(address), this.#ipLimit, now) ?? now
    const accountRelease = this.#releaseAt(accountKey(account), this.#accountLimit, now)
    if (accountRelease !== undefined) {
      const pair = this.#entries.get(pairKey(account, address))
      if (pair?.kind === 'pair' && pair.lastAt > now - this.#windowMs) {
        // Refused until the account drops under its limit or this IP's failures age out.
        releaseAt = Math.max(releaseAt, Math.min(accountRelease, pair.lastAt + this.#windowMs))
      }
    }
    if (releaseAt <= now) {
      return { allowed: true }
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((releaseAt - now) / 1000)) }
  }

  /** Counts a failed (or not yet decided) attempt for `email` from `ip`. */
  recordFailure(email: string, ip: string): void {
    const now = this.#clock.now()
    const account = normalizeAccount(email)
    const address = normalizeIp(ip)
    this.#append(accountKey(account), { at: now, other: address }, this.#accountLimit)
    this.#append(ipKey(address), { at: now, other: account }, this.#ipLimit)
    this.#entries.set(pairKey(account, address), { kind: 'pair', lastAt: now })
  }

  /**
   * The person at `ip` knows the password: their earlier failures on this account were typos.
   * Only this account-IP pair is cleared; failures from other IPs, and this IP's failures on
   * other accounts, still count.
   */
  recordSuccess(email: string, ip: string): void {
    const account = normalizeAccount(email)
    const address = normalizeIp(ip)
    this.#entries.delete(pairKey(account, address))
    this.#removeWhere(accountKey(account), (f) => f.other === address)
    this.#removeWhere(ipKey(address), (f) => f.other === account)
  }

  /** When the log of `key` drops under `limit` failures in the window; undefined if it is under. */
  #releaseAt(key: string, limit: number, now: number): number | undefined {
    const entry = this.#entries.get(key)
    if (entry?.kind !== 'log') {
      return undefined
    }
    const { failures } = entry
    const fromEnd = failures.length - limit
    const oldest = fromEnd < 0 ? undefined : failures[fromEnd]
    if (oldest === undefined || oldest.at <= now - this.#windowMs) {
      return undefined
    }
    return oldest.at + this.#windowMs
  }

  #append(key: string, failure: Failure, limit: number): void {
    const existing = this.#entries.get(key)
    const failures = existing?.kind === 'log' ? [...existing.failures] : []
    const last = failures.at(-1)
    failures.push(failure)
    if (last !== undefined && last.at > failure.at) {
      // The clock stepped back: keep the log in time order, which #releaseAt relies on.
      failures.sort((a, b) => a.at - b.at)
    }
    // Twice the limit, not the limit: login records an attempt before checking the password and
    // takes it back on success, and that attempt must not push out a failure the limit needs.
    const keep = 2 * limit
    if (failures.length > keep) {
      failures.splice(0, failures.length - keep)
    }
    this.#entries.set(key, { kind: 'log', failures })
  }

  #removeWhere(key: string, drop: (failure: Failure) => boolean): void {
    const entry = this.#entries.get(key)
    if (entry?.kind !== 'log') {
      return
    }
    const failures = entry.failures.filter((f) => !drop(f))
    if (failures.length === 0) {
      this.#entries.delete(key)
    } else if (failures.length < entry.failures.length) {
      this.#entries.set(key, { kind: 'log', failures })
    }
  }
}

function weightOf(entry: Entry): number {
  return entry.kind === 'log' ? entry.failures.length : 0
}

/**
 * Entries in two generations. Writing a key moves it into the newer one; when the newer one
 * reaches half the key bound or half the failure bound, the older one is forgotten whole and
 * the newer one becomes the older. So both bounds hold (to within one log), the entries written
 * most recently always survive, and eviction costs O(1) per write. Entries are replaced, never
 * changed in place, so each generation's weight stays exact.
 */
class Generations {
  readonly #halfKeys: number
  readonly #halfWeight: number
  #newer = new Map<string, Entry>()
  #older = new Map<string, Entry>()
  #newerWeight = 0
  #olderWeight = 0

  constructor(halfKeys: number, halfWeight: number) {
    this.#halfKeys = halfKeys
    this.#halfWeight = halfWeight
  }

  get size(): number {
    return this.#newer.size + this.#older.size
  }

  get weight(): number {
    return this.#newerWeight + this.#olderWeight
  }

  get(key: string): Entry | undefined {
    return this.#newer.get(key) ?? this.#older.get(key)
  }

  set(key: string, entry: Entry): void {
    this.delete(key)
    this.#newer.set(key, entry)
    this.#newerWeight += weightOf(entry)
    if (this.#newer.size >= this.#halfKeys || this.#newerWeight >= this.#halfWeight) {
      this.#older = this.#newer
      this.#olderWeight = this.#newerWeight
      this.#newer = new Map()
      this.#newerWeight = 0
    }
  }

  delete(key: string): void {
    const newer = this.#newer.get(key)
    if (newer !== undefined) {
      this.#newer.delete(key)
      this.#newerWeight -= weightOf(newer)
    }
    const older = this.#older.get(key)
    if (older !== undefined) {
      this.#older.delete(key)
      this.#olderWeight -= weightOf(older)
    }
  }
}

function positive(value: number): number {
  if (!Number.isFinite(value) || value < 1) {
    throw new RangeError(`LoginThrottle limits must be positive numbers, got ${value}`)
  }
  return value
}

/** The account as authenticatePassword looks it up. */
function normalizeAccount(email: string): string {
  // Cut before lower-casing too: the work done on an attacker's string stays bounded.
  return email
    .slice(0, 4 * MAX_ACCOUNT_LENGTH)
    .trim()
    .toLowerCase()
    .slice(0, MAX_ACCOUNT_LENGTH)
}

function normalizeIp(ip: string): string {
  return ip
    .slice(0, 4 * MAX_IP_LENGTH)
    .trim()
    .toLowerCase()
    .slice(0, MAX_IP_LENGTH)
}

function accountKey(account: string): string {
  return `a:${account}`
}

function ipKey(ip: string): string {
  return `i:${ip}`
}

/** Length-prefixed, so that no other account and IP spell the same key. */
function pairKey(account: string, ip: string): string {
  return `p:${account.length}:${account}:${ip}`
}
