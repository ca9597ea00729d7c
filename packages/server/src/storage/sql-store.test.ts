import {
  type ApiKey,
  isAppError,
  type Organization,
  type Project,
  type ServiceToken,
  type Tx,
  type User,
} from '@gatehouse/core'
import { createTestCrypto } from '@gatehouse/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SqlStore } from './sql-store.js'
import { type TestStore, testStoreDialects } from './testing/test-stores.js'

/*
 * What the SQL stores do beyond the store contract (store-contract.ts, run on every store): the
 * nesting guard, the stale-Tx guard, the mapping of unique violations to error codes, and
 * last-used times that batched writes cannot move back.
 */

const dialects = testStoreDialects('sql-store.test.ts')

const crypto = createTestCrypto(7)

function anOrg(name: string, createdAt = 1): Organization {
  return {
    id: crypto.uuid(),
    name,
    plan: 'enterprise',
    settings: { directOwnershipGrants: true, serviceTokensCanMint: false },
    apiUrl: 'https://api.example.com',
    proxyUrl: null,
    realtimeUrl: null,
    isUniversalApi: true,
    isDataplanePrivate: false,
    imageRenderingMode: null,
    authzVersion: 1,
    createdAt,
  }
}

function aUser(email: string, createdAt = 1, extra: Partial<User> = {}): User {
  return {
    id: crypto.uuid(),
    kind: 'user',
    email,
    givenName: null,
    familyName: null,
    avatarUrl: null,
    passwordHash: 'fake$hash',
    serviceAccountOrgId: null,
    createdAt,
    deletedAt: null,
    ...extra,
  }
}

function aProject(orgId: string, name: string, createdAt: number): Project {
  return {
    id: crypto.uuid(),
    orgId,
    name,
    userId: null,
    settings: null,
    createdAt,
    deletedAt: null,
  }
}

function anApiKey(orgId: string, userId: string, createdAt: number): ApiKey {
  return {
    id: crypto.uuid(),
    orgId,
    userId,
    name: 'key',
    previewName: 'sk-ab…wxyz',
    secretHash: crypto.sha256Hex(crypto.uuid()),
    createdAt,
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
  }
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (err) {
    return err
  }
  throw new Error('expected a rejection')
}

describe.each(dialects)('%s store', (_dialect, open) => {
  let handle: TestStore
  let store: SqlStore

  beforeEach(async () => {
    handle = await open()
    store = handle.store
  })

  afterEach(async () => {
    await handle.close()
  })

  /** An org with one member, committed. */
  async function world() {
    const org = anOrg(`org-${crypto.uuid().slice(0, 8)}`)
    const user = aUser(`${crypto.uuid().slice(0, 8)}@example.com`)
    await store.transaction(async (tx) => {
      await tx.orgs.insert(org)
      await tx.users.insert(user)
      await tx.members.add({ orgId: org.id, userId: user.id, createdAt: 5 })
    })
    return { org, user }
  }

  describe('transactions', () => {
    it('refuses a transaction opened inside another instead of hanging', async () => {
      const err = await caught(store.transaction(() => store.transaction(async () => 1)))
      expect(String(err)).toMatch(/Nested transaction/)
      // The store still works afterwards.
      expect(await store.transaction(async () => 2)).toBe(2)
    })

    it('refuses a Tx used after its transaction ended', async () => {
      let kept: Tx | undefined
      await store.transaction(async (tx) => {
        kept = tx
      })
      await expect(kept?.orgs.listAll()).rejects.toThrow(/stale Tx/)
    })
  })

  describe('unique conflicts', () => {
    it('maps duplicate org names, emails and memberships to their error codes', async () => {
      const { org, user } = await world()
      const dupOrg = await caught(store.transaction((tx) => tx.orgs.insert(anOrg(org.name))))
      expect(isAppError(dupOrg, 'ORG_NAME_TAKEN')).toBe(true)
      const dupEmail = await caught(
        store.transaction((tx) => tx.users.insert(aUser(user.email.toUpperCase()))),
      )
      expect(isAppError(dupEmail, 'EMAIL_TAKEN')).toBe(true)
      const dupMember = await caught(
        store.transaction((tx) => tx.members.add({ orgId: org.id, userId: user.id, createdAt: 9 })),
      )
      expect(isAppError(dupMember, 'ALREADY_MEMBER')).toBe(true)
      const dupId = await caught(store.transaction((tx) => tx.orgs.insert({ ...org, name: 'x' })))
      expect(isAppError(dupId, 'NAME_TAKEN')).toBe(true)
      const renamed = await caught(
        store.transaction(async (tx) => {
          const other = anOrg('other-org')
          await tx.orgs.insert(other)
          await tx.orgs.update({ ...other, name: org.name })
        }),
      )
      expect(isAppError(renamed, 'ORG_NAME_TAKEN')).toBe(true)
    })

    it('keeps the transaction usable after a caught conflict', async () => {
      const { org, user } = await world()
      const project = aProject(org.id, 'after-conflict', 50)
      await store.transaction(async (tx) => {
        await expect(
          tx.members.add({ orgId: org.id, userId: user.id, createdAt: 9 }),
        ).rejects.toMatchObject({ code: 'ALREADY_MEMBER' })
        await expect(tx.users.insert(aUser(user.email))).rejects.toMatchObject({
          code: 'EMAIL_TAKEN',
        })
        await tx.projects.insert(project)
      })
      expect(await store.transaction((tx) => tx.projects.find(project.id))).toEqual(project)
    })
  })

  it('keeps last-used times moving forward', async () => {
    const { org, user } = await world()
    const sa = aUser('sa@service-account.gatehouse.invalid', 1, {
      kind: 'service_account',
      serviceAccountOrgId: org.id,
      passwordHash: null,
    })
    const key = anApiKey(org.id, user.id, 10)
    const token: ServiceToken = {
      id: crypto.uuid(),
      orgId: org.id,
      serviceAccountId: sa.id,
      name: 'ci',
      previewName: 'bt-st-ab…wxyz',
      secretHash: crypto.sha256Hex('token'),
      createdAt: 13,
      expiresAt: 1e13,
      lastUsedAt: null,
      revokedAt: null,
    }
    await store.transaction(async (tx) => {
      await tx.users.insert(sa)
      await tx.apiKeys.insert(key)
      await tx.serviceTokens.insert(token)
    })
    // Batched last-used writes may arrive out of order (the memory store keeps the last one).
    await store.transaction(async (tx) => {
      await tx.apiKeys.touch(key.id, 500)
      await tx.apiKeys.touch(key.id, 450)
      await tx.serviceTokens.touch(token.id, 600)
      await tx.serviceTokens.touch(token.id, 550)
    })
    await store.transaction(async (tx) => {
      expect((await tx.apiKeys.findByHash(key.secretHash))?.lastUsedAt).toBe(500)
      expect((await tx.serviceTokens.find(token.id))?.lastUsedAt).toBe(600)
    })
  })
})
