import { describe, expect, it } from 'vitest'
import { runLoginThrottleContract } from '../testing/login-throttle-contract.js'
import { createFixedClock } from '../testing/test-deps.js'
import { InProcessLoginThrottle, throttleVerdict } from './login-throttle.js'

const VICTIM = 'victim@example.com'
const ATTACKER_IP = '203.0.113.66'

runLoginThrottleContract('in process', async (clock, options) => ({
  throttle: new InProcessLoginThrottle(clock, options),
  close: async () => undefined,
}))

describe('throttleVerdict', () => {
  const base = { now: 10_000_000, windowMs: 60_000 }

  it('refuses an IP over its limit until its limit-th failure leaves the window', () => {
    const at = base.now - 59_000
    expect(
      throttleVerdict({
        ...base,
        ipLimitAt: at,
        accountLimitAt: undefined,
        pairLastAt: undefined,
      }),
    ).toEqual({ allowed: false, retryAfterSeconds: 1 })
    expect(
      throttleVerdict({
        ...base,
        ipLimitAt: base.now - 60_000,
        accountLimitAt: undefined,
        pairLastAt: undefined,
      }),
    ).toEqual({ allowed: true })
  })

  it('refuses an account over its limit only to an IP that failed on it in the window', () => {
    const over = { ...base, ipLimitAt: undefined, accountLimitAt: base.now - 1000 }
    expect(throttleVerdict({ ...over, pairLastAt: undefined })).toEqual({ allowed: true })
    expect(throttleVerdict({ ...over, pairLastAt: base.now - 60_000 })).toEqual({
      allowed: true,
    })
    // The earlier of the two releases: the account dropping under, or the pair ageing out.
    expect(throttleVerdict({ ...over, pairLastAt: base.now - 30_000 })).toEqual({
      allowed: false,
      retryAfterSeconds: 30,
    })
    expect(throttleVerdict({ ...over, pairLastAt: base.now })).toEqual({
      allowed: false,
      retryAfterSeconds: 59,
    })
  })
})

describe('InProcessLoginThrottle', () => {
  it('stays within its key bound under a million distinct emails, forgetting the oldest', async () => {
    const throttle = new InProcessLoginThrottle(createFixedClock(), { maxKeys: 100_000 })
    let peak = 0
    for (let i = 0; i < 1_000_000; i++) {
      // Not awaited: the work is done before the promise returns, and a million awaits would
      // double the test's time.
      void throttle.recordFailure(
        `user-${i}@example.com`,
        `10.${(i >> 12) & 255}.${(i >> 4) & 255}.0`,
      )
      if ((i & 1023) === 0) {
        peak = Math.max(peak, throttle.size)
      }
    }
    peak = Math.max(peak, throttle.size)
    expect(peak).toBeLessThanOrEqual(100_000)
    expect(throttle.size).toBeGreaterThanOrEqual(50_000)
    // The newest keys survive: an account attacked just now is still counted.
    for (let i = 0; i < 100; i++) {
      await throttle.recordFailure(VICTIM, ATTACKER_IP)
    }
    expect((await throttle.check(VICTIM, ATTACKER_IP)).allowed).toBe(false)
    expect(throttle.size).toBeLessThanOrEqual(100_000)
  })

  it('bounds the failures it remembers, and forgetting never refuses more', async () => {
    const throttle = new InProcessLoginThrottle(createFixedClock(), { maxFailures: 500 })
    // The bound holds to within one log (100 failures here).
    const bound = 500 + 100
    const fail = async (email: string, ip: string, times: number) => {
      for (let i = 0; i < times; i++) {
        await throttle.recordFailure(email, ip)
      }
    }
    for (let i = 0; i < 50; i++) {
      await fail(`user-${i}@example.com`, `192.0.2.${i}`, 20)
      expect(throttle.failureCount).toBeLessThanOrEqual(bound)
    }
    // The freshest account still carries its 20 failures; the oldest were forgotten.
    await fail('user-49@example.com', '192.0.2.49', 80)
    expect((await throttle.check('user-49@example.com', '192.0.2.49')).allowed).toBe(false)
    expect(await throttle.check('user-0@example.com', '192.0.2.0')).toEqual({ allowed: true })
    expect(throttle.failureCount).toBeLessThanOrEqual(bound)
    expect(throttle.failureCount).toBeGreaterThanOrEqual(200)
  })

  it('refuses nonsense limits', () => {
    const clock = createFixedClock()
    expect(() => new InProcessLoginThrottle(clock, { accountLimit: 0 })).toThrow(RangeError)
    expect(() => new InProcessLoginThrottle(clock, { windowMs: Number.NaN })).toThrow(RangeError)
  })
})
