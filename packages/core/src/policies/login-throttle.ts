import type { Clock, LoginThrottle, ThrottleVerdict } from '../ports.js'

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
 * The rules are here (throttleVerdict and the normalisation of keys); where the failures are
 * kept is a port (LoginThrottle in ports.ts). InProcessLoginThrottle keeps them in this process:
 * right for one node (SQLite, tests). Behind several server processes each would count only its
 * own requests, so the server keeps them in the shared database there instead.
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

export const LOGIN_THROTTLE_DEFAULTS = {
  accountLimit: 100,
  ipLimit: 300,
  windowMs: 60 * 60 * 1000,
  maxKeys: 100_000,
  maxFailures: 1_000_000,
} as const

export type LoginThrottleLimits = { readonly [K in keyof typeof LOGIN_THROTTLE_DEFAULTS]: number }

/** The options with their defaults, checked. @throws RangeError for a limit that is not ≥ 1 */
export function loginThrottleLimits(options: LoginThrottleOptions = {}): LoginThrottleLimits {
  return {
    accountLimit: positive(options.accountLimit ?? LOGIN_THROTTLE_DEFAULTS.accountLimit),
    ipLimit: positive(options.ipLimit ?? LOGIN_THROTTLE_DEFAULTS.ipLimit),
    windowMs: positive(options.windowMs ?? LOGIN_THROTTLE_DEFAULTS.windowMs),
    maxKeys: positive(options.maxKeys ?? LOGIN_THROTTLE_DEFAULTS.maxKeys),
    maxFailures: positive(options.maxFailures ?? LOGIN_THROTTLE_DEFAULTS.maxFailures),
  }
}

/** Longer inputs are not emails or addresses; cutting them keeps every key small. */
const MAX_ACCOUNT_LENGTH = 320
const MAX_IP_LENGTH = 64

/** What a store knows about one login's account and IP, within the window ending `now`. */
export interface ThrottleFacts {
  readonly now: number
  readonly windowMs: number
  /** When the IP's `ipLimit`-th most recent failure happened; undefined if it has fewer. */
  readonly ipLimitAt: number | undefined
  /** When the account's `accountLimit`-th most recent failure happened; likewise. */
  readonly accountLimitAt: number | undefined
  /** The latest failure of this account from this IP; undefined if none. */
  readonly pairLastAt: number | undefined
}

/** The rule, whichever store counted: see the notes at the top. */
export function throttleVerdict(facts: ThrottleFacts): ThrottleVerdict {
  const { now, windowMs } = facts
  const since = now - windowMs
  const releaseOf = (at: number | undefined) =>
    at === undefined || at <= since ? undefined : at + windowMs
  let releaseAt = releaseOf(facts.ipLimitAt) ?? now
  const accountRelease = releaseOf(facts.accountLimitAt)
  if (accountRelease !== undefined) {
    const pairLastAt = facts.pairLastAt
    if (pairLastAt !== undefined && pairLastAt > since) {
      // Refused until the account drops under its limit or this IP's failures age out.
      releaseAt = Math.max(releaseAt, Math.min(accountRelease, pairLastAt + windowMs))
    }
  }
  if (releaseAt <= now) {
    return { allowed: true }
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((releaseAt - now) / 1000)) }
}

/** The account and IP as the throttle counts them: trimmed, lower-cased, cut to a bound. */
export function throttleKeys(email: string, ip: string): { account: string; ip: string } {
  return { account: normalizeAccount(email), ip: normalizeIp(ip) }
}

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

/**
 * The failures in this process's memory. It is bounded: at most `maxKeys` accounts, IPs and
 * account-IP pairs, and about `maxFailures` remembered failures (each some 40 bytes plus its
 * email or IP). Keys live in two generations, and the older one, whose keys have not failed
 * since the newer one began, is forgotten whole when the newer one fills up: O(1) per failure,
 * where evicting one key at a time from a Map costs more and more as deleted slots pile up.
 * Forgetting only ever allows more, so a flood of distinct keys weakens the throttle for the
 * least recent ones but never refuses anyone it should not. Every method finishes before it
 * returns its promise, so `attempt` is one step by construction.
 */
export class InProcessLoginThrottle implements LoginThrottle {
  readonly #clock: Clock
  readonly #accountLimit: number
  readonly #ipLimit: number
  readonly #windowMs: number
  readonly #entries: Generations

  constructor(clock: Clock, options: LoginThrottleOptions = {}) {
    const limits = loginThrottleLimits(options)
    this.#clock = clock
    this.#accountLimit = limits.accountLimit
    this.#ipLimit = limits.ipLimit
    this.#windowMs = limits.windowMs
    this.#entries = new Generations(
      Math.max(1, limits.maxKeys / 2),
      Math.max(1, limits.maxFailures / 2),
    )
  }

  /** Accounts, IPs and pairs tracked now. */
  get size(): number {
    return this.#entries.size
  }

  /** Failures remembered now (each counted in its account's log and in its IP's). */
  get failureCount(): number {
    return this.#entries.weight
  }

  check(email: string, ip: string): Promise<ThrottleVerdict> {
    return Promise.resolve(this.#check(email, ip))
  }

  attempt(email: string, ip: string): Promise<ThrottleVerdict> {
    const verdict = this.#check(email, ip)
    if (verdict.allowed) {
      this.#recordFailure(email, ip)
    }
    return Promise.resolve(verdict)
  }

  recordFailure(email: string, ip: string): Promise<void> {
    this.#recordFailure(email, ip)
    return Promise.resolve()
  }

  recordSuccess(email: string, ip: string): Promise<void> {
    const { account, ip: address } = throttleKeys(email, ip)
    this.#entries.delete(pairKey(account, address))
    this.#removeWhere(accountKey(account), (f) => f.other === address)
    this.#removeWhere(ipKey(address), (f) => f.other === account)
    return Promise.resolve()
  }

  #check(email: string, ip: string): ThrottleVerdict {
    const now = this.#clock.now()
    const { account, ip: address } = throttleKeys(email, ip)
    const pair = this.#entries.get(pairKey(account, address))
    return throttleVerdict({
      now,
      windowMs: this.#windowMs,
      ipLimitAt: this.#limitAt(ipKey(address), this.#ipLimit),
      accountLimitAt: this.#limitAt(accountKey(account), this.#accountLimit),
      pairLastAt: pair?.kind === 'pair' ? pair.lastAt : undefined,
    })
  }

  #recordFailure(email: string, ip: string): void {
    const now = this.#clock.now()
    const { account, ip: address } = throttleKeys(email, ip)
    this.#append(accountKey(account), { at: now, other: address }, this.#accountLimit)
    this.#append(ipKey(address), { at: now, other: account }, this.#ipLimit)
    this.#entries.set(pairKey(account, address), { kind: 'pair', lastAt: now })
  }

  /** When the `limit`-th most recent failure of `key` happened; undefined if it has fewer. */
  #limitAt(key: string, limit: number): number | undefined {
    const entry = this.#entries.get(key)
    if (entry?.kind !== 'log') {
      return undefined
    }
    const { failures } = entry
    const fromEnd = failures.length - limit
    return fromEnd < 0 ? undefined : failures[fromEnd]?.at
  }

  #append(key: string, failure: Failure, limit: number): void {
    const existing = this.#entries.get(key)
    const failures = existing?.kind === 'log' ? [...existing.failures] : []
    const last = failures.at(-1)
    failures.push(failure)
    if (last !== undefined && last.at > failure.at) {
      // The clock stepped back: keep the log in time order, which #limitAt relies on.
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
