import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../testing/test-deps.js'
import { LOGIN_THROTTLE_DEFAULTS, LoginThrottle } from './login-throttle.js'

const HOUR = 60 * 60 * 1000
const MINUTE = 60 * 1000

const VICTIM = 'victim@example.com'
const VICTIM_IP = '198.51.100.7'
const ATTACKER_IP = '203.0.113.66'

function world(options: ConstructorParameters<typeof LoginThrottle>[1] = {}) {
  const clock = createFixedClock()
  return { clock, throttle: new LoginThrottle(clock, options) }
}

function fail(throttle: LoginThrottle, email: string, ip: string, times: number): void {
  for (let i = 0; i < times; i++) {
    throttle.recordFailure(email, ip)
  }
}

describe('LoginThrottle', () => {
  it('has the documented defaults: 100 per account, 300 per IP, a sliding hour', () => {
    expect(LOGIN_THROTTLE_DEFAULTS).toMatchObject({
      accountLimit: 100,
      ipLimit: 300,
      windowMs: HOUR,
    })
  })

  it('allows 100 failures on an account, then refuses that IP with a shrinking Retry-After', () => {
    const { clock, throttle } = world()
    for (let i = 0; i < 100; i++) {
      expect(throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
      throttle.recordFailure(VICTIM, ATTACKER_IP)
    }
    expect(throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: false, retryAfterSeconds: 3600 })

    const table: [advanceMs: number, expected: ReturnType<LoginThrottle['check']>][] = [
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
      expect(throttle.check(VICTIM, ATTACKER_IP)).toEqual(expected)
    }
  })

  it('lets the victim in from a clean IP while the account is under attack', () => {
    const { throttle } = world()
    fail(throttle, VICTIM, ATTACKER_IP, 100)
    expect(throttle.check(VICTIM, ATTACKER_IP).allowed).toBe(false)
    expect(throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
    // Other accounts from the attacker's IP are not the victim's account's business.
    expect(throttle.check('someone.else@example.com', ATTACKER_IP)).toEqual({ allowed: true })
  })

  it('gives the attacker no extra try when the victim logs in meanwhile', () => {
    const { throttle } = world()
    fail(throttle, VICTIM, ATTACKER_IP, 100)
    for (let i = 0; i < 5; i++) {
      // What login does: count the attempt first, take it back once the password matched.
      expect(throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
      throttle.recordFailure(VICTIM, VICTIM_IP)
      throttle.recordSuccess(VICTIM, VICTIM_IP)
      expect(throttle.check(VICTIM, ATTACKER_IP).allowed).toBe(false)
    }
    // The same for the per-IP limit: a success from the flooding IP does not free a slot.
    const flooder = '192.0.2.200'
    for (let i = 0; i < 300; i++) {
      throttle.recordFailure(`user-${i}@example.com`, flooder)
    }
    throttle.recordFailure('own@example.com', flooder)
    throttle.recordSuccess('own@example.com', flooder)
    expect(throttle.check('anyone@example.com', flooder).allowed).toBe(false)
  })

  it('counts the account limit over all IPs, refusing only IPs that failed on it', () => {
    const { throttle } = world()
    const attackers = Array.from({ length: 50 }, (_, i) => `203.0.113.${i}`)
    for (const ip of attackers) {
      fail(throttle, VICTIM, ip, 2)
    }
    for (const ip of attackers) {
      expect(throttle.check(VICTIM, ip).allowed).toBe(false)
    }
    // A fresh IP gets one try, then it is refused like the others.
    const fresh = '192.0.2.1'
    expect(throttle.check(VICTIM, fresh)).toEqual({ allowed: true })
    throttle.recordFailure(VICTIM, fresh)
    expect(throttle.check(VICTIM, fresh).allowed).toBe(false)
    expect(throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
  })

  it('is not over the account limit at 99 failures, whichever IPs they came from', () => {
    const { throttle } = world()
    fail(throttle, VICTIM, ATTACKER_IP, 60)
    fail(throttle, VICTIM, VICTIM_IP, 39)
    expect(throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
    expect(throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
    throttle.recordFailure(VICTIM, VICTIM_IP)
    expect(throttle.check(VICTIM, ATTACKER_IP).allowed).toBe(false)
    expect(throttle.check(VICTIM, VICTIM_IP).allowed).toBe(false)
  })

  it('releases a refused IP when its own failures age out, even if the account stays over', () => {
    const { clock, throttle } = world()
    throttle.recordFailure(VICTIM, VICTIM_IP)
    clock.advance(10 * MINUTE)
    fail(throttle, VICTIM, ATTACKER_IP, 100)
    // The victim's typo is 10 minutes old: refused until it is an hour old.
    expect(throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: false, retryAfterSeconds: 3000 })
    expect(throttle.check(VICTIM, ATTACKER_IP)).toEqual({
      allowed: false,
      retryAfterSeconds: 3600,
    })
    clock.advance(50 * MINUTE)
    expect(throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
    expect(throttle.check(VICTIM, ATTACKER_IP).allowed).toBe(false)
  })

  it('uses a sliding window: failures leave it one by one, an hour after each', () => {
    const { clock, throttle } = world()
    for (let i = 0; i < 100; i++) {
      throttle.recordFailure(VICTIM, ATTACKER_IP)
      clock.advance(MINUTE / 2)
    }
    // 100 failures at minutes 0, 0.5 … 49.5; now is minute 50. The first leaves at minute 60.
    expect(throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: false, retryAfterSeconds: 600 })
    clock.advance(10 * MINUTE)
    expect(throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
    // One more fills the hour again, until the second one leaves at minute 60.5.
    throttle.recordFailure(VICTIM, ATTACKER_IP)
    expect(throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: false, retryAfterSeconds: 30 })
  })

  it('refuses an IP after 300 failures on any accounts, for every account', () => {
    const { clock, throttle } = world()
    for (let i = 0; i < 300; i++) {
      expect(throttle.check(`user-${i}@example.com`, ATTACKER_IP)).toEqual({ allowed: true })
      throttle.recordFailure(`user-${i}@example.com`, ATTACKER_IP)
    }
    expect(throttle.check('new-victim@example.com', ATTACKER_IP)).toEqual({
      allowed: false,
      retryAfterSeconds: 3600,
    })
    expect(throttle.check('user-1@example.com', VICTIM_IP)).toEqual({ allowed: true })
    clock.advance(15 * MINUTE)
    expect(throttle.check('new-victim@example.com', ATTACKER_IP)).toEqual({
      allowed: false,
      retryAfterSeconds: 2700,
    })
  })

  it('resets everything after an hour', () => {
    const { clock, throttle } = world()
    fail(throttle, VICTIM, ATTACKER_IP, 150)
    for (let i = 0; i < 300; i++) {
      throttle.recordFailure(`user-${i}@example.com`, '192.0.2.99')
    }
    expect(throttle.check(VICTIM, ATTACKER_IP).allowed).toBe(false)
    expect(throttle.check(VICTIM, '192.0.2.99').allowed).toBe(false)
    clock.advance(HOUR - 1)
    expect(throttle.check(VICTIM, ATTACKER_IP).allowed).toBe(false)
    expect(throttle.check(VICTIM, '192.0.2.99').allowed).toBe(false)
    clock.advance(1)
    expect(throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
    expect(throttle.check(VICTIM, '192.0.2.99')).toEqual({ allowed: true })
    // And the counts really restarted: 99 new failures are not enough.
    fail(throttle, VICTIM, ATTACKER_IP, 99)
    expect(throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
  })

  it('clears the failures of that account from that IP on success, and nothing else', () => {
    const { throttle } = world()
    fail(throttle, VICTIM, VICTIM_IP, 3)
    fail(throttle, VICTIM, ATTACKER_IP, 97)
    expect(throttle.check(VICTIM, VICTIM_IP).allowed).toBe(false)
    throttle.recordSuccess(VICTIM, VICTIM_IP)
    // The victim's own typos no longer count, for them or toward the account's total.
    expect(throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
    expect(throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: true })
    fail(throttle, VICTIM, ATTACKER_IP, 3)
    expect(throttle.check(VICTIM, ATTACKER_IP).allowed).toBe(false)
    expect(throttle.check(VICTIM, VICTIM_IP)).toEqual({ allowed: true })
  })

  it('does not let a success on one account clear an IP’s failures on others', () => {
    const { throttle } = world()
    for (let i = 0; i < 299; i++) {
      throttle.recordFailure(`user-${i}@example.com`, ATTACKER_IP)
    }
    throttle.recordFailure('mine@example.com', ATTACKER_IP)
    expect(throttle.check('anyone@example.com', ATTACKER_IP).allowed).toBe(false)
    throttle.recordSuccess('mine@example.com', ATTACKER_IP)
    expect(throttle.check('anyone@example.com', ATTACKER_IP)).toEqual({ allowed: true })
    throttle.recordSuccess('user-1@example.com', VICTIM_IP)
    throttle.recordFailure('another@example.com', ATTACKER_IP)
    expect(throttle.check('anyone@example.com', ATTACKER_IP).allowed).toBe(false)
  })

  it('treats an email the way login looks it up: trimmed and case-blind', () => {
    const { throttle } = world()
    fail(throttle, ' Victim@Example.COM ', ATTACKER_IP, 100)
    expect(throttle.check('victim@example.com', ATTACKER_IP).allowed).toBe(false)
    expect(throttle.check('VICTIM@EXAMPLE.COM', ` ${ATTACKER_IP}`).allowed).toBe(false)
  })

  it('keeps accounts and IPs apart whatever they contain', () => {
    const { throttle } = world({ accountLimit: 1 })
    fail(throttle, 'a', 'x', 1)
    // The same characters split differently between account and IP: another pair, which has
    // never failed on account `a`.
    fail(throttle, 'a:b', 'c', 1)
    expect(throttle.check('a', 'x').allowed).toBe(false)
    expect(throttle.check('a', 'b:c')).toEqual({ allowed: true })
  })

  it('stays within its key bound under a million distinct emails, forgetting the oldest', () => {
    const { throttle } = world({ maxKeys: 100_000 })
    let peak = 0
    for (let i = 0; i < 1_000_000; i++) {
      throttle.recordFailure(`user-${i}@example.com`, `10.${(i >> 12) & 255}.${(i >> 4) & 255}.0`)
      if ((i & 1023) === 0) {
        peak = Math.max(peak, throttle.size)
      }
    }
    peak = Math.max(peak, throttle.size)
    expect(peak).toBeLessThanOrEqual(100_000)
    expect(throttle.size).toBeGreaterThanOrEqual(50_000)
    // The newest keys survive: an account attacked just now is still counted.
    fail(throttle, VICTIM, ATTACKER_IP, 100)
    expect(throttle.check(VICTIM, ATTACKER_IP).allowed).toBe(false)
    expect(throttle.size).toBeLessThanOrEqual(100_000)
  })

  it('bounds the failures it remembers, and forgetting never refuses more', () => {
    const { throttle } = world({ maxFailures: 500 })
    // The bound holds to within one log (100 failures here).
    const bound = 500 + 100
    for (let i = 0; i < 50; i++) {
      fail(throttle, `user-${i}@example.com`, `192.0.2.${i}`, 20)
      expect(throttle.failureCount).toBeLessThanOrEqual(bound)
    }
    // The freshest account still carries its 20 failures; the oldest were forgotten.
    fail(throttle, 'user-49@example.com', '192.0.2.49', 80)
    expect(throttle.check('user-49@example.com', '192.0.2.49').allowed).toBe(false)
    expect(throttle.check('user-0@example.com', '192.0.2.0')).toEqual({ allowed: true })
    expect(throttle.failureCount).toBeLessThanOrEqual(bound)
    expect(throttle.failureCount).toBeGreaterThanOrEqual(200)
  })

  it('keeps working when the clock steps back', () => {
    const { clock, throttle } = world({ accountLimit: 3 })
    throttle.recordFailure(VICTIM, ATTACKER_IP)
    clock.advance(-10 * MINUTE)
    throttle.recordFailure(VICTIM, ATTACKER_IP)
    throttle.recordFailure(VICTIM, ATTACKER_IP)
    // The log is kept in time order, not in the order the failures were recorded.
    expect(throttle.check(VICTIM, ATTACKER_IP)).toEqual({ allowed: false, retryAfterSeconds: 3600 })
  })

  it('refuses nonsense limits', () => {
    const clock = createFixedClock()
    expect(() => new LoginThrottle(clock, { accountLimit: 0 })).toThrow(RangeError)
    expect(() => new LoginThrottle(clock, { windowMs: Number.NaN })).toThrow(RangeError)
  })
})
