import { afterEach, describe, expect, it } from 'vitest'
import { LOGIN_THROTTLE_DEFAULTS, type LoginThrottleOptions } from '../policies/login-throttle.js'
import type { LoginThrottle, ThrottleVerdict } from '../ports.js'
import { createFixedClock, type FixedClock } from './test-deps.js'

/*
 * The login throttle contract: what every LoginThrottle (in this process, or in a database that
 * several nodes share) must do. The rules are core's; this suite checks that a store keeps and
 * answers the failures so that the rules come out the same.
 */

export interface OpenedThrottle {
  readonly throttle: LoginThrottle
  close(): Promise<void>
}

/** Opens a throttle with no failures recorded, on `clock`. */
export type OpenThrottle = (
  clock: FixedClock,
  options: LoginThrottleOptions,
) => Promise<OpenedThrottle>

const HOUR = 60 * 60 * 1000
const MINUTE = 60 * 1000

const VICTIM = 'victim@example.com'
const VICTIM_IP = '198.51.100.7'
const ATTACKER_IP = '203.0.113.66'

export function runLoginThrottleContract(name: string, open: OpenThrottle): void {
  describe(`login throttle contract (${name})`, () => {
    const opened: OpenedThrottle[] = []

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((o) => o.close()))
    })

    async function world(options: LoginThrottleOptions = {}) {
      const clock = createFixedClock()
      const o = await open(clock, options)
      opened.push(o)
      return { clock, throttle: o.throttle }
    }

    async function fail(t: LoginThrottle, email: string, ip: string, times: number) {
      for (let i = 0; i < times; i++) {
        await t.recordFailure(email, ip)
      }
    }

    it('allows 100 failures on an account, then refuses that IP with a shrinking Retry-After', async () => {
      const { clock, throttle } = await world()
      for (let i = 0; i < 100; i++) {
        expect(await throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
        await throttle.recordFailure(VICTIM, ATTACKER_IP)
      }
      expect(await throttle.check(VICTIM, ATTACKER_IP)).toEqual({
        allowed: false,
        retryAfterSeconds: 3600,
      })
      const table: [advanceMs: number, expected: ThrottleVerdict][] = [
        [1000, { allowed: false, retryAfterSeconds: 3599 }],
        [10 * MINUTE - 1000, { allowed: false, retryAfterSeconds: 3000 }],
        [30 * MINUTE, { allowed: false, retryAfterSeconds: 1200 }],
        [20 * MINUTE - 1500, { allowed: false, retryAfterSeconds: 2 }],
        [1000, { allowed: false, retryAfterSeconds: 1 }],
        [499, { allowed: false, retryAfterSeconds: 1 }],
        [1, { allowed: true }],
      ]
      for (const [advanceMs, expected] of table) {
        clock.advance(advanceMs)
        expect(await throttle.check(VICTIM, ATTACKER_IP)).toEqual(expected)
      }
    })

    it('counts an allowed attempt and refuses the one over the limit, counting nothing then', async () => {
      const { throttle } = await world({ accountLimit: 3 })
      for (let i = 0; i < 3; i++) {
        expect(await throttle.attempt(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
      }
      expect(await throttle.attempt(VICTIM, ATTACKER_IP)).toEqual({
        allowed: false,
        retryAfterSeconds: 3600,
      })
      // The refused attempt was not counted: one success from the attacker's IP (its three
      // attempts taken back) leaves the account with nothing.
      await throttle.recordSuccess(VICTIM, ATTACKER_IP)
      expect(await throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
      await fail(throttle, VICTIM, VICTIM_IP, 2)
      expect(await throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
    })

    it('lets through no more than the limit when attempts arrive all at once', async () => {
      const { throttle } = await world({ accountLimit: 10 })
      const verdicts = await Promise.all(
        Array.from({ length: 40 }, () => throttle.attempt(VICTIM, ATTACKER_IP)),
      )
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(10)
      expect(await throttle.check(VICTIM, ATTACKER_IP)).toMatchObject({ allowed: false })
    })

    it('lets the victim in from a clean IP while the account is under attack', async () => {
      const { throttle } = await world()
      await fail(throttle, VICTIM, ATTACKER_IP, 100)
      expect((await throttle.check(VICTIM, ATTACKER_IP)).allowed).toBe(false)
      expect(await throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
      // Other accounts from the attacker's IP are not the victim's account's business.
      expect(await throttle.check('someone.else@example.com', ATTACKER_IP)).toEqual({
        allowed: true,
      })
    })

    it('gives the attacker no extra try when the victim logs in meanwhile', async () => {
      const { throttle } = await world()
      await fail(throttle, VICTIM, ATTACKER_IP, 100)
      for (let i = 0; i < 5; i++) {
        // What login does: count the attempt first, take it back once the password matched.
        expect(await throttle.attempt(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
        await throttle.recordSuccess(VICTIM, VICTIM_IP)
        expect((await throttle.check(VICTIM, ATTACKER_IP)).allowed).toBe(false)
      }
      // The same for the per-IP limit: a success from the flooding IP does not free a slot.
      const flooder = '192.0.2.200'
      for (let i = 0; i < 300; i++) {
        await throttle.recordFailure(`user-${i}@example.com`, flooder)
      }
      await throttle.recordFailure('own@example.com', flooder)
      await throttle.recordSuccess('own@example.com', flooder)
      expect((await throttle.check('anyone@example.com', flooder)).allowed).toBe(false)
    })

    it('counts the account limit over all IPs, refusing only IPs that failed on it', async () => {
      const { throttle } = await world()
      const attackers = Array.from({ length: 50 }, (_, i) => `203.0.113.${i}`)
      for (const ip of attackers) {
        await fail(throttle, VICTIM, ip, 2)
      }
      for (const ip of attackers) {
        expect((await throttle.check(VICTIM, ip)).allowed).toBe(false)
      }
      // A fresh IP gets one try, then it is refused like the others.
      const fresh = '192.0.2.1'
      expect(await throttle.check(VICTIM, fresh)).toEqual({ allowed: true })
      await throttle.recordFailure(VICTIM, fresh)
      expect((await throttle.check(VICTIM, fresh)).allowed).toBe(false)
      expect(await throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
    })

    it('is not over the account limit at 99 failures, whichever IPs they came from', async () => {
      const { throttle } = await world()
      await fail(throttle, VICTIM, ATTACKER_IP, 60)
      await fail(throttle, VICTIM, VICTIM_IP, 39)
      expect(await throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
      expect(await throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
      await throttle.recordFailure(VICTIM, VICTIM_IP)
      expect((await throttle.check(VICTIM, ATTACKER_IP)).allowed).toBe(false)
      expect((await throttle.check(VICTIM, VICTIM_IP)).allowed).toBe(false)
    })

    it('releases a refused IP when its own failures age out, even if the account stays over', async () => {
      const { clock, throttle } = await world()
      await throttle.recordFailure(VICTIM, VICTIM_IP)
      clock.advance(10 * MINUTE)
      await fail(throttle, VICTIM, ATTACKER_IP, 100)
      // The victim's typo is 10 minutes old: refused until it is an hour old.
      expect(await throttle.check(VICTIM, VICTIM_IP)).toEqual({
        allowed: false,
        retryAfterSeconds: 3000,
      })
      expect(await throttle.check(VICTIM, ATTACKER_IP)).toEqual({
        allowed: false,
        retryAfterSeconds: 3600,
      })
      clock.advance(50 * MINUTE)
      expect(await throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
      expect((await throttle.check(VICTIM, ATTACKER_IP)).allowed).toBe(false)
    })

    it('uses a sliding window: failures leave it one by one, an hour after each', async () => {
      const { clock, throttle } = await world()
      for (let i = 0; i < 100; i++) {
        await throttle.recordFailure(VICTIM, ATTACKER_IP)
        clock.advance(MINUTE / 2)
      }
      // 100 failures at minutes 0, 0.5 … 49.5; now is minute 50. The first leaves at minute 60.
      expect(await throttle.check(VICTIM, ATTACKER_IP)).toEqual({
        allowed: false,
        retryAfterSeconds: 600,
      })
      clock.advance(10 * MINUTE)
      expect(await throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
      // One more fills the hour again, until the second one leaves at minute 60.5.
      await throttle.recordFailure(VICTIM, ATTACKER_IP)
      expect(await throttle.check(VICTIM, ATTACKER_IP)).toEqual({
        allowed: false,
        retryAfterSeconds: 30,
      })
    })

    it('refuses an IP after 300 failures on any accounts, for every account', async () => {
      const { clock, throttle } = await world()
      for (let i = 0; i < 300; i++) {
        expect(await throttle.check(`user-${i}@example.com`, ATTACKER_IP)).toEqual({
          allowed: true,
        })
        await throttle.recordFailure(`user-${i}@example.com`, ATTACKER_IP)
      }
      expect(await throttle.check('new-victim@example.com', ATTACKER_IP)).toEqual({
        allowed: false,
        retryAfterSeconds: 3600,
      })
      expect(await throttle.check('user-1@example.com', VICTIM_IP)).toEqual({ allowed: true })
      clock.advance(15 * MINUTE)
      expect(await throttle.check('new-victim@example.com', ATTACKER_IP)).toEqual({
        allowed: false,
        retryAfterSeconds: 2700,
      })
    })

    it('resets everything after an hour', async () => {
      const { clock, throttle } = await world()
      await fail(throttle, VICTIM, ATTACKER_IP, 150)
      for (let i = 0; i < 300; i++) {
        await throttle.recordFailure(`user-${i}@example.com`, '192.0.2.99')
      }
      expect((await throttle.check(VICTIM, ATTACKER_IP)).allowed).toBe(false)
      expect((await throttle.check(VICTIM, '192.0.2.99')).allowed).toBe(false)
      clock.advance(HOUR - 1)
      expect((await throttle.check(VICTIM, ATTACKER_IP)).allowed).toBe(false)
      expect((await throttle.check(VICTIM, '192.0.2.99')).allowed).toBe(false)
      clock.advance(1)
      expect(await throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
      expect(await throttle.check(VICTIM, '192.0.2.99')).toEqual({ allowed: true })
      // And the counts really restarted: 99 new failures are not enough.
      await fail(throttle, VICTIM, ATTACKER_IP, 99)
      expect(await throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
    })

    it('clears the failures of that account from that IP on success, and nothing else', async () => {
      const { throttle } = await world()
      await fail(throttle, VICTIM, VICTIM_IP, 3)
      await fail(throttle, VICTIM, ATTACKER_IP, 97)
      expect((await throttle.check(VICTIM, VICTIM_IP)).allowed).toBe(false)
      await throttle.recordSuccess(VICTIM, VICTIM_IP)
      // The victim's own typos no longer count, for them or toward the account's total.
      expect(await throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
      expect(await throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
      await fail(throttle, VICTIM, ATTACKER_IP, 3)
      expect((await throttle.check(VICTIM, ATTACKER_IP)).allowed).toBe(false)
      expect(await throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
    })

    it('does not let a success on one account clear an IP’s failures on others', async () => {
      const { throttle } = await world()
      for (let i = 0; i < 299; i++) {
        await throttle.recordFailure(`user-${i}@example.com`, ATTACKER_IP)
      }
      await throttle.recordFailure('mine@example.com', ATTACKER_IP)
      expect((await throttle.check('anyone@example.com', ATTACKER_IP)).allowed).toBe(false)
      await throttle.recordSuccess('mine@example.com', ATTACKER_IP)
      expect(await throttle.check('anyone@example.com', ATTACKER_IP)).toEqual({ allowed: true })
      await throttle.recordSuccess('user-1@example.com', VICTIM_IP)
      await throttle.recordFailure('another@example.com', ATTACKER_IP)
      expect((await throttle.check('anyone@example.com', ATTACKER_IP)).allowed).toBe(false)
    })

    it('treats an email the way login looks it up: trimmed and case-blind', async () => {
      const { throttle } = await world()
      await fail(throttle, ' Victim@Example.COM ', ATTACKER_IP, 100)
      expect((await throttle.check('victim@example.com', ATTACKER_IP)).allowed).toBe(false)
      expect((await throttle.check('VICTIM@EXAMPLE.COM', ` ${ATTACKER_IP}`)).allowed).toBe(false)
    })

    it('keeps accounts and IPs apart whatever they contain', async () => {
      const { throttle } = await world({ accountLimit: 1 })
      await fail(throttle, 'a', 'x', 1)
      // The same characters split differently between account and IP: another pair, which has
      // never failed on account `a`.
      await fail(throttle, 'a:b', 'c', 1)
      expect((await throttle.check('a', 'x')).allowed).toBe(false)
      expect(await throttle.check('a', 'b:c')).toEqual({ allowed: true })
    })

    it('keeps huge and odd inputs bounded and apart', async () => {
      const { throttle } = await world({ accountLimit: 1, ipLimit: 2 })
      const long = `${'x'.repeat(5000)}@example.com`
      await throttle.recordFailure(long, '192.0.2.5')
      expect((await throttle.check(long, '192.0.2.5')).allowed).toBe(false)
      // Cut to the same bound, so the same account.
      expect((await throttle.check(`${long}.org`, '192.0.2.5')).allowed).toBe(false)
      const odd = 'o\'brien"; drop table login_failures; --@example.com'
      await throttle.recordFailure(odd, 'ünïcødé')
      expect((await throttle.check(odd, 'ÜNÏCØDÉ')).allowed).toBe(false)
      expect(await throttle.check('victim@example.com', 'ünïcødé')).toEqual({ allowed: true })
    })

    it('keeps working when the clock steps back', async () => {
      const { clock, throttle } = await world({ accountLimit: 3 })
      await throttle.recordFailure(VICTIM, ATTACKER_IP)
      clock.advance(-10 * MINUTE)
      await throttle.recordFailure(VICTIM, ATTACKER_IP)
      await throttle.recordFailure(VICTIM, ATTACKER_IP)
      // Counted in time order, not in the order the failures were recorded.
      expect(await throttle.check(VICTIM, ATTACKER_IP)).toEqual({
        allowed: false,
        retryAfterSeconds: 3600,
      })
    })

    it('has the documented defaults: 100 per account, 300 per IP, a sliding hour', () => {
      expect(LOGIN_THROTTLE_DEFAULTS).toMatchObject({
        accountLimit: 100,
        ipLimit: 300,
        windowMs: HOUR,
      })
    })
  })
}
