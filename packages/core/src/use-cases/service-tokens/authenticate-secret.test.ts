import { describe, expect, it } from 'vitest'
import { CREDENTIAL_PREFIXES, checksumOf, generateSecret } from '../../credentials/key-format.js'
import type { Store, Tx } from '../../ports.js'
import {
  addMember,
  createTestDeps,
  seedOrg,
  sessionActor,
  type TestDeps,
} from '../../testing/index.js'
import { createApiKey } from '../api-keys/create-api-key.js'
import { createServiceAccount } from '../service-accounts/create-service-account.js'
import { authenticateSecret } from './authenticate-secret.js'

/** Counts every transaction and every repository call made through the store. */
function countingStore(inner: Store): { store: Store; calls: () => number } {
  let calls = 0
  const countTx = (tx: Tx): Tx =>
    new Proxy(tx, {
      get(target, repoName) {
        const repo = Reflect.get(target, repoName) as object
        return new Proxy(repo, {
          get(r, method) {
            const fn = Reflect.get(r, method) as unknown
            if (typeof fn !== 'function') {
              return fn
            }
            return (...args: unknown[]) => {
              calls++
              return (fn as (...a: unknown[]) => unknown).apply(r, args)
            }
          },
        })
      },
    })
  return {
    store: {
      transaction(fn) {
        calls++
        return inner.transaction((tx) => fn(countTx(tx)))
      },
      close: () => inner.close(),
      onAuthzCommit: (listener) => inner.onAuthzCommit(listener),
    },
    calls: () => calls,
  }
}

function counted(deps: TestDeps): { deps: TestDeps; calls: () => number } {
  const { store, calls } = countingStore(deps.store)
  return { deps: { ...deps, store }, calls }
}

describe('authenticateSecret', () => {
  it('refuses anything malformed without a single storage call', async () => {
    const base = createTestDeps()
    const { ownerActor } = await seedOrg(base)
    const { secret } = await createApiKey(base, ownerActor, { name: 'k' })
    const { deps, calls } = counted(base)

    const flipped = (i: number): string => {
      const ch = secret[i] === 'a' ? 'b' : 'a'
      return secret.slice(0, i) + ch + secret.slice(i + 1)
    }
    const malformed = [
      '',
      'sk-',
      'bt-st-',
      `Bearer ${secret}`,
      secret.toUpperCase(),
      secret.slice(0, -1),
      `${secret}x`,
      flipped(3),
      flipped(20),
      flipped(secret.length - 1),
      'x'.repeat(10_240),
      `sk-${'é'.repeat(38)}`,
      `bt-st-${'🔑'.repeat(19)}`,
    ]
    for (const raw of malformed) {
      expect(await authenticateSecret(deps, raw)).toBeUndefined()
    }
    expect(calls()).toBe(0)
    expect(await authenticateSecret(deps, secret)).toBeDefined()
    expect(calls()).toBeGreaterThan(0)
  })

  it('refuses a well-formed secret that was never issued', async () => {
    const deps = createTestDeps()
    await seedOrg(deps)
    expect(await authenticateSecret(deps, generateSecret(deps.crypto, 'api_key'))).toBeUndefined()
    expect(
      await authenticateSecret(deps, generateSecret(deps.crypto, 'service_token')),
    ).toBeUndefined()
    const forged = `${CREDENTIAL_PREFIXES.api_key}${'A'.repeat(32)}`
    expect(await authenticateSecret(deps, forged + checksumOf(forged))).toBeUndefined()
  })

  it('honours expiry to the millisecond: usable at expiresAt − 1, refused at expiresAt', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    const expiresAt = deps.clock.now() + 60_000
    const { secret } = await createApiKey(deps, ownerActor, { name: 'k', expiresAt })
    deps.clock.set(expiresAt - 1)
    expect(await authenticateSecret(deps, secret)).toBeDefined()
    deps.clock.set(expiresAt)
    expect(await authenticateSecret(deps, secret)).toBeUndefined()
    deps.clock.set(expiresAt + 1000)
    expect(await authenticateSecret(deps, secret)).toBeUndefined()
  })

  it('refuses a key whose user left the org or was deleted', async () => {
    const deps = createTestDeps()
    const { org } = await seedOrg(deps)
    const leaver = await addMember(deps, org)
    const deleted = await addMember(deps, org)
    const a = await createApiKey(deps, sessionActor(leaver), { name: 'k' })
    const b = await createApiKey(deps, sessionActor(deleted), { name: 'k' })
    expect(await authenticateSecret(deps, a.secret)).toBeDefined()
    expect(await authenticateSecret(deps, b.secret)).toBeDefined()
    await deps.store.transaction(async (tx) => {
      await tx.members.remove(org.id, leaver.id)
      const user = await tx.users.find(deleted.id)
      if (user !== undefined) {
        await tx.users.update({ ...user, deletedAt: deps.clock.now() })
      }
    })
    expect(await authenticateSecret(deps, a.secret)).toBeUndefined()
    expect(await authenticateSecret(deps, b.secret)).toBeUndefined()
  })

  it('authenticates a service token as its service account, bound to its org', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const { user, token } = await createServiceAccount(deps, ownerActor, {
      name: 'bot',
      tokenName: 'first',
    })
    if (token === undefined) {
      throw new Error('expected a token')
    }
    expect(await authenticateSecret(deps, token.secret)).toEqual({
      userId: user.id,
      credential: { kind: 'service_token', id: token.serviceToken.id, orgId: org.id },
      impersonatorId: null,
    })
  })

  it('refuses a service token once its account leaves the org', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const { user, token } = await createServiceAccount(deps, ownerActor, {
      name: 'bot',
      tokenName: 'first',
    })
    await deps.store.transaction((tx) => tx.members.remove(org.id, user.id))
    expect(await authenticateSecret(deps, token?.secret ?? '')).toBeUndefined()
  })

  it('makes no writes', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    const { apiKey, secret } = await createApiKey(deps, ownerActor, { name: 'k' })
    deps.clock.advance(5000)
    await authenticateSecret(deps, secret)
    const stored = await deps.store.transaction((tx) => tx.apiKeys.find(apiKey.id))
    expect(stored).toEqual(apiKey)
  })
})
