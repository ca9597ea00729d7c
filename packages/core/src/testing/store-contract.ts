import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GENESIS_HASH, sealEvent, verifyEvents } from '../audit/chain.js'
import { SYSTEM_ROLE_IDS, SYSTEM_ROLES } from '../authz/system-roles.js'
import { type ErrorCode, isAppError } from '../errors.js'
import type {
  Acl,
  ApiKey,
  AuditEntry,
  AuditEvent,
  Group,
  Invitation,
  Organization,
  Project,
  Role,
  ServiceToken,
  Session,
  User,
} from '../model/entities.js'
import type { Crypto, PageQuery, Store, Tx } from '../ports.js'
import { createProject } from '../use-cases/projects/create-project.js'
import { addMember, seedOrg } from './fixtures.js'
import { createMemoryStore } from './memory-store.js'
import { sha256Hex } from './sha256.js'
import { createFakePasswordHasher, createFixedClock, createTestCrypto } from './test-deps.js'

/*
 * The store contract: the one suite that every Store (memory, SQLite, PostgreSQL) must pass.
 * Use cases rely on exactly what is asserted here and nothing more, so a behaviour that matters
 * to a use case belongs in this file. Rows always reference real parents, so stores with foreign
 * keys pass too; every failing write is the last statement of its transaction, as PostgreSQL
 * aborts a transaction after an error.
 */

export interface OpenedStore {
  readonly store: Store
  close(): Promise<void>
}

export interface StoreContractOptions {
  /** The memory store is the reference the other stores are compared with, not a subject of it. */
  readonly isMemoryStore?: boolean | undefined
}

const T0 = 1_767_225_600_000

const crypto: Crypto = {
  sha256Hex,
  randomBytes: (length) => new Uint8Array(length),
  uuid: () => {
    throw new Error('the contract names its ids itself')
  },
}

function appError(code: ErrorCode): (err: unknown) => boolean {
  return (err) => isAppError(err, code)
}

const sorted = <T>(values: readonly T[]): T[] => [...values].sort()
const idsOf = (rows: readonly { id: string }[]): string[] => rows.map((r) => r.id)

/**
 * Ids sort like their creation order; the prefix keeps them apart from the system roles' ids,
 * and the dash positions are a UUID's, so text and uuid columns order them alike.
 */
function idFactory(): () => string {
  let n = 0
  return () => {
    n += 1
    return `a0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
  }
}

/** Row builders with every field set; the tests override what they look at. */
class Rows {
  readonly id = idFactory()
  #n = 0

  unique(prefix: string): string {
    this.#n += 1
    return `${prefix}-${this.#n}`
  }

  org(overrides: Partial<Organization> = {}): Organization {
    return {
      id: this.id(),
      name: this.unique('org'),
      plan: 'enterprise',
      settings: { directOwnershipGrants: true, serviceTokensCanMint: true },
      apiUrl: null,
      proxyUrl: null,
      realtimeUrl: null,
      isUniversalApi: null,
      isDataplanePrivate: null,
      imageRenderingMode: null,
      authzVersion: 1,
      createdAt: T0,
      ...overrides,
    }
  }

  user(overrides: Partial<User> = {}): User {
    return {
      id: this.id(),
      kind: 'user',
      email: `${this.unique('user')}@example.com`,
      givenName: null,
      familyName: null,
      avatarUrl: null,
      passwordHash: null,
      serviceAccountOrgId: null,
      createdAt: T0,
      deletedAt: null,
      ...overrides,
    }
  }

  project(orgId: string, overrides: Partial<Project> = {}): Project {
    return {
      id: this.id(),
      orgId,
      name: this.unique('project'),
      userId: null,
      settings: null,
      createdAt: T0,
      deletedAt: null,
      ...overrides,
    }
  }

  group(orgId: string, overrides: Partial<Group> = {}): Group {
    return {
      id: this.id(),
      orgId,
      userId: null,
      name: this.unique('group'),
      description: null,
      builtin: null,
      memberUsers: [],
      memberGroups: [],
      createdAt: T0,
      deletedAt: null,
      ...overrides,
    }
  }

  role(orgId: string, overrides: Partial<Role> = {}): Role {
    return {
      id: this.id(),
      orgId,
      userId: null,
      name: this.unique('role'),
      description: null,
      memberPermissions: [],
      memberRoles: [],
      createdAt: T0,
      deletedAt: null,
      ...overrides,
    }
  }

  acl(orgId: string, overrides: Partial<Acl> = {}): Acl {
    return {
      id: this.id(),
      orgId,
      objectType: 'organization',
      objectId: orgId,
      userId: null,
      groupId: null,
      permission: 'read',
      roleId: null,
      restrictObjectType: null,
      createdAt: T0,
      ...overrides,
    }
  }

  apiKey(orgId: string, userId: string, overrides: Partial<ApiKey> = {}): ApiKey {
    const name = this.unique('key')
    return {
      id: this.id(),
      orgId,
      userId,
      name,
      previewName: 'sk-ab…wxyz',
      secretHash: sha256Hex(`secret of ${name}`),
      createdAt: T0,
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      ...overrides,
    }
  }

  serviceToken(
    orgId: string,
    serviceAccountId: string,
    overrides: Partial<ServiceToken> = {},
  ): ServiceToken {
    const name = this.unique('token')
    return {
      id: this.id(),
      orgId,
      serviceAccountId,
      name,
      previewName: 'bt-st-ab…wxyz',
      secretHash: sha256Hex(`secret of ${name}`),
      createdAt: T0,
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      ...overrides,
    }
  }

  invitation(orgId: string, overrides: Partial<Invitation> = {}): Invitation {
    const email = `${this.unique('invitee')}@example.com`
    return {
      id: this.id(),
      orgId,
      email,
      groupIds: [],
      tokenHash: sha256Hex(`token for ${email}`),
      invitedBy: null,
      createdAt: T0,
      expiresAt: T0 + 7 * 86_400_000,
      acceptedAt: null,
      acceptedUserId: null,
      revokedAt: null,
      ...overrides,
    }
  }

  session(userId: string, overrides: Partial<Session> = {}): Session {
    const marker = this.unique('session')
    return {
      id: this.id(),
      userId,
      tokenHash: sha256Hex(`token of ${marker}`),
      csrfHash: sha256Hex(`csrf of ${marker}`),
      createdAt: T0,
      lastSeenAt: T0,
      expiresAt: T0 + 7 * 86_400_000,
      revokedAt: null,
      ip: null,
      userAgent: null,
      ...overrides,
    }
  }

  entry(orgId: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
    return {
      orgId,
      action: 'project.create',
      outcome: 'success',
      actor: {
        userId: null,
        credentialKind: 'operator',
        credentialId: null,
        impersonatorId: null,
      },
      objectType: 'project',
      objectId: null,
      before: null,
      after: null,
      reason: null,
      requestId: null,
      occurredAt: T0,
      ...overrides,
    }
  }
}

/**
 * Checks newest-first paging over rows whose expected order is `order` (newest first). `order`
 * needs at least five rows; the rows at 1, 2 and 3 must share one createdAt so that ties are
 * broken by id.
 */
async function expectPaging(
  order: readonly string[],
  list: (query: PageQuery) => Promise<{ id: string }[]>,
): Promise<void> {
  const [a, b, c, d] = order
  if (a === undefined || b === undefined || c === undefined || d === undefined) {
    throw new Error('expectPaging needs at least four rows')
  }
  expect(idsOf(await list({}))).toEqual(order)
  expect(idsOf(await list({ limit: 2 }))).toEqual(order.slice(0, 2))
  expect(idsOf(await list({ startingAfter: b }))).toEqual(order.slice(2))
  expect(idsOf(await list({ startingAfter: b, limit: 1 }))).toEqual(order.slice(2, 3))
  expect(idsOf(await list({ endingBefore: d }))).toEqual(order.slice(0, 3))
  // Going back a page gives the rows nearest the cursor, still newest first.
  expect(idsOf(await list({ endingBefore: d, limit: 2 }))).toEqual(order.slice(1, 3))
  expect(idsOf(await list({ ids: [d, a, c] }))).toEqual([a, c, d])
  expect(idsOf(await list({ ids: [d, a, c], limit: 1 }))).toEqual([a])
  expect(idsOf(await list({ ids: [d, a, c], startingAfter: a }))).toEqual([c, d])
  expect(idsOf(await list({ ids: [] }))).toEqual([])
  // An unknown cursor yields nothing rather than the first page again (no endless paging).
  expect(await list({ startingAfter: 'f0000000-0000-4000-8000-000000000000' })).toEqual([])
}

/** createdAt values for five rows: distinct ends and a three-way tie in the middle. */
const PAGING_TIMES = [T0 + 1, T0 + 2, T0 + 2, T0 + 2, T0 + 3] as const

/** The newest-first order of ids inserted in order with PAGING_TIMES. */
function pagingOrder(ids: readonly string[]): string[] {
  const [p1, p2, p3, p4, p5] = ids
  return [p5, p4, p3, p2, p1].filter((id): id is string => id !== undefined)
}

/**
 * Registers the store contract suite. `open` must give a fresh, empty store (with the built-in
 * system roles) for every test.
 */
export function runStoreContract(
  name: string,
  open: () => Promise<OpenedStore>,
  options: StoreContractOptions = {},
): void {
  let opened: OpenedStore | undefined
  let rows = new Rows()

  const store = (): Store => {
    if (opened === undefined) {
      throw new Error('store used outside a test')
    }
    return opened.store
  }
  const tx = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => store().transaction(fn)

  function lifecycle(): void {
    beforeEach(async () => {
      rows = new Rows()
      opened = await open()
    })
    afterEach(async () => {
      const current = opened
      opened = undefined
      await current?.close()
    })
  }

  async function insertOrg(overrides: Partial<Organization> = {}): Promise<Organization> {
    const org = rows.org(overrides)
    await tx((t) => t.orgs.insert(org))
    return org
  }

  async function insertUser(overrides: Partial<User> = {}, orgId?: string): Promise<User> {
    const user = rows.user(overrides)
    await tx(async (t) => {
      await t.users.insert(user)
      if (orgId !== undefined) {
        await t.members.add({ orgId, userId: user.id, createdAt: user.createdAt })
      }
    })
    return user
  }

  async function append(orgId: string, overrides: Partial<AuditEntry> = {}): Promise<AuditEvent> {
    const id = rows.id()
    return tx((t) =>
      t.audit.append(orgId, (head) => sealEvent(crypto, id, rows.entry(orgId, overrides), head)),
    )
  }

  describe(`${name}: transactions`, () => {
    lifecycle()

    it('returns what the function returns and commits its writes', async () => {
      const org = rows.org()
      const result = await tx(async (t) => {
        await t.orgs.insert(org)
        // A transaction reads its own writes.
        expect(await t.orgs.find(org.id)).toEqual(org)
        return 'done'
      })
      expect(result).toBe('done')
      expect(await tx((t) => t.orgs.find(org.id))).toEqual(org)
    })

    it('rolls back every write of a transaction that throws and rethrows the same error', async () => {
      const kept = await insertOrg()
      const failure = new Error('boom')
      const org = rows.org()
      const user = rows.user()
      const caught = await tx(async (t) => {
        await t.orgs.insert(org)
        await t.users.insert(user)
        await t.members.add({ orgId: org.id, userId: user.id, createdAt: T0 })
        await t.members.add({ orgId: kept.id, userId: user.id, createdAt: T0 })
        await t.projects.insert(rows.project(kept.id))
        await t.groups.insert(rows.group(kept.id, { memberUsers: [user.id] }))
        await t.orgs.bumpAuthzVersion(kept.id)
        await t.audit.append(kept.id, (head) =>
          sealEvent(crypto, rows.id(), rows.entry(kept.id), head),
        )
        throw failure
      }).catch((err: unknown) => err)
      expect(caught).toBe(failure)

      await tx(async (t) => {
        expect(await t.orgs.find(org.id)).toBeUndefined()
        expect(await t.orgs.findByName(org.name)).toBeUndefined()
        expect(await t.users.find(user.id)).toBeUndefined()
        expect(await t.users.findByEmail(user.email)).toBeUndefined()
        expect(await t.members.listByUser(user.id)).toEqual([])
        expect(await t.projects.list({ orgId: kept.id })).toEqual([])
        expect(await t.groups.listAll(kept.id)).toEqual([])
        expect((await t.orgs.find(kept.id))?.authzVersion).toBe(kept.authzVersion)
        expect(await t.audit.scan(kept.id, 0, 10)).toEqual([])
      })
      // The audit head rolled back too: the next event is seq 1 after the genesis hash.
      const next = await append(kept.id)
      expect(next.seq).toBe(1)
      expect(next.prevHash).toBe(GENESIS_HASH)
    })

    it('rolls back when a store write fails, keeping earlier committed data', async () => {
      const org = await insertOrg()
      const user = await insertUser({}, org.id)
      const project = rows.project(org.id)
      await expect(
        tx(async (t) => {
          await t.projects.insert(project)
          await t.members.add({ orgId: org.id, userId: user.id, createdAt: T0 })
        }),
      ).rejects.toSatisfy(appError('ALREADY_MEMBER'))
      expect(await tx((t) => t.projects.find(project.id))).toBeUndefined()
      expect(await tx((t) => t.members.find(org.id, user.id))).toBeDefined()
    })

    it('runs concurrent transactions without losing updates', async () => {
      const org = await insertOrg()
      const own = Array.from({ length: 10 }, () => rows.org())
      const versions = await Promise.all(
        own.map((mine) =>
          tx(async (t) => {
            await t.orgs.insert(mine)
            await t.projects.insert(rows.project(org.id))
            return t.orgs.bumpAuthzVersion(org.id)
          }),
        ),
      )
      expect([...versions].sort((x, y) => x - y)).toEqual(
        Array.from({ length: 10 }, (_, i) => org.authzVersion + i + 1),
      )
      expect((await tx((t) => t.orgs.find(org.id)))?.authzVersion).toBe(org.authzVersion + 10)
      expect(await tx((t) => t.projects.list({ orgId: org.id }))).toHaveLength(10)
      // No transaction's own writes went missing or landed twice.
      expect(sorted(idsOf(await tx((t) => t.orgs.listAll())))).toEqual(
        sorted([org.id, ...idsOf(own)]),
      )
    })

    it('runs writers that lock one org one after the other: a read-then-write loses nothing', async () => {
      const org = await insertOrg()
      const group = rows.group(org.id, { memberUsers: [] })
      await tx((t) => t.groups.insert(group))
      // Each reads the member list after taking the lock and writes it back with one more: on
      // a snapshot read before another writer's commit, all but one addition would vanish.
      const users = Array.from({ length: 8 }, () => rows.user())
      await tx(async (t) => {
        for (const user of users) {
          await t.users.insert(user)
        }
      })
      const added = users.map((u) => u.id)
      const locked = await Promise.all(
        added.map((userId) =>
          tx(async (t) => {
            const live = await t.orgs.lockForWrite(org.id)
            const current = await t.groups.find(group.id)
            if (current === undefined) {
              throw new Error('the group is gone')
            }
            await t.groups.update({ ...current, memberUsers: [...current.memberUsers, userId] })
            return live?.id
          }),
        ),
      )
      expect(locked).toEqual(added.map(() => org.id))
      const after = await tx((t) => t.groups.find(group.id))
      expect([...(after?.memberUsers ?? [])].sort()).toEqual([...added].sort())
    })

    it('returns the org as committed when the lock is granted, and undefined for no org', async () => {
      const org = await insertOrg()
      await tx((t) => t.orgs.update({ ...org, name: `${org.name}-renamed` }))
      expect((await tx((t) => t.orgs.lockForWrite(org.id)))?.name).toBe(`${org.name}-renamed`)
      expect(await tx((t) => t.orgs.lockForWrite(rows.id()))).toBeUndefined()
    })

    it('hands out copies: changing a returned or inserted object changes nothing stored', async () => {
      const org = await insertOrg()
      const group = rows.group(org.id, { memberUsers: [] })
      await tx((t) => t.groups.insert(group))
      ;(group.memberUsers as string[]).push('intruder')
      const found = await tx((t) => t.groups.find(group.id))
      expect(found?.memberUsers).toEqual([])
      ;(found?.memberUsers as string[] | undefined)?.push('intruder')
      ;(org.settings as { serviceTokensCanMint: boolean }).serviceTokensCanMint = false
      expect((await tx((t) => t.groups.find(group.id)))?.memberUsers).toEqual([])
      expect((await tx((t) => t.orgs.find(org.id)))?.settings.serviceTokensCanMint).toBe(true)

      const settings = { nested: { flag: true } }
      const project = rows.project(org.id, { settings })
      await tx((t) => t.projects.insert(project))
      settings.nested.flag = false
      const read = await tx((t) => t.projects.find(project.id))
      expect(read?.settings).toEqual({ nested: { flag: true } })
      const readSettings = read?.settings as { nested: { flag: boolean } } | null | undefined
      if (readSettings) {
        readSettings.nested.flag = false
      }
      expect((await tx((t) => t.projects.find(project.id)))?.settings).toEqual({
        nested: { flag: true },
      })
    })
  })

  describe(`${name}: orgs`, () => {
    lifecycle()

    it('round-trips every field, nulls and non-nulls alike', async () => {
      const bare = await insertOrg({ plan: 'starter' })
      const full = await insertOrg({
        plan: 'pro',
        settings: { directOwnershipGrants: false, serviceTokensCanMint: false },
        apiUrl: 'https://api.example.com',
        proxyUrl: 'https://proxy.example.com',
        realtimeUrl: 'wss://realtime.example.com',
        isUniversalApi: true,
        isDataplanePrivate: false,
        imageRenderingMode: 'auto',
        authzVersion: 7,
        createdAt: T0 + 5,
      })
      const mixed = await insertOrg({
        settings: { directOwnershipGrants: false, serviceTokensCanMint: true },
        isUniversalApi: null,
        isDataplanePrivate: true,
        imageRenderingMode: 'click_to_load',
        authzVersion: 41,
        createdAt: T0 + 123,
      })
      await tx(async (t) => {
        expect(await t.orgs.find(bare.id)).toEqual(bare)
        expect(await t.orgs.find(full.id)).toEqual(full)
        expect(await t.orgs.find(mixed.id)).toEqual(mixed)
        expect(await t.orgs.findByName(mixed.name)).toEqual(mixed)
        expect(await t.orgs.findByName(full.name)).toEqual(full)
        expect(await t.orgs.find(rows.id())).toBeUndefined()
        expect(await t.orgs.findByName('no such org')).toBeUndefined()
      })
    })

    it('finds many by id, ignoring unknown ids', async () => {
      const a = await insertOrg()
      const b = await insertOrg()
      await insertOrg()
      const found = await tx((t) => t.orgs.findMany([b.id, a.id, rows.id()]))
      expect(sorted(idsOf(found))).toEqual(sorted([a.id, b.id]))
      expect(await tx((t) => t.orgs.findMany([]))).toEqual([])
    })

    it('refuses a second org with the same name, on insert and on rename', async () => {
      const a = await insertOrg({ name: 'Acme' })
      const b = await insertOrg({ name: 'Initech' })
      await expect(tx((t) => t.orgs.insert(rows.org({ name: 'Acme' })))).rejects.toSatisfy(
        appError('ORG_NAME_TAKEN'),
      )
      await expect(tx((t) => t.orgs.update({ ...b, name: 'Acme' }))).rejects.toSatisfy(
        appError('ORG_NAME_TAKEN'),
      )
      // Renaming an org to its own name is not a conflict.
      await tx((t) => t.orgs.update({ ...a, plan: 'pro' }))
      expect((await tx((t) => t.orgs.find(a.id)))?.plan).toBe('pro')
    })

    it('updates the mutable fields but not the authz version or creation time', async () => {
      const org = await insertOrg()
      const changed: Organization = {
        ...org,
        name: 'Renamed',
        plan: 'starter',
        settings: { directOwnershipGrants: false, serviceTokensCanMint: false },
        apiUrl: 'https://api.example.com',
        proxyUrl: 'https://proxy.example.com',
        realtimeUrl: 'wss://rt.example.com',
        isUniversalApi: false,
        isDataplanePrivate: true,
        imageRenderingMode: 'click_to_load',
        authzVersion: 99,
        createdAt: T0 + 99,
      }
      await tx((t) => t.orgs.update(changed))
      expect(await tx((t) => t.orgs.find(org.id))).toEqual({
        ...changed,
        authzVersion: org.authzVersion,
        createdAt: org.createdAt,
      })
      expect(await tx((t) => t.orgs.findByName(org.name))).toBeUndefined()
      expect((await tx((t) => t.orgs.findByName('Renamed')))?.id).toBe(org.id)
    })

    it('bumps the authz version of one org and returns the new value', async () => {
      const org = await insertOrg({ authzVersion: 3 })
      const other = await insertOrg({ authzVersion: 3 })
      expect(await tx((t) => t.orgs.bumpAuthzVersion(org.id))).toBe(4)
      expect(await tx((t) => t.orgs.bumpAuthzVersion(org.id))).toBe(5)
      expect((await tx((t) => t.orgs.find(org.id)))?.authzVersion).toBe(5)
      expect((await tx((t) => t.orgs.find(other.id)))?.authzVersion).toBe(3)
      // An update in the same transaction does not move the version the bump counts from.
      const bumped = await tx(async (t) => {
        await t.orgs.update({ ...other, authzVersion: 99 })
        return t.orgs.bumpAuthzVersion(other.id)
      })
      expect(bumped).toBe(4)
      await expect(tx((t) => t.orgs.bumpAuthzVersion(rows.id()))).rejects.toSatisfy(
        appError('ORG_NOT_FOUND'),
      )
    })

    it('tells its listeners which orgs a committed transaction bumped, and nothing on rollback', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const heard: string[][] = []
      const stop = store().onAuthzCommit((ids) => heard.push([...ids].sort()))
      await tx(async (t) => {
        await t.orgs.bumpAuthzVersion(org.id)
        await t.orgs.bumpAuthzVersion(org.id)
        await t.orgs.bumpAuthzVersion(other.id)
      })
      await tx((t) => t.orgs.bumpAuthzVersion(org.id)).then(() => undefined)
      await tx(async (t) => {
        await t.orgs.bumpAuthzVersion(other.id)
        throw new Error('rolled back')
      }).catch(() => undefined)
      await tx((t) => t.orgs.find(org.id))
      stop()
      await tx((t) => t.orgs.bumpAuthzVersion(org.id))
      expect(heard).toEqual([[org.id, other.id].sort(), [org.id]])
    })

    it('lists every org oldest first, ties by id', async () => {
      const late = await insertOrg({ createdAt: T0 + 10 })
      const tie1 = await insertOrg({ createdAt: T0 + 5 })
      const tie2 = await insertOrg({ createdAt: T0 + 5 })
      const early = await insertOrg({ createdAt: T0 })
      expect(idsOf(await tx((t) => t.orgs.listAll()))).toEqual([
        early.id,
        tie1.id,
        tie2.id,
        late.id,
      ])
    })

    it('starts the audit chain of a new org at the genesis head', async () => {
      const org = await insertOrg()
      const id = rows.id()
      const seen = await tx(async (t) => {
        let head: { seq: number; hash: string } | undefined
        await t.audit.append(org.id, (h) => {
          head = { ...h }
          return sealEvent(crypto, id, rows.entry(org.id), h)
        })
        return head
      })
      expect(seen).toEqual({ seq: 0, hash: GENESIS_HASH })
    })
  })

  describe(`${name}: users`, () => {
    lifecycle()

    it('round-trips people and service accounts with every field', async () => {
      const org = await insertOrg()
      const person = await insertUser({
        givenName: 'Ada',
        familyName: 'Lovelace',
        avatarUrl: 'https://example.com/ada.png',
        passwordHash: '$scrypt$ln=17,r=8,p=1$c2FsdA$aGFzaA',
        createdAt: T0 + 1,
      })
      const bare = await insertUser()
      const robot = await insertUser({
        kind: 'service_account',
        email: 'a0000000-robot@service-account.gatehouse.invalid',
        givenName: 'ci',
        serviceAccountOrgId: org.id,
      })
      const gone = await insertUser({ deletedAt: T0 + 2 })
      await tx(async (t) => {
        for (const user of [person, bare, robot, gone]) {
          expect(await t.users.find(user.id)).toEqual(user)
        }
        expect(await t.users.find(rows.id())).toBeUndefined()
      })
    })

    it('finds by email case-insensitively', async () => {
      const user = await insertUser({ email: 'grace@example.com' })
      expect(await tx((t) => t.users.findByEmail('Grace@EXAMPLE.com'))).toEqual(user)
      expect(await tx((t) => t.users.findByEmail('grace@example.org'))).toBeUndefined()
    })

    it('stores an email in lower case', async () => {
      const user = await insertUser({ email: 'SA@Service-Account.Gatehouse.Invalid' })
      const stored = { ...user, email: 'sa@service-account.gatehouse.invalid' }
      expect(await tx((t) => t.users.find(user.id))).toEqual(stored)
      expect(await tx((t) => t.users.findByEmail('sa@service-account.gatehouse.INVALID'))).toEqual(
        stored,
      )
    })

    it('refuses a second user with the same email, on insert and on update', async () => {
      await insertUser({ email: 'taken@example.com' })
      const other = await insertUser({ email: 'free@example.com' })
      await expect(
        tx((t) => t.users.insert(rows.user({ email: 'taken@example.com' }))),
      ).rejects.toSatisfy(appError('EMAIL_TAKEN'))
      await expect(
        tx((t) => t.users.update({ ...other, email: 'taken@example.com' })),
      ).rejects.toSatisfy(appError('EMAIL_TAKEN'))
    })

    it('refuses a second user with the same id', async () => {
      const user = await insertUser()
      await expect(tx((t) => t.users.insert(rows.user({ id: user.id })))).rejects.toThrow()
    })

    it('finds many by id', async () => {
      const a = await insertUser()
      const b = await insertUser()
      await insertUser()
      const found = await tx((t) => t.users.findMany([a.id, b.id, rows.id()]))
      expect(sorted(idsOf(found))).toEqual(sorted([a.id, b.id]))
      expect(await tx((t) => t.users.findMany([]))).toEqual([])
    })

    it('updates profile, email, password hash and deletion', async () => {
      const user = await insertUser({ givenName: 'Old' })
      const changed: User = {
        ...user,
        email: 'new@example.com',
        givenName: 'New',
        familyName: 'Name',
        avatarUrl: 'https://example.com/a.png',
        passwordHash: 'fake$abc',
      }
      await tx((t) => t.users.update(changed))
      expect(await tx((t) => t.users.find(user.id))).toEqual(changed)
      expect(await tx((t) => t.users.findByEmail(user.email))).toBeUndefined()
      const cleared: User = { ...changed, givenName: null, passwordHash: null, deletedAt: T0 + 1 }
      await tx((t) => t.users.update(cleared))
      expect(await tx((t) => t.users.find(user.id))).toEqual(cleared)
    })

    it('lists only members of the org, newest first, with filters', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const ada = await insertUser(
        { givenName: 'Ada', familyName: 'Lovelace', createdAt: T0 + 1 },
        org.id,
      )
      const alan = await insertUser(
        { givenName: 'Alan', familyName: 'Turing', createdAt: T0 + 2 },
        org.id,
      )
      const robot = await insertUser(
        { kind: 'service_account', serviceAccountOrgId: org.id, createdAt: T0 + 3 },
        org.id,
      )
      const outsider = await insertUser({ givenName: 'Ada', createdAt: T0 + 4 }, other.id)
      await insertUser({ createdAt: T0 + 5 })

      const list = (query: Partial<Parameters<Tx['users']['list']>[0]> = {}) =>
        tx((t) => t.users.list({ orgId: org.id, ...query }))
      expect(idsOf(await list())).toEqual([robot.id, alan.id, ada.id])
      expect(await list()).toEqual([robot, alan, ada])
      expect(idsOf(await list({ givenName: 'Ada' }))).toEqual([ada.id])
      expect(idsOf(await list({ familyName: 'Turing' }))).toEqual([alan.id])
      expect(idsOf(await list({ kind: 'service_account' }))).toEqual([robot.id])
      expect(idsOf(await list({ kind: 'user' }))).toEqual([alan.id, ada.id])
      expect(idsOf(await list({ emails: [ada.email.toUpperCase(), outsider.email] }))).toEqual([
        ada.id,
      ])
      expect(idsOf(await list({ emails: [] }))).toEqual([])
      expect(idsOf(await tx((t) => t.users.list({ orgId: other.id })))).toEqual([outsider.id])
    })

    it('pages members newest first with ties broken by id', async () => {
      const org = await insertOrg()
      const ids: string[] = []
      for (const createdAt of PAGING_TIMES) {
        ids.push((await insertUser({ createdAt }, org.id)).id)
      }
      await expectPaging(pagingOrder(ids), (q) => tx((t) => t.users.list({ orgId: org.id, ...q })))
    })
  })

  describe(`${name}: members`, () => {
    lifecycle()

    it('adds, finds, lists and removes memberships', async () => {
      const a = await insertOrg()
      const b = await insertOrg()
      const u1 = await insertUser()
      const u2 = await insertUser()
      await tx(async (t) => {
        await t.members.add({ orgId: a.id, userId: u1.id, createdAt: T0 + 1 })
        await t.members.add({ orgId: a.id, userId: u2.id, createdAt: T0 + 2 })
        await t.members.add({ orgId: b.id, userId: u1.id, createdAt: T0 + 3 })
      })
      await tx(async (t) => {
        expect(await t.members.find(a.id, u1.id)).toEqual({
          orgId: a.id,
          userId: u1.id,
          createdAt: T0 + 1,
        })
        expect(await t.members.find(b.id, u2.id)).toBeUndefined()
        expect(sorted((await t.members.listByOrg(a.id)).map((m) => m.userId))).toEqual(
          sorted([u1.id, u2.id]),
        )
        expect((await t.members.listByOrg(b.id)).map((m) => m.userId)).toEqual([u1.id])
        expect(sorted((await t.members.listByUser(u1.id)).map((m) => m.orgId))).toEqual(
          sorted([a.id, b.id]),
        )
        expect(await t.members.remove(a.id, u1.id)).toBe(true)
        expect(await t.members.remove(a.id, u1.id)).toBe(false)
      })
      await tx(async (t) => {
        expect(await t.members.find(a.id, u1.id)).toBeUndefined()
        expect((await t.members.listByUser(u1.id)).map((m) => m.orgId)).toEqual([b.id])
        expect((await t.members.listByOrg(a.id)).map((m) => m.userId)).toEqual([u2.id])
      })
    })

    it('refuses a duplicate membership', async () => {
      const org = await insertOrg()
      const user = await insertUser({}, org.id)
      await expect(
        tx((t) => t.members.add({ orgId: org.id, userId: user.id, createdAt: T0 + 1 })),
      ).rejects.toSatisfy(appError('ALREADY_MEMBER'))
    })
  })

  describe(`${name}: projects`, () => {
    lifecycle()

    it('round-trips every field, JSON settings included', async () => {
      const org = await insertOrg()
      const user = await insertUser({}, org.id)
      const full = rows.project(org.id, {
        userId: user.id,
        settings: {
          comparison_key: 'input',
          nested: { list: [1, 'two', null, true, { b: null }] },
          n: 1.5,
        },
        createdAt: T0 + 1,
      })
      const bare = rows.project(org.id)
      await tx(async (t) => {
        await t.projects.insert(full)
        await t.projects.insert(bare)
      })
      await tx(async (t) => {
        expect(await t.projects.find(full.id)).toEqual(full)
        expect(await t.projects.find(bare.id)).toEqual(bare)
        expect(await t.projects.findByName(org.id, full.name)).toEqual(full)
        expect(await t.projects.find(rows.id())).toBeUndefined()
      })
    })

    it('finds by name within one org only', async () => {
      const a = await insertOrg()
      const b = await insertOrg()
      const project = rows.project(a.id, { name: 'shared' })
      const theirs = rows.project(b.id, { name: 'shared' })
      await tx(async (t) => {
        await t.projects.insert(project)
        await t.projects.insert(theirs)
      })
      expect((await tx((t) => t.projects.findByName(a.id, 'shared')))?.id).toBe(project.id)
      expect((await tx((t) => t.projects.findByName(b.id, 'shared')))?.id).toBe(theirs.id)
      expect(await tx((t) => t.projects.findByName(a.id, 'Shared'))).toBeUndefined()
    })

    it('updates name and settings', async () => {
      const org = await insertOrg()
      const project = rows.project(org.id, { settings: { a: 1 } })
      await tx((t) => t.projects.insert(project))
      const changed = { ...project, name: 'renamed', settings: { b: [2] } }
      await tx((t) => t.projects.update(changed))
      expect(await tx((t) => t.projects.find(project.id))).toEqual(changed)
      await tx((t) => t.projects.update({ ...changed, settings: null }))
      expect((await tx((t) => t.projects.find(project.id)))?.settings).toBeNull()
    })

    it('hides soft-deleted projects from every read and lets their name be reused', async () => {
      const org = await insertOrg()
      const doomed = rows.project(org.id, { name: 'doomed' })
      const kept = rows.project(org.id)
      await tx(async (t) => {
        await t.projects.insert(doomed)
        await t.projects.insert(kept)
      })
      await tx((t) => t.projects.softDelete(doomed.id, T0 + 5))
      await tx(async (t) => {
        expect(await t.projects.find(doomed.id)).toBeUndefined()
        expect(await t.projects.findByName(org.id, 'doomed')).toBeUndefined()
        expect(idsOf(await t.projects.list({ orgId: org.id }))).toEqual([kept.id])
        expect(await t.projects.list({ orgId: org.id, ids: [doomed.id] })).toEqual([])
      })
      const reborn = rows.project(org.id, { name: 'doomed', createdAt: T0 + 6 })
      await tx((t) => t.projects.insert(reborn))
      expect(await tx((t) => t.projects.findByName(org.id, 'doomed'))).toEqual(reborn)
    })

    // The guard under the use cases' own checks: a race that slips past them still cannot make
    // two live objects of one name.
    for (const kind of ['project', 'group', 'role'] as const) {
      it(`refuses a second live ${kind} of one name in an org, on insert and on rename`, async () => {
        const org = await insertOrg()
        const other = await insertOrg()
        const make = (orgId: string, name: string) =>
          kind === 'project'
            ? rows.project(orgId, { name })
            : kind === 'group'
              ? rows.group(orgId, { name })
              : rows.role(orgId, { name })
        const repo = (t: Tx) =>
          (kind === 'project' ? t.projects : kind === 'group' ? t.groups : t.roles) as {
            insert(row: ReturnType<typeof make>): Promise<void>
            update(row: ReturnType<typeof make>): Promise<void>
            softDelete(id: string, at: number): Promise<void>
          }
        const first = make(org.id, 'taken')
        const second = make(org.id, 'free')
        await tx(async (t) => {
          await repo(t).insert(first)
          await repo(t).insert(second)
          await repo(t).insert(make(other.id, 'taken'))
        })
        await expect(tx((t) => repo(t).insert(make(org.id, 'taken')))).rejects.toSatisfy(
          appError('NAME_TAKEN'),
        )
        await expect(tx((t) => repo(t).update({ ...second, name: 'taken' }))).rejects.toSatisfy(
          appError('NAME_TAKEN'),
        )
        // A refused rename inside a transaction leaves that transaction usable.
        await tx(async (t) => {
          await expect(repo(t).update({ ...second, name: 'taken' })).rejects.toThrow()
          await repo(t).update({ ...second, name: 'still free' })
        })
        await tx((t) => repo(t).softDelete(first.id, T0 + 1))
        await tx((t) => repo(t).update({ ...second, name: 'taken' }))
      })
    }

    it('lists the ids of the org’s live projects only', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const live = rows.project(org.id)
      const gone = rows.project(org.id)
      const elsewhere = rows.project(other.id)
      await tx(async (t) => {
        for (const p of [live, gone, elsewhere]) {
          await t.projects.insert(p)
        }
        await t.projects.softDelete(gone.id, T0 + 1)
      })
      expect(await tx((t) => t.projects.listLiveIds(org.id))).toEqual([live.id])
      expect(await tx((t) => t.projects.listLiveIds(other.id))).toEqual([elsewhere.id])
    })

    it('lists the org’s projects newest first, filtered by name', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const p1 = rows.project(org.id, { name: 'alpha', createdAt: T0 + 1 })
      const p2 = rows.project(org.id, { name: 'beta', createdAt: T0 + 2 })
      const foreign = rows.project(other.id, { name: 'alpha', createdAt: T0 + 3 })
      await tx(async (t) => {
        for (const p of [p1, p2, foreign]) {
          await t.projects.insert(p)
        }
      })
      expect(await tx((t) => t.projects.list({ orgId: org.id }))).toEqual([p2, p1])
      expect(idsOf(await tx((t) => t.projects.list({ orgId: org.id, name: 'alpha' })))).toEqual([
        p1.id,
      ])
      expect(await tx((t) => t.projects.list({ orgId: org.id, name: 'gamma' }))).toEqual([])
      expect(await tx((t) => t.projects.list({ orgId: org.id, ids: [foreign.id] }))).toEqual([])
    })

    it('pages newest first with ties broken by id', async () => {
      const org = await insertOrg()
      const made = PAGING_TIMES.map((createdAt) => rows.project(org.id, { createdAt }))
      await tx(async (t) => {
        for (const p of made) {
          await t.projects.insert(p)
        }
        await t.projects.insert(rows.project((await insertOrgIn(t)).id, { createdAt: T0 + 2 }))
      })
      await expectPaging(pagingOrder(idsOf(made)), (q) =>
        tx((t) => t.projects.list({ orgId: org.id, ...q })),
      )
    })
  })

  /** Inserts an extra org inside a running transaction (noise for isolation checks). */
  async function insertOrgIn(t: Tx): Promise<Organization> {
    const org = rows.org()
    await t.orgs.insert(org)
    return org
  }

  describe(`${name}: groups`, () => {
    lifecycle()

    it('round-trips every field, member lists included', async () => {
      const org = await insertOrg()
      const u1 = await insertUser({}, org.id)
      const u2 = await insertUser({}, org.id)
      const inner = rows.group(org.id)
      const full = rows.group(org.id, {
        userId: u1.id,
        name: 'Owners',
        description: 'Full access',
        builtin: 'owners',
        memberUsers: [u1.id, u2.id],
        memberGroups: [inner.id],
        createdAt: T0 + 1,
      })
      await tx(async (t) => {
        await t.groups.insert(inner)
        await t.groups.insert(full)
      })
      await tx(async (t) => {
        expect(await t.groups.find(inner.id)).toEqual(inner)
        const found = await t.groups.find(full.id)
        expect(found).toEqual({
          ...full,
          memberUsers: expect.any(Array),
          memberGroups: [inner.id],
        })
        expect(sorted(found?.memberUsers ?? [])).toEqual(sorted([u1.id, u2.id]))
        expect((await t.groups.findByName(org.id, 'Owners'))?.id).toBe(full.id)
        expect(await t.groups.find(rows.id())).toBeUndefined()
      })
    })

    it('keeps member lists in the order given, each member once', async () => {
      const org = await insertOrg()
      const u1 = await insertUser({}, org.id)
      const u2 = await insertUser({}, org.id)
      const u3 = await insertUser({}, org.id)
      const inner = rows.group(org.id)
      const group = rows.group(org.id, {
        memberUsers: [u3.id, u1.id, u3.id, u2.id],
        memberGroups: [inner.id, inner.id],
      })
      await tx(async (t) => {
        await t.groups.insert(inner)
        await t.groups.insert(group)
      })
      const expected = { ...group, memberUsers: [u3.id, u1.id, u2.id], memberGroups: [inner.id] }
      await tx(async (t) => {
        expect(await t.groups.find(group.id)).toEqual(expected)
        expect(await t.groups.findByName(org.id, group.name)).toEqual(expected)
        expect((await t.groups.listAll(org.id)).find((g) => g.id === group.id)).toEqual(expected)
      })
      await tx((t) => t.groups.update({ ...group, memberUsers: [u2.id, u3.id, u2.id] }))
      expect((await tx((t) => t.groups.find(group.id)))?.memberUsers).toEqual([u2.id, u3.id])
    })

    it('replaces name, description and both member lists on update', async () => {
      const org = await insertOrg()
      const u1 = await insertUser({}, org.id)
      const u2 = await insertUser({}, org.id)
      const g1 = rows.group(org.id)
      const g2 = rows.group(org.id)
      const group = rows.group(org.id, { memberUsers: [u1.id], memberGroups: [g1.id] })
      await tx(async (t) => {
        for (const g of [g1, g2, group]) {
          await t.groups.insert(g)
        }
      })
      const changed = {
        ...group,
        name: 'renamed',
        description: 'now described',
        memberUsers: [u2.id],
        memberGroups: [g2.id],
      }
      await tx((t) => t.groups.update(changed))
      expect(await tx((t) => t.groups.find(group.id))).toEqual(changed)
      const emptied = { ...changed, description: null, memberUsers: [], memberGroups: [] }
      await tx((t) => t.groups.update(emptied))
      expect(await tx((t) => t.groups.find(group.id))).toEqual(emptied)
    })

    it('hides soft-deleted groups from every read', async () => {
      const org = await insertOrg()
      const doomed = rows.group(org.id, { name: 'doomed' })
      const kept = rows.group(org.id)
      await tx(async (t) => {
        await t.groups.insert(doomed)
        await t.groups.insert(kept)
      })
      await tx((t) => t.groups.softDelete(doomed.id, T0 + 1))
      await tx(async (t) => {
        expect(await t.groups.find(doomed.id)).toBeUndefined()
        expect(await t.groups.findByName(org.id, 'doomed')).toBeUndefined()
        expect(idsOf(await t.groups.list({ orgId: org.id }))).toEqual([kept.id])
        expect(idsOf(await t.groups.listAll(org.id))).toEqual([kept.id])
      })
    })

    it('lists and finds only the org’s groups', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const mine = rows.group(org.id, { name: 'Engineers', createdAt: T0 + 1 })
      const mine2 = rows.group(org.id, { name: 'Viewers', createdAt: T0 + 2 })
      const theirs = rows.group(other.id, { name: 'Engineers', createdAt: T0 + 3 })
      await tx(async (t) => {
        for (const g of [mine, mine2, theirs]) {
          await t.groups.insert(g)
        }
      })
      await tx(async (t) => {
        expect(await t.groups.list({ orgId: org.id })).toEqual([mine2, mine])
        expect(idsOf(await t.groups.list({ orgId: org.id, name: 'Engineers' }))).toEqual([mine.id])
        expect(sorted(idsOf(await t.groups.listAll(org.id)))).toEqual(sorted([mine.id, mine2.id]))
        expect((await t.groups.findByName(other.id, 'Engineers'))?.id).toBe(theirs.id)
        expect(await t.groups.findByName(org.id, 'Nobody')).toBeUndefined()
      })
    })

    it('pages newest first with ties broken by id', async () => {
      const org = await insertOrg()
      const made = PAGING_TIMES.map((createdAt) => rows.group(org.id, { createdAt }))
      await tx(async (t) => {
        for (const g of made) {
          await t.groups.insert(g)
        }
      })
      await expectPaging(pagingOrder(idsOf(made)), (q) =>
        tx((t) => t.groups.list({ orgId: org.id, ...q })),
      )
    })
  })

  describe(`${name}: roles`, () => {
    lifecycle()

    const systemIds = [...SYSTEM_ROLES].map((r) => r.id)
    /** System roles in newest-first order (all created at 0, so by id, descending). */
    const systemOrder = sorted(systemIds).reverse()

    it('round-trips every field, permissions and inherited roles included', async () => {
      const org = await insertOrg()
      const user = await insertUser({}, org.id)
      const base = rows.role(org.id)
      const full = rows.role(org.id, {
        userId: user.id,
        name: 'Auditor',
        description: 'Reads ACLs',
        memberPermissions: [
          { permission: 'read', restrictObjectType: null },
          { permission: 'read_acls', restrictObjectType: 'project' },
        ],
        memberRoles: [base.id, SYSTEM_ROLE_IDS.viewer],
        createdAt: T0 + 1,
      })
      await tx(async (t) => {
        await t.roles.insert(base)
        await t.roles.insert(full)
      })
      await tx(async (t) => {
        expect(await t.roles.find(base.id)).toEqual(base)
        const found = await t.roles.find(full.id)
        expect(found).toEqual({
          ...full,
          memberPermissions: expect.any(Array),
          memberRoles: expect.any(Array),
        })
        const perms = (found?.memberPermissions ?? []).map(
          (p) => `${p.permission}:${p.restrictObjectType}`,
        )
        expect(sorted(perms)).toEqual(['read:null', 'read_acls:project'])
        expect(sorted(found?.memberRoles ?? [])).toEqual(sorted([base.id, SYSTEM_ROLE_IDS.viewer]))
      })
    })

    it('finds the system roles by id and by name from any org', async () => {
      const org = await insertOrg()
      await tx(async (t) => {
        for (const role of SYSTEM_ROLES) {
          expect(await t.roles.find(role.id)).toEqual(role)
          expect(await t.roles.findByName(org.id, role.name)).toEqual(role)
        }
        expect(await t.roles.find(rows.id())).toBeUndefined()
        expect(await t.roles.findByName(org.id, 'Nobody')).toBeUndefined()
      })
    })

    it('prefers the org’s own role over a system role of the same name', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const mine = rows.role(org.id, { name: 'Viewer' })
      await tx((t) => t.roles.insert(mine))
      expect((await tx((t) => t.roles.findByName(org.id, 'Viewer')))?.id).toBe(mine.id)
      expect((await tx((t) => t.roles.findByName(other.id, 'Viewer')))?.id).toBe(
        SYSTEM_ROLE_IDS.viewer,
      )
    })

    it('keeps the system roles read-only and their ids out of reach', async () => {
      const org = await insertOrg()
      const viewer = SYSTEM_ROLES.find((r) => r.id === SYSTEM_ROLE_IDS.viewer)
      if (viewer === undefined) {
        throw new Error('no Viewer system role')
      }
      await tx(async (t) => {
        await t.roles.update({ ...viewer, name: 'Hacked', memberPermissions: [] })
        await t.roles.softDelete(viewer.id, T0 + 1)
      })
      expect(await tx((t) => t.roles.find(viewer.id))).toEqual(viewer)
      expect(await tx((t) => t.roles.findByName(org.id, 'Viewer'))).toEqual(viewer)
      expect(await tx((t) => t.roles.listAll(org.id))).toHaveLength(SYSTEM_ROLES.length)
      await expect(tx((t) => t.roles.insert(rows.role(org.id, { orgId: null })))).rejects.toThrow(
        /System roles/,
      )
      await expect(
        tx((t) => t.roles.insert(rows.role(org.id, { id: SYSTEM_ROLE_IDS.owner }))),
      ).rejects.toSatisfy(appError('NAME_TAKEN'))
    })

    it('keeps each inherited role once, and an own role beside the system roles', async () => {
      const org = await insertOrg()
      const own = rows.role(org.id, {
        name: 'Viewer',
        memberPermissions: [
          { permission: 'read', restrictObjectType: 'project' },
          { permission: 'update', restrictObjectType: null },
        ],
        memberRoles: [SYSTEM_ROLE_IDS.engineer, SYSTEM_ROLE_IDS.engineer],
      })
      await tx((t) => t.roles.insert(own))
      const stored = { ...own, memberRoles: [SYSTEM_ROLE_IDS.engineer] }
      await tx(async (t) => {
        expect(await t.roles.find(own.id)).toEqual(stored)
        expect(await t.roles.findByName(org.id, 'Viewer')).toEqual(stored)
        expect(await t.roles.listAll(org.id)).toHaveLength(SYSTEM_ROLES.length + 1)
      })
    })

    it('lists the org’s roles then the system roles, never another org’s', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const r1 = rows.role(org.id, { name: 'one', createdAt: T0 + 1 })
      const r2 = rows.role(org.id, { name: 'two', createdAt: T0 + 2 })
      const theirs = rows.role(other.id, { name: 'one', createdAt: T0 + 3 })
      await tx(async (t) => {
        for (const r of [r1, r2, theirs]) {
          await t.roles.insert(r)
        }
      })
      await tx(async (t) => {
        expect(idsOf(await t.roles.list({ orgId: org.id }))).toEqual([r2.id, r1.id, ...systemOrder])
        expect(idsOf(await t.roles.list({ orgId: org.id, name: 'one' }))).toEqual([r1.id])
        expect(idsOf(await t.roles.list({ orgId: org.id, name: 'Owner' }))).toEqual([
          SYSTEM_ROLE_IDS.owner,
        ])
        expect(sorted(idsOf(await t.roles.listAll(org.id)))).toEqual(
          sorted([r1.id, r2.id, ...systemIds]),
        )
        expect(await t.roles.findByName(org.id, 'one')).toEqual(r1)
      })
    })

    it('updates name, description, permissions and inherited roles', async () => {
      const org = await insertOrg()
      const base = rows.role(org.id)
      const role = rows.role(org.id, {
        memberPermissions: [{ permission: 'read', restrictObjectType: null }],
        memberRoles: [base.id],
      })
      await tx(async (t) => {
        await t.roles.insert(base)
        await t.roles.insert(role)
      })
      const changed: Role = {
        ...role,
        name: 'renamed',
        description: 'described',
        memberPermissions: [{ permission: 'update', restrictObjectType: 'dataset' }],
        memberRoles: [SYSTEM_ROLE_IDS.engineer],
      }
      await tx((t) => t.roles.update(changed))
      expect(await tx((t) => t.roles.find(role.id))).toEqual(changed)
      const emptied: Role = { ...changed, memberPermissions: [], memberRoles: [] }
      await tx((t) => t.roles.update(emptied))
      expect(await tx((t) => t.roles.find(role.id))).toEqual(emptied)
    })

    it('hides soft-deleted roles from every read', async () => {
      const org = await insertOrg()
      const doomed = rows.role(org.id, { name: 'doomed' })
      await tx((t) => t.roles.insert(doomed))
      await tx((t) => t.roles.softDelete(doomed.id, T0 + 1))
      await tx(async (t) => {
        expect(await t.roles.find(doomed.id)).toBeUndefined()
        expect(await t.roles.findByName(org.id, 'doomed')).toBeUndefined()
        expect(idsOf(await t.roles.list({ orgId: org.id }))).toEqual(systemOrder)
        expect(sorted(idsOf(await t.roles.listAll(org.id)))).toEqual(sorted(systemIds))
      })
    })

    it('pages newest first with ties broken by id, system roles last', async () => {
      const org = await insertOrg()
      const made = PAGING_TIMES.map((createdAt) => rows.role(org.id, { createdAt }))
      await tx(async (t) => {
        for (const r of made) {
          await t.roles.insert(r)
        }
      })
      await expectPaging([...pagingOrder(idsOf(made)), ...systemOrder], (q) =>
        tx((t) => t.roles.list({ orgId: org.id, ...q })),
      )
    })
  })

  describe(`${name}: acls`, () => {
    lifecycle()

    it('round-trips both subjects and both grants', async () => {
      const org = await insertOrg()
      const user = await insertUser({}, org.id)
      const group = rows.group(org.id)
      const project = rows.project(org.id)
      const byUser = rows.acl(org.id, {
        objectType: 'project',
        objectId: project.id,
        userId: user.id,
        permission: 'update',
        restrictObjectType: 'dataset',
        createdAt: T0 + 1,
      })
      const byGroup = rows.acl(org.id, {
        groupId: group.id,
        permission: null,
        roleId: SYSTEM_ROLE_IDS.owner,
      })
      await tx(async (t) => {
        await t.groups.insert(group)
        await t.projects.insert(project)
        await t.acls.insert(byUser)
        await t.acls.insert(byGroup)
      })
      await tx(async (t) => {
        expect(await t.acls.find(byUser.id)).toEqual(byUser)
        expect(await t.acls.find(byGroup.id)).toEqual(byGroup)
        expect(await t.acls.find(rows.id())).toBeUndefined()
      })
    })

    it('finds by exact content, nulls comparing equal, within the org only', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const user = await insertUser({}, org.id)
      const acl = rows.acl(org.id, { userId: user.id, permission: 'read' })
      await tx((t) => t.acls.insert(acl))
      const { id: _id, orgId: _org, createdAt: _at, ...item } = acl
      await tx(async (t) => {
        expect(await t.acls.findByContent(org.id, item)).toEqual(acl)
        expect(await t.acls.findByContent(other.id, item)).toBeUndefined()
        expect(
          await t.acls.findByContent(org.id, { ...item, permission: 'update' }),
        ).toBeUndefined()
        expect(
          await t.acls.findByContent(org.id, { ...item, restrictObjectType: 'project' }),
        ).toBeUndefined()
        expect(
          await t.acls.findByContent(org.id, { ...item, objectType: 'org_project' }),
        ).toBeUndefined()
        expect(
          await t.acls.findByContent(org.id, {
            ...item,
            permission: null,
            roleId: SYSTEM_ROLE_IDS.viewer,
          }),
        ).toBeUndefined()
      })
      // Rows that differ only in their grant or restriction are found each by its own content.
      const byRole = rows.acl(org.id, {
        userId: user.id,
        permission: null,
        roleId: SYSTEM_ROLE_IDS.owner,
      })
      const restricted = rows.acl(org.id, {
        userId: user.id,
        permission: 'read',
        restrictObjectType: 'project',
      })
      await tx(async (t) => {
        await t.acls.insert(byRole)
        await t.acls.insert(restricted)
      })
      await tx(async (t) => {
        expect(await t.acls.findByContent(org.id, item)).toEqual(acl)
        expect(
          await t.acls.findByContent(org.id, { ...item, restrictObjectType: 'project' }),
        ).toEqual(restricted)
        expect(
          await t.acls.findByContent(org.id, {
            ...item,
            permission: null,
            roleId: SYSTEM_ROLE_IDS.owner,
          }),
        ).toEqual(byRole)
      })
    })

    it('lists with every filter, never another org’s ACLs', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const user = await insertUser({}, org.id)
      const group = rows.group(org.id)
      const a = rows.acl(org.id, { userId: user.id, permission: 'read', createdAt: T0 + 1 })
      const b = rows.acl(org.id, {
        objectType: 'org_project',
        groupId: group.id,
        permission: null,
        roleId: SYSTEM_ROLE_IDS.engineer,
        createdAt: T0 + 2,
      })
      const c = rows.acl(org.id, {
        objectType: 'org_project',
        userId: user.id,
        permission: 'update',
        restrictObjectType: 'dataset',
        createdAt: T0 + 3,
      })
      const foreign = rows.acl(other.id, { userId: user.id, createdAt: T0 + 4 })
      await tx(async (t) => {
        await t.groups.insert(group)
        for (const acl of [a, b, c, foreign]) {
          await t.acls.insert(acl)
        }
      })
      const list = (q: Partial<Parameters<Tx['acls']['list']>[0]> = {}) =>
        tx((t) => t.acls.list({ orgId: org.id, ...q }))
      expect(await list()).toEqual([c, b, a])
      expect(idsOf(await list({ objectType: 'org_project' }))).toEqual([c.id, b.id])
      expect(idsOf(await list({ objectId: org.id, objectType: 'organization' }))).toEqual([a.id])
      expect(idsOf(await list({ userId: user.id }))).toEqual([c.id, a.id])
      expect(idsOf(await list({ groupId: group.id }))).toEqual([b.id])
      expect(idsOf(await list({ permission: 'update' }))).toEqual([c.id])
      expect(idsOf(await list({ roleId: SYSTEM_ROLE_IDS.engineer }))).toEqual([b.id])
      expect(idsOf(await list({ restrictObjectType: 'dataset' }))).toEqual([c.id])
      expect(idsOf(await list({ userId: user.id, objectType: 'organization' }))).toEqual([a.id])
      expect(sorted(idsOf(await tx((t) => t.acls.listAll(org.id))))).toEqual(
        sorted([a.id, b.id, c.id]),
      )
      expect(idsOf(await tx((t) => t.acls.listAll(other.id)))).toEqual([foreign.id])
    })

    it('deletes for good', async () => {
      const org = await insertOrg()
      const acl = rows.acl(org.id, { groupId: null, userId: (await insertUser()).id })
      await tx((t) => t.acls.insert(acl))
      await tx((t) => t.acls.delete(acl.id))
      await tx(async (t) => {
        expect(await t.acls.find(acl.id)).toBeUndefined()
        expect(await t.acls.listAll(org.id)).toEqual([])
      })
    })

    it('pages newest first with ties broken by id', async () => {
      const org = await insertOrg()
      const user = await insertUser({}, org.id)
      const made = PAGING_TIMES.map((createdAt, i) =>
        rows.acl(org.id, { userId: user.id, createdAt, ...grantFor(i) }),
      )
      await tx(async (t) => {
        for (const acl of made) {
          await t.acls.insert(acl)
        }
      })
      await expectPaging(pagingOrder(idsOf(made)), (q) =>
        tx((t) => t.acls.list({ orgId: org.id, ...q })),
      )
    })
  })

  describe(`${name}: api keys`, () => {
    lifecycle()

    it('round-trips every field and finds by hash', async () => {
      const org = await insertOrg()
      const user = await insertUser({}, org.id)
      const full = rows.apiKey(org.id, user.id, {
        expiresAt: T0 + 1000,
        lastUsedAt: T0 + 10,
        revokedAt: T0 + 20,
        createdAt: T0 + 1,
      })
      const bare = rows.apiKey(org.id, user.id)
      await tx(async (t) => {
        await t.apiKeys.insert(full)
        await t.apiKeys.insert(bare)
      })
      await tx(async (t) => {
        expect(await t.apiKeys.find(full.id)).toEqual(full)
        expect(await t.apiKeys.find(bare.id)).toEqual(bare)
        // Revoked keys are still found: the verifier must see revokedAt to refuse them.
        expect(await t.apiKeys.findByHash(full.secretHash)).toEqual(full)
        expect(await t.apiKeys.findByHash(bare.secretHash)).toEqual(bare)
        expect(await t.apiKeys.findByHash(sha256Hex('unknown'))).toBeUndefined()
      })
    })

    it('refuses a duplicate secret hash', async () => {
      const org = await insertOrg()
      const user = await insertUser({}, org.id)
      const key = rows.apiKey(org.id, user.id)
      await tx((t) => t.apiKeys.insert(key))
      await expect(
        tx((t) => t.apiKeys.insert(rows.apiKey(org.id, user.id, { secretHash: key.secretHash }))),
      ).rejects.toSatisfy(appError('NAME_TAKEN'))
    })

    it('lists live keys of the org, by owner and name, revoked ones on request', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const ada = await insertUser({}, org.id)
      const bob = await insertUser({}, org.id)
      const k1 = rows.apiKey(org.id, ada.id, { name: 'laptop', createdAt: T0 + 1 })
      const k2 = rows.apiKey(org.id, bob.id, { name: 'ci', createdAt: T0 + 2 })
      const revoked = rows.apiKey(org.id, ada.id, { revokedAt: T0 + 5, createdAt: T0 + 3 })
      const expired = rows.apiKey(org.id, ada.id, { expiresAt: T0 - 1, createdAt: T0 + 4 })
      const foreign = rows.apiKey(other.id, ada.id, { name: 'laptop', createdAt: T0 + 5 })
      await tx(async (t) => {
        for (const k of [k1, k2, revoked, expired, foreign]) {
          await t.apiKeys.insert(k)
        }
      })
      const list = (q: Partial<Parameters<Tx['apiKeys']['list']>[0]> = {}) =>
        tx((t) => t.apiKeys.list({ orgId: org.id, ...q }))
      expect(await list()).toEqual([expired, k2, k1])
      expect(idsOf(await list({ includeRevoked: true }))).toEqual([
        expired.id,
        revoked.id,
        k2.id,
        k1.id,
      ])
      expect(idsOf(await list({ ownerId: ada.id }))).toEqual([expired.id, k1.id])
      expect(idsOf(await list({ name: 'laptop' }))).toEqual([k1.id])
      expect(idsOf(await list({ ownerId: bob.id, name: 'laptop' }))).toEqual([])
    })

    it('revokes once, keeping the first revocation time', async () => {
      const org = await insertOrg()
      const user = await insertUser({}, org.id)
      const key = rows.apiKey(org.id, user.id)
      await tx((t) => t.apiKeys.insert(key))
      await tx((t) => t.apiKeys.revoke(key.id, T0 + 10))
      expect((await tx((t) => t.apiKeys.find(key.id)))?.revokedAt).toBe(T0 + 10)
      await tx((t) => t.apiKeys.revoke(key.id, T0 + 20))
      expect((await tx((t) => t.apiKeys.find(key.id)))?.revokedAt).toBe(T0 + 10)
      expect((await tx((t) => t.apiKeys.findByHash(key.secretHash)))?.revokedAt).toBe(T0 + 10)
    })

    it('revokes every live key of one user in one org and counts them', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const ada = await insertUser({}, org.id)
      const bob = await insertUser({}, org.id)
      const a1 = rows.apiKey(org.id, ada.id)
      const a2 = rows.apiKey(org.id, ada.id)
      const old = rows.apiKey(org.id, ada.id, { revokedAt: T0 + 1 })
      const b1 = rows.apiKey(org.id, bob.id)
      const elsewhere = rows.apiKey(other.id, ada.id)
      await tx(async (t) => {
        for (const k of [a1, a2, old, b1, elsewhere]) {
          await t.apiKeys.insert(k)
        }
      })
      expect(await tx((t) => t.apiKeys.revokeAllForUser(org.id, ada.id, T0 + 50))).toBe(2)
      await tx(async (t) => {
        expect((await t.apiKeys.find(a1.id))?.revokedAt).toBe(T0 + 50)
        expect((await t.apiKeys.find(a2.id))?.revokedAt).toBe(T0 + 50)
        expect((await t.apiKeys.find(old.id))?.revokedAt).toBe(T0 + 1)
        expect((await t.apiKeys.find(b1.id))?.revokedAt).toBeNull()
        expect((await t.apiKeys.find(elsewhere.id))?.revokedAt).toBeNull()
      })
      expect(await tx((t) => t.apiKeys.revokeAllForUser(org.id, ada.id, T0 + 60))).toBe(0)
    })

    it('records the last use', async () => {
      const org = await insertOrg()
      const user = await insertUser({}, org.id)
      const key = rows.apiKey(org.id, user.id)
      const untouched = rows.apiKey(org.id, user.id)
      await tx(async (t) => {
        await t.apiKeys.insert(key)
        await t.apiKeys.insert(untouched)
      })
      await tx((t) => t.apiKeys.touch(key.id, T0 + 30))
      expect((await tx((t) => t.apiKeys.find(key.id)))?.lastUsedAt).toBe(T0 + 30)
      expect((await tx((t) => t.apiKeys.find(untouched.id)))?.lastUsedAt).toBeNull()
    })

    it('pages newest first with ties broken by id', async () => {
      const org = await insertOrg()
      const user = await insertUser({}, org.id)
      const made = PAGING_TIMES.map((createdAt) => rows.apiKey(org.id, user.id, { createdAt }))
      await tx(async (t) => {
        for (const k of made) {
          await t.apiKeys.insert(k)
        }
      })
      await expectPaging(pagingOrder(idsOf(made)), (q) =>
        tx((t) => t.apiKeys.list({ orgId: org.id, ...q })),
      )
    })
  })

  describe(`${name}: service tokens`, () => {
    lifecycle()

    async function serviceAccount(orgId: string): Promise<User> {
      return insertUser({ kind: 'service_account', serviceAccountOrgId: orgId }, orgId)
    }

    it('round-trips every field and finds by hash', async () => {
      const org = await insertOrg()
      const sa = await serviceAccount(org.id)
      const full = rows.serviceToken(org.id, sa.id, {
        expiresAt: T0 + 1000,
        lastUsedAt: T0 + 10,
        revokedAt: T0 + 20,
      })
      const bare = rows.serviceToken(org.id, sa.id)
      await tx(async (t) => {
        await t.serviceTokens.insert(full)
        await t.serviceTokens.insert(bare)
      })
      await tx(async (t) => {
        expect(await t.serviceTokens.find(full.id)).toEqual(full)
        expect(await t.serviceTokens.find(bare.id)).toEqual(bare)
        expect(await t.serviceTokens.findByHash(full.secretHash)).toEqual(full)
        expect(await t.serviceTokens.findByHash(sha256Hex('unknown'))).toBeUndefined()
      })
    })

    it('refuses a duplicate secret hash', async () => {
      const org = await insertOrg()
      const sa = await serviceAccount(org.id)
      const token = rows.serviceToken(org.id, sa.id)
      await tx((t) => t.serviceTokens.insert(token))
      await expect(
        tx((t) =>
          t.serviceTokens.insert(
            rows.serviceToken(org.id, sa.id, { secretHash: token.secretHash }),
          ),
        ),
      ).rejects.toSatisfy(appError('NAME_TAKEN'))
    })

    it('lists live tokens of the org, by service account and name, revoked ones on request', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const sa1 = await serviceAccount(org.id)
      const sa2 = await serviceAccount(org.id)
      const sa3 = await serviceAccount(other.id)
      const t1 = rows.serviceToken(org.id, sa1.id, { name: 'deploy', createdAt: T0 + 1 })
      const t2 = rows.serviceToken(org.id, sa2.id, { createdAt: T0 + 2 })
      const revoked = rows.serviceToken(org.id, sa1.id, { revokedAt: T0 + 9, createdAt: T0 + 3 })
      const foreign = rows.serviceToken(other.id, sa3.id, { name: 'deploy', createdAt: T0 + 4 })
      await tx(async (t) => {
        for (const token of [t1, t2, revoked, foreign]) {
          await t.serviceTokens.insert(token)
        }
      })
      const list = (q: Partial<Parameters<Tx['serviceTokens']['list']>[0]> = {}) =>
        tx((t) => t.serviceTokens.list({ orgId: org.id, ...q }))
      expect(await list()).toEqual([t2, t1])
      expect(idsOf(await list({ includeRevoked: true }))).toEqual([revoked.id, t2.id, t1.id])
      expect(idsOf(await list({ ownerId: sa1.id }))).toEqual([t1.id])
      expect(idsOf(await list({ name: 'deploy' }))).toEqual([t1.id])
    })

    it('revokes one token once, or every live token of a service account', async () => {
      const org = await insertOrg()
      const sa1 = await serviceAccount(org.id)
      const sa2 = await serviceAccount(org.id)
      const a = rows.serviceToken(org.id, sa1.id)
      const b = rows.serviceToken(org.id, sa1.id)
      const c = rows.serviceToken(org.id, sa1.id)
      const d = rows.serviceToken(org.id, sa2.id)
      await tx(async (t) => {
        for (const token of [a, b, c, d]) {
          await t.serviceTokens.insert(token)
        }
      })
      await tx((t) => t.serviceTokens.revoke(a.id, T0 + 1))
      await tx((t) => t.serviceTokens.revoke(a.id, T0 + 2))
      expect((await tx((t) => t.serviceTokens.find(a.id)))?.revokedAt).toBe(T0 + 1)
      expect(await tx((t) => t.serviceTokens.revokeAllForServiceAccount(sa1.id, T0 + 3))).toBe(2)
      await tx(async (t) => {
        expect((await t.serviceTokens.find(a.id))?.revokedAt).toBe(T0 + 1)
        expect((await t.serviceTokens.find(b.id))?.revokedAt).toBe(T0 + 3)
        expect((await t.serviceTokens.find(c.id))?.revokedAt).toBe(T0 + 3)
        expect((await t.serviceTokens.find(d.id))?.revokedAt).toBeNull()
      })
    })

    it('records the last use', async () => {
      const org = await insertOrg()
      const sa = await serviceAccount(org.id)
      const token = rows.serviceToken(org.id, sa.id)
      await tx((t) => t.serviceTokens.insert(token))
      await tx((t) => t.serviceTokens.touch(token.id, T0 + 30))
      expect((await tx((t) => t.serviceTokens.find(token.id)))?.lastUsedAt).toBe(T0 + 30)
    })

    it('pages newest first with ties broken by id', async () => {
      const org = await insertOrg()
      const sa = await serviceAccount(org.id)
      const made = PAGING_TIMES.map((createdAt) => rows.serviceToken(org.id, sa.id, { createdAt }))
      await tx(async (t) => {
        for (const token of made) {
          await t.serviceTokens.insert(token)
        }
      })
      await expectPaging(pagingOrder(idsOf(made)), (q) =>
        tx((t) => t.serviceTokens.list({ orgId: org.id, ...q })),
      )
    })
  })

  describe(`${name}: invitations`, () => {
    lifecycle()

    it('round-trips every field and finds by token hash', async () => {
      const org = await insertOrg()
      const inviter = await insertUser({}, org.id)
      const invitee = await insertUser()
      const g1 = rows.group(org.id)
      const g2 = rows.group(org.id)
      const full = rows.invitation(org.id, {
        email: invitee.email,
        groupIds: [g1.id, g2.id],
        invitedBy: inviter.id,
        acceptedAt: T0 + 5,
        acceptedUserId: invitee.id,
        revokedAt: T0 + 6,
      })
      const bare = rows.invitation(org.id)
      await tx(async (t) => {
        await t.groups.insert(g1)
        await t.groups.insert(g2)
        await t.invitations.insert(full)
        await t.invitations.insert(bare)
      })
      await tx(async (t) => {
        const found = await t.invitations.find(full.id)
        expect(found).toEqual({ ...full, groupIds: expect.any(Array) })
        expect(sorted(found?.groupIds ?? [])).toEqual(sorted([g1.id, g2.id]))
        expect(await t.invitations.find(bare.id)).toEqual(bare)
        expect(await t.invitations.findByTokenHash(bare.tokenHash)).toEqual(bare)
        expect(await t.invitations.findByTokenHash(sha256Hex('unknown'))).toBeUndefined()
        expect(await t.invitations.find(rows.id())).toBeUndefined()
      })
    })

    it('refuses a duplicate token hash', async () => {
      const org = await insertOrg()
      const invitation = rows.invitation(org.id)
      await tx((t) => t.invitations.insert(invitation))
      await expect(
        tx((t) =>
          t.invitations.insert(rows.invitation(org.id, { tokenHash: invitation.tokenHash })),
        ),
      ).rejects.toThrow()
    })

    it('lists pending invitations only: not accepted, revoked or expired, newest first', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const user = await insertUser()
      const now = T0 + 1000
      const older = rows.invitation(org.id, { createdAt: T0 + 1, expiresAt: now + 1 })
      const newer = rows.invitation(org.id, { createdAt: T0 + 2 })
      const accepted = rows.invitation(org.id, {
        createdAt: T0 + 3,
        acceptedAt: T0 + 4,
        acceptedUserId: user.id,
      })
      const revoked = rows.invitation(org.id, { createdAt: T0 + 4, revokedAt: T0 + 5 })
      const expired = rows.invitation(org.id, { createdAt: T0 + 5, expiresAt: now })
      const foreign = rows.invitation(other.id, { createdAt: T0 + 6 })
      await tx(async (t) => {
        for (const i of [older, newer, accepted, revoked, expired, foreign]) {
          await t.invitations.insert(i)
        }
      })
      expect(await tx((t) => t.invitations.listPending(org.id, now))).toEqual([newer, older])
      expect(idsOf(await tx((t) => t.invitations.listPending(org.id, now + 1)))).toEqual([newer.id])
    })

    it('updates acceptance and revocation', async () => {
      const org = await insertOrg()
      const user = await insertUser()
      const invitation = rows.invitation(org.id)
      await tx((t) => t.invitations.insert(invitation))
      const accepted = { ...invitation, acceptedAt: T0 + 1, acceptedUserId: user.id }
      await tx((t) => t.invitations.update(accepted))
      expect(await tx((t) => t.invitations.find(invitation.id))).toEqual(accepted)
      const revoked = { ...accepted, revokedAt: T0 + 2 }
      await tx((t) => t.invitations.update(revoked))
      expect(await tx((t) => t.invitations.findByTokenHash(invitation.tokenHash))).toEqual(revoked)
      expect(await tx((t) => t.invitations.listPending(org.id, T0))).toEqual([])
    })
  })

  describe(`${name}: sessions`, () => {
    lifecycle()

    async function insertSessions(...sessions: Session[]): Promise<void> {
      await tx(async (t) => {
        for (const session of sessions) {
          await t.sessions.insert(session)
        }
      })
    }

    it('round-trips every field and finds by id and by token hash, revoked ones too', async () => {
      const user = await insertUser()
      const full = rows.session(user.id, {
        createdAt: T0 + 1,
        lastSeenAt: T0 + 2,
        expiresAt: T0 + 3,
        revokedAt: T0 + 4,
        ip: '2001:db8::1',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) “quoted” ✓',
      })
      const bare = rows.session(user.id)
      await insertSessions(full, bare)
      await tx(async (t) => {
        expect(await t.sessions.find(full.id)).toEqual(full)
        expect(await t.sessions.find(bare.id)).toEqual(bare)
        // The authenticator must see revokedAt and expiresAt to refuse a session.
        expect(await t.sessions.findByTokenHash(full.tokenHash)).toEqual(full)
        expect(await t.sessions.findByTokenHash(bare.tokenHash)).toEqual(bare)
        expect(await t.sessions.findByTokenHash(full.csrfHash)).toBeUndefined()
        expect(await t.sessions.findByTokenHash(sha256Hex('unknown'))).toBeUndefined()
        expect(await t.sessions.find(rows.id())).toBeUndefined()
      })
    })

    it('refuses a duplicate token hash', async () => {
      const user = await insertUser()
      const session = rows.session(user.id)
      await insertSessions(session)
      await expect(
        insertSessions(rows.session(user.id, { tokenHash: session.tokenHash })),
      ).rejects.toThrow()
      expect(await tx((t) => t.sessions.find(session.id))).toEqual(session)
    })

    it('moves lastSeenAt forward only, and only on that session', async () => {
      const user = await insertUser()
      const session = rows.session(user.id, { lastSeenAt: T0 + 100 })
      const other = rows.session(user.id, { lastSeenAt: T0 + 100 })
      await insertSessions(session, other)
      const lastSeen = async (id: string) => (await tx((t) => t.sessions.find(id)))?.lastSeenAt
      await tx((t) => t.sessions.touch(session.id, T0 + 200))
      expect(await lastSeen(session.id)).toBe(T0 + 200)
      await tx((t) => t.sessions.touch(session.id, T0 + 150))
      expect(await lastSeen(session.id)).toBe(T0 + 200)
      expect(await lastSeen(other.id)).toBe(T0 + 100)
      await tx((t) => t.sessions.touch(rows.id(), T0 + 300))
    })

    it('revokes once, keeping the first revocation time', async () => {
      const user = await insertUser()
      const session = rows.session(user.id)
      const other = rows.session(user.id)
      await insertSessions(session, other)
      await tx((t) => t.sessions.revoke(session.id, T0 + 10))
      await tx((t) => t.sessions.revoke(session.id, T0 + 20))
      expect((await tx((t) => t.sessions.findByTokenHash(session.tokenHash)))?.revokedAt).toBe(
        T0 + 10,
      )
      expect((await tx((t) => t.sessions.find(other.id)))?.revokedAt).toBeNull()
    })

    it('revokes every unrevoked session of one user, but the one excepted, and counts them', async () => {
      const ada = await insertUser()
      const bob = await insertUser()
      const a1 = rows.session(ada.id)
      const a2 = rows.session(ada.id)
      const a3 = rows.session(ada.id)
      const old = rows.session(ada.id, { revokedAt: T0 + 1 })
      const b1 = rows.session(bob.id)
      await insertSessions(a1, a2, a3, old, b1)
      const revokedAt = async (id: string) => (await tx((t) => t.sessions.find(id)))?.revokedAt

      expect(await tx((t) => t.sessions.revokeAllForUser(ada.id, T0 + 50, a2.id))).toBe(2)
      expect(await revokedAt(a1.id)).toBe(T0 + 50)
      expect(await revokedAt(a2.id)).toBeNull()
      expect(await revokedAt(a3.id)).toBe(T0 + 50)
      expect(await revokedAt(old.id)).toBe(T0 + 1)
      expect(await revokedAt(b1.id)).toBeNull()

      expect(await tx((t) => t.sessions.revokeAllForUser(ada.id, T0 + 60))).toBe(1)
      expect(await revokedAt(a1.id)).toBe(T0 + 50)
      expect(await revokedAt(a2.id)).toBe(T0 + 60)
      expect(await tx((t) => t.sessions.revokeAllForUser(ada.id, T0 + 70))).toBe(0)
      expect(await revokedAt(b1.id)).toBeNull()
    })

    it('lists the sessions of a user that are neither revoked nor expired, newest first', async () => {
      const ada = await insertUser()
      const bob = await insertUser()
      const now = T0 + 1000
      const s1 = rows.session(ada.id, { createdAt: T0 + 1, expiresAt: now + 1 })
      const s2 = rows.session(ada.id, { createdAt: T0 + 2 })
      const s3 = rows.session(ada.id, { createdAt: T0 + 2 })
      const revoked = rows.session(ada.id, { createdAt: T0 + 3, revokedAt: T0 + 4 })
      const expired = rows.session(ada.id, { createdAt: T0 + 4, expiresAt: now })
      const bobs = rows.session(bob.id, { createdAt: T0 + 5 })
      await insertSessions(s1, s2, s3, revoked, expired, bobs)
      // Equal createdAt: the larger id first, as in every newest-first list.
      expect(await tx((t) => t.sessions.listForUser(ada.id, now))).toEqual([s3, s2, s1])
      expect(idsOf(await tx((t) => t.sessions.listForUser(ada.id, now + 1)))).toEqual([
        s3.id,
        s2.id,
      ])
      expect(await tx((t) => t.sessions.listForUser(rows.id(), now))).toEqual([])
    })

    it('gives the latest lastSeenAt per user, revoked and expired sessions included', async () => {
      const ada = await insertUser()
      const bob = await insertUser()
      const cyd = await insertUser()
      await insertSessions(
        rows.session(ada.id, { lastSeenAt: T0 + 10 }),
        rows.session(ada.id, { lastSeenAt: T0 + 30, revokedAt: T0 + 31 }),
        rows.session(ada.id, { lastSeenAt: T0 + 20 }),
        rows.session(bob.id, { lastSeenAt: T0 + 5, expiresAt: T0 + 6 }),
      )
      const seen = await tx((t) => t.sessions.lastSeenByUsers([ada.id, bob.id, cyd.id, ada.id]))
      expect(seen).toBeInstanceOf(Map)
      expect(Object.fromEntries(seen)).toEqual({ [ada.id]: T0 + 30, [bob.id]: T0 + 5 })
      expect((await tx((t) => t.sessions.lastSeenByUsers([bob.id]))).get(ada.id)).toBeUndefined()
      expect((await tx((t) => t.sessions.lastSeenByUsers([]))).size).toBe(0)
    })

    it('answers lastSeenByUsers for more ids than one SQL list holds', async () => {
      const users: User[] = []
      await tx(async (t) => {
        for (let i = 0; i < 1200; i++) {
          const user = rows.user()
          users.push(user)
          await t.users.insert(user)
        }
      })
      const last = users.at(-1)
      const first = users[0]
      if (last === undefined || first === undefined) {
        throw new Error('no users')
      }
      await insertSessions(
        rows.session(first.id, { lastSeenAt: T0 + 1 }),
        rows.session(last.id, { lastSeenAt: T0 + 2 }),
      )
      const seen = await tx((t) => t.sessions.lastSeenByUsers(idsOf(users)))
      expect(seen.size).toBe(2)
      expect(seen.get(first.id)).toBe(T0 + 1)
      expect(seen.get(last.id)).toBe(T0 + 2)
    })
  })

  describe(`${name}: audit`, () => {
    lifecycle()

    it('appends in sequence from the head it hands to seal, and returns the event', async () => {
      const org = await insertOrg()
      const heads: { seq: number; hash: string }[] = []
      const appended: AuditEvent[] = []
      for (let i = 0; i < 3; i++) {
        const id = rows.id()
        appended.push(
          await tx((t) =>
            t.audit.append(org.id, (head) => {
              heads.push({ ...head })
              return sealEvent(crypto, id, rows.entry(org.id, { occurredAt: T0 + i }), head)
            }),
          ),
        )
      }
      expect(appended.map((e) => e.seq)).toEqual([1, 2, 3])
      expect(heads).toEqual([
        { seq: 0, hash: GENESIS_HASH },
        { seq: 1, hash: appended[0]?.hash },
        { seq: 2, hash: appended[1]?.hash },
      ])
      const scanned = await tx((t) => t.audit.scan(org.id, 0, 100))
      expect(scanned).toEqual(appended)
      expect(verifyEvents(crypto, { seq: 0, hash: GENESIS_HASH }, scanned)).toEqual({
        ok: true,
        head: { seq: 3, hash: appended[2]?.hash },
      })
    })

    it('reports the stored chain head, and none for an unknown org', async () => {
      const org = await insertOrg()
      expect(await tx((t) => t.audit.head(org.id))).toEqual({ seq: 0, hash: GENESIS_HASH })
      const id = rows.id()
      const event = await tx((t) =>
        t.audit.append(org.id, (head) => sealEvent(crypto, id, rows.entry(org.id), head)),
      )
      expect(await tx((t) => t.audit.head(org.id))).toEqual({ seq: 1, hash: event.hash })
      expect(await tx((t) => t.audit.head(rows.id()))).toBeUndefined()
    })

    it('keeps every field and JSON before/after exactly, so the chain re-verifies', async () => {
      const org = await insertOrg()
      const user = await insertUser({}, org.id)
      const event = await append(org.id, {
        action: 'group.update',
        outcome: 'denied',
        actor: {
          userId: user.id,
          credentialKind: 'api_key',
          credentialId: rows.id(),
          impersonatorId: rows.id(),
        },
        objectType: 'group',
        objectId: rows.id(),
        before: { name: 'old', members: [user.id], nested: { flag: false, n: 2.5, none: null } },
        after: ['é', 'ünïcode ✓', 0, true],
        reason: 'GRANT_EXCEEDS_CALLER',
        requestId: 'req-1',
        occurredAt: T0 + 123,
      })
      const [stored] = await tx((t) => t.audit.scan(org.id, 0, 10))
      expect(stored).toEqual(event)
      expect(verifyEvents(crypto, { seq: 0, hash: GENESIS_HASH }, [stored as AuditEvent]).ok).toBe(
        true,
      )
    })

    it('keeps one chain per org', async () => {
      const a = await insertOrg()
      const b = await insertOrg()
      await append(a.id)
      await append(a.id)
      const firstOfB = await append(b.id)
      expect(firstOfB.seq).toBe(1)
      expect(firstOfB.prevHash).toBe(GENESIS_HASH)
      expect((await tx((t) => t.audit.scan(a.id, 0, 10))).map((e) => e.seq)).toEqual([1, 2])
      expect(idsOf(await tx((t) => t.audit.list({ orgId: b.id })))).toEqual([firstOfB.id])
    })

    it('serializes concurrent appends into one intact chain', async () => {
      const org = await insertOrg()
      await Promise.all(
        Array.from({ length: 20 }, () => {
          const id = rows.id()
          return tx(async (t) => {
            // Round trips on either side keep each transaction open while the others start
            // theirs (core has no timers to sleep on).
            await t.orgs.find(org.id)
            await t.audit.head(org.id)
            await t.audit.append(org.id, (head) => sealEvent(crypto, id, rows.entry(org.id), head))
            // The head stays locked while this transaction is still open.
            await t.orgs.find(org.id)
            await t.audit.head(org.id)
          })
        }),
      )
      const events = await tx((t) => t.audit.scan(org.id, 0, 100))
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
      expect(verifyEvents(crypto, { seq: 0, hash: GENESIS_HASH }, events)).toMatchObject({
        ok: true,
        head: { seq: 20 },
      })
    })

    it('refuses to append to an org that does not exist', async () => {
      await expect(append(rows.id())).rejects.toThrow(/No audit chain/)
    })

    it('refuses a sealed event that does not continue the org chain', async () => {
      const org = await insertOrg()
      await append(org.id)
      const id = rows.id()
      await expect(
        tx((t) =>
          t.audit.append(org.id, (head) => ({
            ...sealEvent(crypto, id, rows.entry(org.id), head),
            seq: head.seq + 2,
          })),
        ),
      ).rejects.toThrow(/continue its own org chain/)
      expect(await tx((t) => t.audit.head(org.id))).toMatchObject({ seq: 1 })
    })

    it('reads back JSON with undefined, -0 and 1e21 in it so that the chain re-verifies', async () => {
      const org = await insertOrg()
      const tricky = { undef: undefined, arr: [undefined, -0, 1e21, 'é\u0000'], n: null }
      await append(org.id, { before: tricky, after: null })
      await append(org.id, { outcome: 'denied', reason: 'PERMISSION_DENIED' })
      const events = await tx((t) => t.audit.scan(org.id, 0, 10))
      expect(events).toHaveLength(2)
      expect(verifyEvents(crypto, { seq: 0, hash: GENESIS_HASH }, events).ok).toBe(true)
      expect(await tx((t) => t.audit.scan(org.id, 1, 10))).toEqual(events.slice(1))
      expect(await tx((t) => t.audit.scan(org.id, 0, 0))).toEqual([])
    })

    it('scans after a seq, in seq order, at most limit events', async () => {
      const org = await insertOrg()
      const events: AuditEvent[] = []
      for (let i = 0; i < 5; i++) {
        events.push(await append(org.id))
      }
      await tx(async (t) => {
        expect(idsOf(await t.audit.scan(org.id, 2, 100))).toEqual(idsOf(events.slice(2)))
        expect(idsOf(await t.audit.scan(org.id, 0, 2))).toEqual(idsOf(events.slice(0, 2)))
        expect(await t.audit.scan(org.id, 5, 10)).toEqual([])
      })
      // Page by page, the chain verifies as a whole.
      let head = { seq: 0, hash: GENESIS_HASH }
      for (;;) {
        const page = await tx((t) => t.audit.scan(org.id, head.seq, 2))
        if (page.length === 0) {
          break
        }
        const result = verifyEvents(crypto, head, page)
        expect(result.ok).toBe(true)
        if (!result.ok) {
          break
        }
        head = result.head
      }
      expect(head.seq).toBe(5)
    })

    it('lists newest first with filters on actor, action, object and time', async () => {
      const org = await insertOrg()
      const ada = await insertUser({}, org.id)
      const actor = {
        userId: ada.id,
        credentialKind: 'session' as const,
        credentialId: null,
        impersonatorId: null,
      }
      const projectId = rows.id()
      const e1 = await append(org.id, { action: 'organization.create', occurredAt: T0 })
      const e2 = await append(org.id, {
        actor,
        action: 'project.create',
        objectId: projectId,
        occurredAt: T0 + 10,
      })
      const e3 = await append(org.id, {
        actor,
        action: 'group.create',
        objectType: 'group',
        occurredAt: T0 + 20,
      })
      const list = (q: Partial<Parameters<Tx['audit']['list']>[0]> = {}) =>
        tx((t) => t.audit.list({ orgId: org.id, ...q }))
      expect(await list()).toEqual([e3, e2, e1])
      expect(idsOf(await list({ actorId: ada.id }))).toEqual([e3.id, e2.id])
      expect(idsOf(await list({ action: 'project.create' }))).toEqual([e2.id])
      expect(idsOf(await list({ objectType: 'group' }))).toEqual([e3.id])
      expect(idsOf(await list({ objectId: projectId }))).toEqual([e2.id])
      expect(idsOf(await list({ since: T0 + 10 }))).toEqual([e3.id, e2.id])
      expect(idsOf(await list({ until: T0 + 10 }))).toEqual([e1.id])
      expect(idsOf(await list({ since: T0 + 10, until: T0 + 20 }))).toEqual([e2.id])
    })

    it('pages newest first', async () => {
      const org = await insertOrg()
      const made: AuditEvent[] = []
      for (let i = 0; i < 5; i++) {
        // Equal times: the order is the chain's.
        made.push(await append(org.id, { occurredAt: T0 }))
      }
      await expectPaging(idsOf(made).reverse(), (q) =>
        tx((t) => t.audit.list({ orgId: org.id, ...q })),
      )
    })
  })

  describe(`${name}: search`, () => {
    lifecycle()

    it('finds members by a substring of the email or the full name, ignoring case, in the org only', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const ada = await insertUser(
        { email: 'ada@math.example', givenName: 'Ada', familyName: 'Lovelace', createdAt: T0 + 1 },
        org.id,
      )
      const alan = await insertUser(
        {
          email: 'alan@bletchley.example',
          givenName: 'Alan',
          familyName: 'Turing',
          createdAt: T0 + 2,
        },
        org.id,
      )
      const robot = await insertUser(
        {
          kind: 'service_account',
          serviceAccountOrgId: org.id,
          email: 'ci-robot@service.example',
          givenName: 'Deploy bot',
          createdAt: T0 + 3,
        },
        org.id,
      )
      // Another org's member matches every search below: none of them may return it.
      await insertUser(
        {
          email: 'ada-alan@other.example',
          givenName: 'Ada Alan',
          familyName: 'Lovelace',
          createdAt: T0 + 4,
        },
        other.id,
      )
      const search = async (search: string, q: Partial<Parameters<Tx['users']['list']>[0]> = {}) =>
        idsOf(await tx((t) => t.users.list({ orgId: org.id, search, ...q })))
      expect(await search('ADA')).toEqual([ada.id])
      expect(await search('bletchley')).toEqual([alan.id])
      expect(await search('lovelace')).toEqual([ada.id])
      // Across the space between given and family name.
      expect(await search('a l')).toEqual([ada.id])
      expect(await search('ada love')).toEqual([ada.id])
      expect(await search('a')).toEqual([robot.id, alan.id, ada.id])
      expect(await search('a', { kind: 'user' })).toEqual([alan.id, ada.id])
      expect(await search('bot', { kind: 'service_account' })).toEqual([robot.id])
      expect(await search('a', { givenName: 'Alan' })).toEqual([alan.id])
      expect(await search('nobody')).toEqual([])
      // Empty means no filter, as absent does.
      expect(await search('')).toEqual([robot.id, alan.id, ada.id])
    })

    it('matches `%`, `_` and `\\` literally, not as patterns', async () => {
      const org = await insertOrg()
      const percent = await insertUser({ givenName: '100% sure', createdAt: T0 + 1 }, org.id)
      const underscore = await insertUser(
        { email: 'under_score@example.com', createdAt: T0 + 2 },
        org.id,
      )
      const backslash = await insertUser({ givenName: 'back\\slash', createdAt: T0 + 3 }, org.id)
      // Each would match everything (or these too) if passed through as a pattern.
      await insertUser(
        { givenName: '100 x sure', email: 'underXscore@example.com', createdAt: T0 + 4 },
        org.id,
      )
      await insertUser({ givenName: 'backslash', createdAt: T0 + 5 }, org.id)
      const search = async (search: string) =>
        idsOf(await tx((t) => t.users.list({ orgId: org.id, search })))
      expect(await search('%')).toEqual([percent.id])
      expect(await search('0% s')).toEqual([percent.id])
      expect(await search('_')).toEqual([underscore.id])
      expect(await search('r_s')).toEqual([underscore.id])
      expect(await search('\\')).toEqual([backslash.id])
      expect(await search('k\\s')).toEqual([backslash.id])
      expect(await search('%%')).toEqual([])
    })

    it('pages within the matches: cursors and limits compose with the search', async () => {
      const org = await insertOrg()
      const matching: string[] = []
      for (const [i, createdAt] of PAGING_TIMES.entries()) {
        // A non-matching member between each pair, at the same times, so paging must skip them.
        await insertUser({ givenName: `Other ${i}`, createdAt }, org.id)
        matching.push((await insertUser({ givenName: `Match ${i}`, createdAt }, org.id)).id)
      }
      await expectPaging(pagingOrder(matching), (q) =>
        tx((t) => t.users.list({ orgId: org.id, search: 'MATCH', ...q })),
      )
    })

    it('finds projects by name, and groups and roles by name or description', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const owner = await insertUser({}, org.id)
      const web = rows.project(org.id, { name: 'Web App', createdAt: T0 + 1 })
      const api = rows.project(org.id, { name: 'api', createdAt: T0 + 2 })
      const gone = rows.project(org.id, { name: 'old web', createdAt: T0 + 3 })
      const foreignProject = rows.project(other.id, { name: 'web', createdAt: T0 + 4 })
      const admins = rows.group(org.id, { name: 'Admins', description: null, createdAt: T0 + 1 })
      const support = rows.group(org.id, {
        name: 'Support',
        description: 'Helps the ADMINS',
        createdAt: T0 + 2,
      })
      const foreignGroup = rows.group(other.id, { name: 'admins', createdAt: T0 + 3 })
      const auditor = rows.role(org.id, {
        name: 'Auditor',
        description: 'reads logs',
        userId: owner.id,
        createdAt: T0 + 1,
      })
      await tx(async (t) => {
        for (const p of [web, api, gone, foreignProject]) {
          await t.projects.insert(p)
        }
        await t.projects.softDelete(gone.id, T0 + 9)
        for (const g of [admins, support, foreignGroup]) {
          await t.groups.insert(g)
        }
        await t.roles.insert(auditor)
      })
      const projects = async (search: string) =>
        idsOf(await tx((t) => t.projects.list({ orgId: org.id, search })))
      expect(await projects('WEB')).toEqual([web.id])
      expect(await projects('p')).toEqual([api.id, web.id])
      expect(await projects('web app')).toEqual([web.id])
      const groups = async (search: string, name?: string) =>
        idsOf(await tx((t) => t.groups.list({ orgId: org.id, search, name })))
      expect(await groups('admin')).toEqual([support.id, admins.id])
      expect(await groups('helps')).toEqual([support.id])
      expect(await groups('admin', 'Admins')).toEqual([admins.id])
      const roles = async (search: string) =>
        idsOf(await tx((t) => t.roles.list({ orgId: org.id, search })))
      expect(await roles('LOGS')).toEqual([auditor.id])
      // System roles are searched like the org's own.
      expect(await roles('viewer')).toEqual(
        SYSTEM_ROLES.filter((r) => r.name === 'Viewer').map((r) => r.id),
      )
    })

    it('finds API keys and service tokens by name, with the owner and revocation filters', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const ada = await insertUser({}, org.id)
      const bob = await insertUser({}, org.id)
      const robot = await insertUser(
        { kind: 'service_account', serviceAccountOrgId: org.id },
        org.id,
      )
      const laptop = rows.apiKey(org.id, ada.id, { name: 'Ada laptop', createdAt: T0 + 1 })
      const ci = rows.apiKey(org.id, bob.id, { name: 'CI deploy', createdAt: T0 + 2 })
      const revoked = rows.apiKey(org.id, ada.id, {
        name: 'old laptop',
        revokedAt: T0 + 9,
        createdAt: T0 + 3,
      })
      const foreignKey = rows.apiKey(other.id, ada.id, { name: 'laptop', createdAt: T0 + 4 })
      const deploy = rows.serviceToken(org.id, robot.id, { name: 'Deploy', createdAt: T0 + 1 })
      const nightly = rows.serviceToken(org.id, robot.id, { name: 'nightly', createdAt: T0 + 2 })
      await tx(async (t) => {
        for (const k of [laptop, ci, revoked, foreignKey]) {
          await t.apiKeys.insert(k)
        }
        await t.serviceTokens.insert(deploy)
        await t.serviceTokens.insert(nightly)
      })
      const keys = async (q: Partial<Parameters<Tx['apiKeys']['list']>[0]>) =>
        idsOf(await tx((t) => t.apiKeys.list({ orgId: org.id, ...q })))
      expect(await keys({ search: 'LAPTOP' })).toEqual([laptop.id])
      expect(await keys({ search: 'laptop', includeRevoked: true })).toEqual([
        revoked.id,
        laptop.id,
      ])
      expect(await keys({ search: 'o', ownerId: bob.id })).toEqual([ci.id])
      expect(await keys({ search: 'deploy', ownerId: ada.id })).toEqual([])
      const tokens = async (search: string) =>
        idsOf(await tx((t) => t.serviceTokens.list({ orgId: org.id, search })))
      expect(await tokens('deploy')).toEqual([deploy.id])
      expect(await tokens('')).toEqual([nightly.id, deploy.id])
    })

    it('lists pending invitations paged in storage, found by a substring of the email', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const now = T0 + 1000
      const pending: string[] = []
      for (const [i, createdAt] of PAGING_TIMES.entries()) {
        const invitation = rows.invitation(org.id, { email: `team${i}@corp.example`, createdAt })
        pending.push(invitation.id)
        await tx((t) => t.invitations.insert(invitation))
      }
      const outside = rows.invitation(org.id, { email: 'friend@home.example', createdAt: T0 + 2 })
      const expired = rows.invitation(org.id, {
        email: 'team-late@corp.example',
        createdAt: T0 + 4,
        expiresAt: now,
      })
      const foreign = rows.invitation(other.id, { email: 'team@corp.example', createdAt: T0 + 5 })
      await tx(async (t) => {
        for (const i of [outside, expired, foreign]) {
          await t.invitations.insert(i)
        }
      })
      const list = (q: Partial<Parameters<Tx['invitations']['list']>[0]>) =>
        tx((t) => t.invitations.list({ orgId: org.id, now, ...q }))
      await expectPaging(pagingOrder(pending), (q) => list({ search: 'CORP', ...q }))
      expect(idsOf(await list({ search: 'home' }))).toEqual([outside.id])
      expect(idsOf(await list({}))).toHaveLength(pending.length + 1)
      expect(idsOf(await list({ search: 'TEAM1@' }))).toEqual([pending[1]])
    })

    it('finds audit events by action, object type or object id, with the other filters', async () => {
      const org = await insertOrg()
      const other = await insertOrg()
      const created = await append(org.id, {
        action: 'project.create',
        objectType: 'project',
        objectId: 'Proj_1',
        occurredAt: T0 + 1,
      })
      const deleted = await append(org.id, {
        action: 'api_key.delete',
        objectType: 'api_key',
        objectId: null,
        occurredAt: T0 + 2,
      })
      await append(other.id, { action: 'project.create', objectId: 'proj_1', occurredAt: T0 + 3 })
      const search = async (search: string, q: Partial<Parameters<Tx['audit']['list']>[0]> = {}) =>
        idsOf(await tx((t) => t.audit.list({ orgId: org.id, search, ...q })))
      expect(await search('PROJECT')).toEqual([created.id])
      expect(await search('proj_')).toEqual([created.id])
      expect(await search('delete')).toEqual([deleted.id])
      expect(await search('e', { since: T0 + 2 })).toEqual([deleted.id])
    })
  })

  describe(`${name}: use cases`, () => {
    lifecycle()

    it('runs the real use cases: bootstrap, members, a project, an audit chain that verifies', async () => {
      const deps = {
        store: store(),
        clock: createFixedClock(),
        crypto: createTestCrypto(99),
        passwords: createFakePasswordHasher(),
      }
      const seeded = await seedOrg(deps)
      const engineers = seeded.groups.engineers
      const member = await addMember(deps, seeded.org, { groups: engineers ? [engineers] : [] })
      const { project, found } = await createProject(deps, seeded.ownerActor, { name: 'alpha' })
      expect(found).toBe(false)
      expect((await createProject(deps, seeded.ownerActor, { name: 'alpha' })).found).toBe(true)
      await tx(async (t) => {
        expect(await t.projects.findByName(seeded.org.id, 'alpha')).toEqual(project)
        expect(sorted((await t.members.listByOrg(seeded.org.id)).map((m) => m.userId))).toEqual(
          sorted([seeded.owner.id, member.id]),
        )
        const org = await t.orgs.find(seeded.org.id)
        expect(org?.authzVersion).toBeGreaterThan(seeded.org.authzVersion)
        const events = await t.audit.scan(seeded.org.id, 0, 100)
        expect(events.map((e) => e.action)).toEqual(['organization.create', 'project.create'])
        expect(verifyEvents(deps.crypto, { seq: 0, hash: GENESIS_HASH }, events).ok).toBe(true)
      })
    })
  })

  describe(`${name}: pagination, search and soft deletes agree with the memory store`, () => {
    lifecycle()

    // The memory store against itself would prove nothing.
    it.skipIf(options.isMemoryStore === true)(
      'returns the same pages for every query',
      async () => {
        const memory = await samePagesRun(createMemoryStore())
        const subject = await samePagesRun(store())
        expect(subject).toHaveLength(memory.length)
        for (const [i, [label, expected]] of memory.entries()) {
          expect(subject[i]?.[1], `#${i} ${label}`).toEqual(expected)
        }
        // The queries are not vacuous: pages of many sizes come back.
        const sizes = new Set(memory.map(([, r]) => (Array.isArray(r) ? r.length : -1)))
        expect(sizes.size).toBeGreaterThan(4)
      },
    )
  })
}

/**
 * The same rows, written the same way with the same random ids (so ties are broken by ids in no
 * particular order), for comparing the pages of one store with the memory store's.
 */
async function samePagesWorld(target: Store) {
  const rows = new Rows()
  const random = createTestCrypto(1234)
  const orgA = rows.org({ id: random.uuid(), name: 'page-a' })
  const orgB = rows.org({ id: random.uuid(), name: 'page-b' })
  const ids = {
    projects: [] as string[],
    acls: [] as string[],
    roles: [] as string[],
    users: [] as string[],
    audit: [] as string[],
  }
  await target.transaction(async (t) => {
    await t.orgs.insert(orgA)
    await t.orgs.insert(orgB)
    for (let i = 0; i < 6; i++) {
      const user = rows.user({
        id: random.uuid(),
        email: `user${i}@example.com`,
        givenName: i % 2 === 0 ? 'Even' : 'Odd',
        createdAt: T0 + ([5, 5, 9, 1, 9, 5][i] ?? 0),
      })
      await t.users.insert(user)
      ids.users.push(user.id)
      if (i < 5) {
        await t.members.add({ orgId: orgA.id, userId: user.id, createdAt: T0 })
      }
    }
    for (let i = 0; i < 12; i++) {
      const org = i < 10 ? orgA : orgB
      // Live names are unique in an org; the two deleted ones lend theirs to a later one.
      const name = i === 2 || i === 7 ? `p${i + 1}` : `p${i}`
      const createdAt = T0 + ([100, 200, 300][i % 3] ?? 0)
      const p = rows.project(org.id, { id: random.uuid(), name, createdAt })
      await t.projects.insert(p)
      ids.projects.push(p.id)
      if (i === 2 || i === 7) {
        await t.projects.softDelete(p.id, T0 + 999)
      }
    }
    for (let i = 0; i < 8; i++) {
      const acl = rows.acl(orgA.id, {
        id: random.uuid(),
        permission: i % 2 === 0 ? 'read' : 'update',
        createdAt: T0 + ([1, 2, 2, 3][i % 4] ?? 0),
      })
      await t.acls.insert(acl)
      ids.acls.push(acl.id)
    }
    for (let i = 0; i < 5; i++) {
      const name = i === 3 ? 'r4' : `r${i}`
      const createdAt = [0, T0 + 50, 0, T0 + 50, T0 + 70][i] ?? 0
      const role = rows.role(orgA.id, {
        id: random.uuid(),
        name,
        memberPermissions: [{ permission: 'read', restrictObjectType: null }],
        createdAt,
      })
      await t.roles.insert(role)
      ids.roles.push(role.id)
      if (i === 3) {
        await t.roles.softDelete(role.id, T0 + 1)
      }
    }
    ids.roles.push(...SYSTEM_ROLES.map((r) => r.id))
    for (let i = 0; i < 7; i++) {
      const entry = rows.entry(orgA.id, {
        action: i % 2 === 0 ? 'project.create' : 'acl.create',
        objectId: `object-${i % 3}`,
        after: { n: i },
        occurredAt: T0 + (i % 3),
      })
      const id = random.uuid()
      await t.audit.append(orgA.id, (head) => sealEvent(crypto, id, entry, head))
      ids.audit.push(id)
    }
  })
  return { orgA, ids }
}

/** Every cursor (known and unknown), both directions, four limits and id filters over `all`. */
function samePagesQueries(all: readonly string[]): PageQuery[] {
  const cursors = [...all, 'no-such-id']
  const out: PageQuery[] = []
  for (const limit of [undefined, 0, 1, 3]) {
    out.push({ limit })
    for (const c of cursors) {
      out.push({ limit, startingAfter: c }, { limit, endingBefore: c })
    }
    out.push({ limit, startingAfter: all[0], endingBefore: all[all.length - 1] })
    out.push({ limit, startingAfter: all[all.length - 1], endingBefore: all[0] })
    out.push({ limit, ids: all.filter((_, i) => i % 2 === 0) })
    out.push({ limit, ids: [] })
    out.push({ limit, ids: all.slice(0, 4), startingAfter: all[1] })
  }
  return out
}

/** Builds the world in `target` and records every list's answer to every query, labelled. */
async function samePagesRun(target: Store): Promise<[string, unknown][]> {
  const { orgA, ids } = await samePagesWorld(target)
  return target.transaction(async (t) => {
    const results: [string, unknown][] = []
    const record = async (label: string, q: object, value: Promise<unknown>) => {
      results.push([`${label} ${JSON.stringify(q)}`, await value])
    }
    for (const q of samePagesQueries(ids.projects)) {
      const all = { ...q, orgId: orgA.id }
      await record('projects', all, t.projects.list(all).then(idsOf))
      const named = { ...all, name: 'p3' }
      await record('projects', named, t.projects.list(named).then(idsOf))
      const searched = { ...all, search: 'P1' }
      await record('projects', searched, t.projects.list(searched).then(idsOf))
    }
    for (const q of samePagesQueries(ids.acls)) {
      const all = { ...q, orgId: orgA.id }
      await record('acls', all, t.acls.list(all).then(idsOf))
      const reads = { ...all, permission: 'read' as const }
      await record('acls', reads, t.acls.list(reads).then(idsOf))
    }
    for (const q of samePagesQueries(ids.roles)) {
      const all = { ...q, orgId: orgA.id }
      await record('roles', all, t.roles.list(all).then(idsOf))
      const searched = { ...all, search: 'R' }
      await record('roles', searched, t.roles.list(searched).then(idsOf))
    }
    for (const q of samePagesQueries(ids.users)) {
      const all = { ...q, orgId: orgA.id }
      await record('users', all, t.users.list(all).then(idsOf))
      const filtered = {
        ...all,
        givenName: 'Even',
        emails: ['USER0@example.com', 'user2@example.com', 'user3@example.com'],
      }
      await record('users', filtered, t.users.list(filtered).then(idsOf))
      const searched = { ...all, search: 'odd' }
      await record('users', searched, t.users.list(searched).then(idsOf))
    }
    for (const q of samePagesQueries(ids.audit)) {
      const all = { ...q, orgId: orgA.id }
      await record('audit', all, t.audit.list(all).then(idsOf))
      const window = { ...all, since: T0 + 1, until: T0 + 2 }
      await record('audit', window, t.audit.list(window).then(idsOf))
      const searched = { ...all, search: 'ACL.' }
      await record('audit', searched, t.audit.list(searched).then(idsOf))
    }
    await record(
      'findByName',
      {},
      t.projects.findByName(orgA.id, 'p2').then((p) => p?.id),
    )
    await record('find deleted', {}, t.projects.find(ids.projects[2] ?? ''))
    await record(
      'orgs',
      {},
      t.orgs.listAll().then((orgs) => orgs.map((o) => o.name)),
    )
    return results
  })
}

/** Distinct grants so that paging rows never share their content. */
function grantFor(i: number): Pick<Acl, 'permission' | 'roleId'> {
  const permissions = ['create', 'read', 'update', 'delete', 'create_acls'] as const
  return { permission: permissions[i % permissions.length] ?? 'read', roleId: null }
}
