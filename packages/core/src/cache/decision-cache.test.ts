import { describe, expect, it } from 'vitest'
import { Evaluator } from '../authz/evaluate.js'
import { buildWorld } from '../authz/world.js'
import type { Organization } from '../model/entities.js'
import type { CachedCredential, OrgIndex } from '../ports.js'
import { createFixedClock } from '../testing/test-deps.js'
import { LruDecisionCache } from './decision-cache.js'

function credential(orgId: string, userId = 'u1'): CachedCredential {
  return {
    actor: {
      userId,
      credential: { kind: 'api_key', id: `k-${userId}`, orgId },
      impersonatorId: null,
    },
    expiresAt: null,
  }
}

function index(orgId: string): OrgIndex {
  const org = { id: orgId, name: orgId, plan: 'enterprise' } as Organization
  const world = buildWorld({
    orgId,
    plan: 'enterprise',
    members: [],
    groups: [],
    roles: [],
    acls: [],
  })
  return { org, evaluator: new Evaluator(world), projects: new Set(), roles: new Set() }
}

function cache(options: { maxCredentials?: number; ttlMs?: number } = {}) {
  const clock = createFixedClock()
  return { clock, cache: new LruDecisionCache({ clock, ...options }) }
}

describe('DecisionCache', () => {
  it('answers what was stored, and counts hits and misses', () => {
    const { cache: c } = cache()
    expect(c.credential('h1')).toBeUndefined()
    c.storeCredential('h1', credential('o1'), c.ticket())
    c.storeOrg(index('o1'), c.ticket())
    expect(c.credential('h1')?.actor.userId).toBe('u1')
    expect(c.org('o1')?.org.id).toBe('o1')
    // A look that a full lookup follows on a miss does not count the miss twice.
    expect(c.credential('h0', false)).toBeUndefined()
    expect(c.org('o0', false)).toBeUndefined()
    expect(c.stats()).toMatchObject({
      credentialHits: 1,
      credentialMisses: 1,
      orgHits: 1,
      orgMisses: 0,
      credentialEntries: 1,
      orgEntries: 1,
    })
  })

  it("drops an org's index and every credential of that org on invalidation, and only those", () => {
    const { cache: c } = cache()
    c.storeCredential('a', credential('o1', 'ua'), c.ticket())
    c.storeCredential('b', credential('o2', 'ub'), c.ticket())
    c.storeOrg(index('o1'), c.ticket())
    c.storeOrg(index('o2'), c.ticket())
    c.invalidateOrg('o1')
    expect(c.credential('a')).toBeUndefined()
    expect(c.org('o1')).toBeUndefined()
    expect(c.credential('b')?.actor.userId).toBe('ub')
    expect(c.org('o2')?.org.id).toBe('o2')
    expect(c.stats().invalidations).toBe(1)
  })

  it('drops a fill read before an invalidation of its org (the revocation race)', () => {
    const { cache: c } = cache()
    const before = c.ticket()
    // The database read happens here, then the revocation commits and invalidates:
    c.invalidateOrg('o1')
    c.storeCredential('a', credential('o1'), before)
    c.storeOrg(index('o1'), before)
    expect(c.credential('a')).toBeUndefined()
    expect(c.org('o1')).toBeUndefined()
    // Another org's invalidation does not cost this org its fill.
    const ticket = c.ticket()
    c.invalidateOrg('o2')
    c.storeCredential('a', credential('o1'), ticket)
    expect(c.credential('a')?.actor.userId).toBe('u1')
  })

  it('answers nothing while suspended and starts empty on resume', () => {
    const { cache: c } = cache()
    c.storeCredential('a', credential('o1'), c.ticket())
    c.suspend()
    expect(c.suspended).toBe(true)
    expect(c.credential('a')).toBeUndefined()
    c.storeCredential('a', credential('o1'), c.ticket())
    c.storeOrg(index('o1'), c.ticket())
    expect(c.stats().credentialEntries).toBe(0)
    expect(c.stats().orgEntries).toBe(0)
    c.resume()
    expect(c.credential('a')).toBeUndefined()
    c.storeCredential('a', credential('o1'), c.ticket())
    expect(c.credential('a')?.actor.userId).toBe('u1')
  })

  it('drops a fill that started before a flush', () => {
    const { cache: c } = cache()
    const before = c.ticket()
    c.flush()
    c.storeCredential('a', credential('o1'), before)
    expect(c.credential('a')).toBeUndefined()
    expect(c.stats().flushes).toBe(1)
  })

  it('holds no entry past its TTL and no more credentials than its bound', () => {
    const { cache: c, clock } = cache({ maxCredentials: 3, ttlMs: 500 })
    for (let i = 0; i < 50; i++) {
      c.storeCredential(`h${i}`, credential('o1', `u${i}`), c.ticket())
    }
    expect(c.stats().credentialEntries).toBe(3)
    expect(c.credential('h49')?.actor.userId).toBe('u49')
    clock.advance(500)
    expect(c.credential('h49')).toBeUndefined()
  })

  it('compiles an org once for a burst of misses, and keeps nothing the org changed under', async () => {
    const { cache: c } = cache()
    let compiled = 0
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const compile = async () => {
      compiled++
      await gate
      return index('o1')
    }
    const burst = [c.fill('o1', compile), c.fill('o1', compile), c.fill('o1', compile)]
    release()
    const answers = await Promise.all(burst)
    expect(compiled).toBe(1)
    expect(new Set(answers).size).toBe(1)
    expect(c.org('o1')).toBe(answers[0])

    c.invalidateOrg('o1')
    let late: () => void = () => undefined
    const slow = c.fill('o1', async () => {
      await new Promise<void>((resolve) => {
        late = resolve
      })
      return index('o1')
    })
    c.invalidateOrg('o1')
    // A miss after the change compiles afresh instead of joining the stale compilation.
    const fresh = await c.fill('o1', async () => index('o1'))
    expect(c.org('o1')).toBe(fresh)
    late()
    const stale = await slow
    expect(stale).not.toBe(fresh)
    expect(c.org('o1')).toBe(fresh)
  })
})
