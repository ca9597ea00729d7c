import { randomUUID } from 'node:crypto'
import {
  type Clock,
  type LoginThrottle,
  type LoginThrottleLimits,
  type LoginThrottleOptions,
  loginThrottleLimits,
  type ThrottleVerdict,
  throttleKeys,
  throttleVerdict,
} from '@gatehouse/core'
import type { Connection } from './connection.js'
import type { Db } from './rows.js'

/*
 * The login throttle's failures in the database, so that every node behind one PostgreSQL
 * counts the same attempts: three nodes allow what one allows. The rules are core's
 * (throttleVerdict); this file keeps one row per counted attempt and answers the three facts the
 * rules need.
 *
 * One step per attempt: the check and the insert run in one transaction holding a lock on the
 * account and one on the IP (advisory locks on PostgreSQL, taken in sorted order), so concurrent
 * attempts on any node are counted one after the other and no more than the limit get through.
 * Reads that only check take no lock.
 *
 * Bounded: an IP over its limit is refused before anything is written, so the window holds at
 * most `ipLimit` rows per IP. Rows older than the window count for nothing and are deleted, and
 * a cap (`maxFailures`, 1,000,000 by default) bounds the table against floods from many
 * addresses: past it the oldest rows go first. Forgetting only ever allows more. Pruning runs
 * every PRUNE_EVERY attempts counted on a node, in a transaction of its own, by one node at a
 * time (a lock that the others skip rather than wait for). A success deletes rows too, so it
 * waits while a prune runs: two deletes of one row set in different orders could deadlock. The
 * names are always locked in one order (account, IP, prune), so no two callers wait on each
 * other.
 */

/** Counted attempts between two prunes on one node. */
const PRUNE_EVERY = 64
/** Prunes between two counts of the whole table for the cap. */
const CAP_CHECK_EVERY = 16
/** Rows deleted by one statement at most: a prune never holds its lock for long. */
const PRUNE_BATCH = 10_000
const PRUNE_LOCK = 'login-throttle:prune'

export interface PruneResult {
  /** Rows that had left the window. */
  readonly expired: number
  /** The oldest rows over the cap. */
  readonly overCap: number
}

/** A LoginThrottle over the database of `connection`; see the notes at the top. */
export class SqlLoginThrottle implements LoginThrottle {
  readonly #connection: Connection
  readonly #clock: Clock
  readonly #limits: LoginThrottleLimits
  #sincePrune = 0
  #prunes = 0

  constructor(connection: Connection, clock: Clock, options: LoginThrottleOptions = {}) {
    this.#connection = connection
    this.#clock = clock
    this.#limits = loginThrottleLimits(options)
  }

  check(email: string, ip: string): Promise<ThrottleVerdict> {
    return this.#verdict(this.#connection.db, throttleKeys(email, ip), this.#clock.now())
  }

  async attempt(email: string, ip: string): Promise<ThrottleVerdict> {
    const keys = throttleKeys(email, ip)
    const verdict = await this.#connection.transaction(async (trx) => {
      await this.#lockKeys(trx, keys)
      const now = this.#clock.now()
      const found = await this.#verdict(trx, keys, now)
      if (found.allowed) {
        await this.#insert(trx, keys, now)
      }
      return found
    })
    if (verdict.allowed) {
      await this.#counted()
    }
    return verdict
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const keys = throttleKeys(email, ip)
    await this.#connection.transaction(async (trx) => {
      await this.#lockKeys(trx, keys)
      await this.#insert(trx, keys, this.#clock.now())
    })
    await this.#counted()
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    const keys = throttleKeys(email, ip)
    await this.#connection.transaction(async (trx) => {
      // The pair's locks too: two successes of one pair delete the same rows one after the other.
      await this.#lockKeys(trx, keys)
      await this.#connection.lockNames(trx, [PRUNE_LOCK], 'shared')
      await trx
        .deleteFrom('login_failures')
        .where('account', '=', keys.account)
        .where('ip', '=', keys.ip)
        .execute()
    })
  }

  /** Rows kept now (tests and operators; counts the whole table). */
  async size(): Promise<number> {
    return countRows(this.#connection.db)
  }

  /**
   * Deletes the rows that left the window and, every CAP_CHECK_EVERY prunes (or when `cap` is
   * true), the oldest rows over the cap; nothing when another node is pruning.
   */
  async prune(options: { cap?: boolean } = {}): Promise<PruneResult> {
    const checkCap = options.cap === true || ++this.#prunes % CAP_CHECK_EVERY === 0
    return this.#connection.transaction(async (trx) => {
      if (!(await this.#connection.tryLockName(trx, PRUNE_LOCK))) {
        return { expired: 0, overCap: 0 }
      }
      const since = this.#clock.now() - this.#limits.windowMs
      const expired = await deleteOldest(trx, PRUNE_BATCH, since)
      let overCap = 0
      if (checkCap) {
        const excess = (await countRows(trx)) - this.#limits.maxFailures
        if (excess > 0) {
          overCap = await deleteOldest(trx, Math.min(excess, PRUNE_BATCH))
        }
      }
      return { expired, overCap }
    })
  }

  async #counted(): Promise<void> {
    if (++this.#sincePrune >= PRUNE_EVERY) {
      this.#sincePrune = 0
      await this.prune()
    }
  }

  async #lockKeys(trx: Db, keys: { account: string; ip: string }): Promise<void> {
    // Prefixed so that an account and an IP spelled alike are two locks.
    await this.#connection.lockNames(trx, [`a:${keys.account}`, `i:${keys.ip}`], 'exclusive')
  }

  async #insert(trx: Db, keys: { account: string; ip: string }, at: number): Promise<void> {
    await trx
      .insertInto('login_failures')
      .values({ id: randomUUID(), account: keys.account, ip: keys.ip, at })
      .execute()
  }

  async #verdict(
    db: Db,
    keys: { account: string; ip: string },
    now: number,
  ): Promise<ThrottleVerdict> {
    const { accountLimit, ipLimit, windowMs } = this.#limits
    const since = now - windowMs
    const limitAt = async (column: 'account' | 'ip', value: string, limit: number) => {
      const row = await db
        .selectFrom('login_failures')
        .select('at')
        .where(column, '=', value)
        .where('at', '>', since)
        .orderBy('at', 'desc')
        .limit(1)
        .offset(limit - 1)
        .executeTakeFirst()
      return row === undefined ? undefined : Number(row.at)
    }
    const ipLimitAt = await limitAt('ip', keys.ip, ipLimit)
    const accountLimitAt = await limitAt('account', keys.account, accountLimit)
    let pairLastAt: number | undefined
    if (accountLimitAt !== undefined) {
      // Only an account over its limit asks whether this IP failed on it.
      const row = await db
        .selectFrom('login_failures')
        .select((eb) => eb.fn.max('at').as('last'))
        .where('account', '=', keys.account)
        .where('ip', '=', keys.ip)
        .where('at', '>', since)
        .executeTakeFirst()
      pairLastAt = row?.last === null || row?.last === undefined ? undefined : Number(row.last)
    }
    return throttleVerdict({ now, windowMs, ipLimitAt, accountLimitAt, pairLastAt })
  }
}

/** Deletes up to `limit` of the oldest rows (only those at or before `upTo`, if given). */
async function deleteOldest(trx: Db, limit: number, upTo?: number): Promise<number> {
  let oldest = trx.selectFrom('login_failures').select('id').orderBy('at').limit(limit)
  if (upTo !== undefined) {
    oldest = oldest.where('at', '<=', upTo)
  }
  const result = await trx.deleteFrom('login_failures').where('id', 'in', oldest).executeTakeFirst()
  return Number(result.numDeletedRows)
}

async function countRows(db: Db): Promise<number> {
  const counted = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('rows'))
    .executeTakeFirst()
  return Number(counted?.rows ?? 0)
}
