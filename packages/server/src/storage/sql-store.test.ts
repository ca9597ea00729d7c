import {
  type Acl,
  type ApiKey,
  type AuditEntry,
  createProject,
  GENESIS_HASH,
  type Group,
  type Invitation,
  isAppError,
  type Organization,
  type PageQuery,
  type Project,
  type Role,
  type ServiceToken,
  type Store,
  SYSTEM_ROLE_IDS,
  SYSTEM_ROLES,
  sealEvent,
  type Tx,
  type User,
  verifyEvents,
} from '@gatehouse/core'
import {
  addMember,
  createFakePasswordHasher,
  createFixedClock,
  createMemoryStore,
  createTestCrypto,
  seedOrg,
} from '@gatehouse/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SqlStore } from './sql-store.js'
import {
  openPostgresTestStore,
  openSqliteTestStore,
  postgresTestTarget,
  type TestStore,
} from './testing/test-stores.js'

const pg = postgresTestTarget()
const dialects: [string, () => Promise<TestStore>][] = [['sqlite', openSqliteTestStore]]
if (pg.url !== undefined) {
  const url = pg.url
  dialects.push(['postgres', () => openPostgresTestStore(url)])
} else {
  console.warn(`sql-store.test.ts: ${pg.skip}`)
}

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

function aGroup(orgId: string, name: string, extra: Partial<Group> = {}): Group {
  return {
    id: crypto.uuid(),
    orgId,
    userId: null,
    name,
    description: null,
    builtin: null,
    memberUsers: [],
    memberGroups: [],
    createdAt: 10,
    deletedAt: null,
    ...extra,
  }
}

function aRole(orgId: string, name: string, createdAt: number, extra: Partial<Role> = {}): Role {
  return {
    id: crypto.uuid(),
    orgId,
    userId: null,
    name,
    description: null,
    memberPermissions: [{ permission: 'read', restrictObjectType: null }],
    memberRoles: [],
    createdAt,
    deletedAt: null,
    ...extra,
  }
}

function anAcl(orgId: string, createdAt: number, extra: Partial<Acl> = {}): Acl {
  return {
    id: crypto.uuid(),
    orgId,
    objectType: 'organization',
    objectId: orgId,
    userId: null,
    groupId: null,
    permission: 'read',
    roleId: null,
    restrictObjectType: null,
    createdAt,
    ...extra,
  }
}

function anApiKey(orgId: string, userId: string, createdAt: number, name = 'key'): ApiKey {
  return {
    id: crypto.uuid(),
    orgId,
    userId,
    name,
    previewName: 'sk-ab…wxyz',
    secretHash: crypto.sha256Hex(crypto.uuid()),
    createdAt,
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
  }
}

function anEntry(orgId: string, n: number, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    orgId,
    action: n % 2 === 0 ? 'project.create' : 'acl.create',
    outcome: 'success',
    actor: { userId: null, credentialKind: 'operator', credentialId: null, impersonatorId: null },
    objectType: 'project',
    objectId: `object-${n % 3}`,
    before: null,
    after: { n, nested: { list: [1, 'two', null, { z: true, a: 1.5 }] } },
    reason: null,
    requestId: null,
    occurredAt: 1000 + n * 10,
    ...extra,
  }
}

async function appendEntry(tx: Tx, entry: AuditEntry) {
  const id = crypto.uuid()
  return tx.audit.append(entry.orgId, (head) => sealEvent(crypto, id, entry, head))
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
    it('commits everything on return and nothing on a throw, rethrowing the same error', async () => {
      const org = anOrg('acme')
      const boom = new Error('boom')
      const thrown = await caught(
        store.transaction(async (tx) => {
          await tx.orgs.insert(org)
          throw boom
        }),
      )
      expect(thrown).toBe(boom)
      expect(await store.transaction((tx) => tx.orgs.find(org.id))).toBeUndefined()
      await store.transaction((tx) => tx.orgs.insert(org))
      expect(await store.transaction((tx) => tx.orgs.find(org.id))).toEqual(org)
    })

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

    it('runs concurrent transactions without losing or mixing writes', async () => {
      const orgs = Array.from({ length: 10 }, (_, i) => anOrg(`concurrent-${i}`))
      await Promise.all(orgs.map((org) => store.transaction((tx) => tx.orgs.insert(org))))
      const all = await store.transaction((tx) => tx.orgs.listAll())
      expect(all.map((o) => o.name).sort()).toEqual(orgs.map((o) => o.name).sort())
    })

    it('serializes 20 concurrent audit appends on one org into seq 1..20, chain intact', async () => {
      const { org } = await world()
      const pause = () => new Promise((resolve) => setTimeout(resolve, 2))
      await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          store.transaction(async (tx) => {
            await tx.orgs.find(org.id)
            await pause()
            await appendEntry(tx, anEntry(org.id, n))
            // The head stays locked while this transaction is still open.
            await pause()
          }),
        ),
      )
      const events = await store.transaction((tx) => tx.audit.scan(org.id, 0, 100))
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
      expect(verifyEvents(crypto, { seq: 0, hash: GENESIS_HASH }, events)).toMatchObject({
        ok: true,
        head: { seq: 20 },
      })
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

    it('refuses duplicate credential secret hashes', async () => {
      const { org, user } = await world()
      const key = anApiKey(org.id, user.id, 10)
      await store.transaction((tx) => tx.apiKeys.insert(key))
      const err = await caught(
        store.transaction((tx) =>
          tx.apiKeys.insert({ ...anApiKey(org.id, user.id, 11), secretHash: key.secretHash }),
        ),
      )
      expect(isAppError(err, 'NAME_TAKEN')).toBe(true)
    })
  })

  describe('rows round-trip', () => {
    it('stores organizations, users and projects field for field', async () => {
      const org: Organization = {
        ...anOrg('round-trip', 1_767_225_600_123),
        settings: { directOwnershipGrants: false, serviceTokensCanMint: true },
        isUniversalApi: null,
        isDataplanePrivate: true,
        imageRenderingMode: 'click_to_load',
        authzVersion: 41,
      }
      const sa = aUser('SA@Service-Account.Gatehouse.Invalid', 2, {
        kind: 'service_account',
        passwordHash: null,
        serviceAccountOrgId: org.id,
        givenName: 'Robo',
        familyName: 'Tester',
        avatarUrl: 'https://x/y.png',
      })
      const project: Project = {
        ...aProject(org.id, 'p', 3),
        userId: sa.id,
        settings: { comparison_key: 'input', nested: { a: [1, 2, { b: null }] } },
      }
      await store.transaction(async (tx) => {
        await tx.orgs.insert(org)
        await tx.users.insert(sa)
        await tx.projects.insert(project)
      })
      await store.transaction(async (tx) => {
        expect(await tx.orgs.find(org.id)).toEqual(org)
        expect(await tx.orgs.findByName('round-trip')).toEqual(org)
        expect(await tx.users.find(sa.id)).toEqual({ ...sa, email: sa.email.toLowerCase() })
        expect(await tx.users.findByEmail('sa@service-account.gatehouse.INVALID')).toMatchObject({
          id: sa.id,
        })
        expect(await tx.projects.find(project.id)).toEqual(project)
      })
    })

    it('updates only the mutable organization fields and bumps the authz version', async () => {
      const { org } = await world()
      await store.transaction(async (tx) => {
        await tx.orgs.update({
          ...org,
          name: 'renamed',
          plan: 'pro',
          authzVersion: 99,
          createdAt: 7,
        })
        expect(await tx.orgs.bumpAuthzVersion(org.id)).toBe(2)
        expect(await tx.orgs.bumpAuthzVersion(org.id)).toBe(3)
      })
      const found = await store.transaction((tx) => tx.orgs.find(org.id))
      expect(found).toEqual({ ...org, name: 'renamed', plan: 'pro', authzVersion: 3 })
      const err = await caught(store.transaction((tx) => tx.orgs.bumpAuthzVersion('missing')))
      expect(isAppError(err, 'ORG_NOT_FOUND')).toBe(true)
    })

    it('keeps group member lists in order, without duplicates, and replaces them on update', async () => {
      const { org, user } = await world()
      const others = [aUser('b@example.com'), aUser('c@example.com')]
      const inner = aGroup(org.id, 'inner')
      const group = aGroup(org.id, 'outer', {
        description: 'd',
        memberUsers: [others[1]?.id ?? '', user.id, others[1]?.id ?? '', others[0]?.id ?? ''],
        memberGroups: [inner.id],
      })
      await store.transaction(async (tx) => {
        for (const u of others) {
          await tx.users.insert(u)
        }
        await tx.groups.insert(inner)
        await tx.groups.insert(group)
      })
      const expected = [others[1]?.id, user.id, others[0]?.id]
      expect((await store.transaction((tx) => tx.groups.find(group.id)))?.memberUsers).toEqual(
        expected,
      )
      await store.transaction((tx) =>
        tx.groups.update({ ...group, name: 'outer2', memberUsers: [user.id], memberGroups: [] }),
      )
      await store.transaction(async (tx) => {
        const g = await tx.groups.find(group.id)
        expect(g).toEqual({ ...group, name: 'outer2', memberUsers: [user.id], memberGroups: [] })
        expect(await tx.groups.findByName(org.id, 'outer2')).toEqual(g)
        const all = await tx.groups.listAll(org.id)
        expect(all.find((x) => x.id === group.id)).toEqual(g)
        expect(all.find((x) => x.id === inner.id)).toEqual(inner)
        await tx.groups.softDelete(group.id, 99)
        expect(await tx.groups.find(group.id)).toBeUndefined()
        expect((await tx.groups.listAll(org.id)).map((x) => x.id)).toEqual([inner.id])
      })
    })

    it('serves system roles to every org, read-only, and prefers an org role of the same name', async () => {
      const { org } = await world()
      const viewer = SYSTEM_ROLES.find((r) => r.id === SYSTEM_ROLE_IDS.viewer)
      const own = aRole(org.id, 'Viewer', 20, {
        memberPermissions: [
          { permission: 'read', restrictObjectType: 'project' },
          { permission: 'update', restrictObjectType: null },
        ],
        memberRoles: [SYSTEM_ROLE_IDS.engineer, SYSTEM_ROLE_IDS.engineer],
      })
      await store.transaction(async (tx) => {
        expect(await tx.roles.find(SYSTEM_ROLE_IDS.viewer)).toEqual(viewer)
        expect(await tx.roles.findByName(org.id, 'Viewer')).toEqual(viewer)
        expect(await tx.roles.listAll(org.id)).toHaveLength(SYSTEM_ROLES.length)
        await tx.roles.insert(own)
        const ownStored = { ...own, memberRoles: [SYSTEM_ROLE_IDS.engineer] }
        expect(await tx.roles.findByName(org.id, 'Viewer')).toEqual(ownStored)
        expect(await tx.roles.find(own.id)).toEqual(ownStored)
        expect(await tx.roles.listAll(org.id)).toHaveLength(SYSTEM_ROLES.length + 1)
        // Another org sees only the system role.
        const other = anOrg('other')
        await tx.orgs.insert(other)
        expect(await tx.roles.findByName(other.id, 'Viewer')).toEqual(viewer)
        // System roles cannot change through the repo.
        if (viewer !== undefined) {
          await tx.roles.update({ ...viewer, name: 'Hacked', memberPermissions: [] })
          await tx.roles.softDelete(viewer.id, 5)
        }
        expect(await tx.roles.find(SYSTEM_ROLE_IDS.viewer)).toEqual(viewer)
        const sys = aRole(org.id, 'x', 1)
        await expect(tx.roles.insert({ ...sys, orgId: null })).rejects.toThrow(/System roles/)
        await expect(tx.roles.insert({ ...sys, id: SYSTEM_ROLE_IDS.owner })).rejects.toMatchObject({
          code: 'NAME_TAKEN',
        })
      })
    })

    it('finds ACLs by content, nulls comparing equal', async () => {
      const { org, user } = await world()
      const byUser = anAcl(org.id, 1, { userId: user.id, permission: 'read' })
      const byRole = anAcl(org.id, 2, {
        userId: user.id,
        permission: null,
        roleId: SYSTEM_ROLE_IDS.owner,
      })
      const restricted = anAcl(org.id, 3, {
        userId: user.id,
        permission: 'read',
        restrictObjectType: 'project',
      })
      await store.transaction(async (tx) => {
        for (const acl of [byUser, byRole, restricted]) {
          await tx.acls.insert(acl)
        }
        const { id: _id, orgId: _org, createdAt: _at, ...content } = byUser
        expect(await tx.acls.findByContent(org.id, content)).toEqual(byUser)
        expect(
          await tx.acls.findByContent(org.id, { ...content, restrictObjectType: 'project' }),
        ).toEqual(restricted)
        expect(
          await tx.acls.findByContent(org.id, {
            ...content,
            permission: null,
            roleId: SYSTEM_ROLE_IDS.owner,
          }),
        ).toEqual(byRole)
        expect(
          await tx.acls.findByContent(org.id, { ...content, permission: 'update' }),
        ).toBeUndefined()
        expect(await tx.acls.findByContent('other-org', content)).toBeUndefined()
        await tx.acls.delete(byUser.id)
        expect(await tx.acls.find(byUser.id)).toBeUndefined()
        expect((await tx.acls.listAll(org.id)).map((a) => a.id).sort()).toEqual(
          [byRole.id, restricted.id].sort(),
        )
      })
    })

    it('revokes credentials once, in bulk, and keeps last-used times moving forward', async () => {
      const { org, user } = await world()
      const sa = aUser('sa@service-account.gatehouse.invalid', 1, {
        kind: 'service_account',
        serviceAccountOrgId: org.id,
        passwordHash: null,
      })
      const keys = [
        anApiKey(org.id, user.id, 10),
        anApiKey(org.id, user.id, 11),
        anApiKey(org.id, user.id, 12),
      ]
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
        for (const k of keys) {
          await tx.apiKeys.insert(k)
        }
        await tx.serviceTokens.insert(token)
      })
      const [first, second, third] = keys.map((k) => k.id)
      await store.transaction(async (tx) => {
        await tx.apiKeys.revoke(first ?? '', 100)
        await tx.apiKeys.revoke(first ?? '', 200)
        expect((await tx.apiKeys.find(first ?? ''))?.revokedAt).toBe(100)
        expect(await tx.apiKeys.revokeAllForUser(org.id, user.id, 300)).toBe(2)
        expect(await tx.apiKeys.revokeAllForUser(org.id, user.id, 400)).toBe(0)
        expect((await tx.apiKeys.list({ orgId: org.id })).map((k) => k.id)).toEqual([])
        expect(
          (await tx.apiKeys.list({ orgId: org.id, includeRevoked: true })).map((k) => k.id),
        ).toEqual([third, second, first])
        await tx.apiKeys.touch(second ?? '', 500)
        await tx.apiKeys.touch(second ?? '', 450)
        expect((await tx.apiKeys.findByHash(keys[1]?.secretHash ?? ''))?.lastUsedAt).toBe(500)

        expect(await tx.serviceTokens.findByHash(token.secretHash)).toEqual(token)
        expect(await tx.serviceTokens.list({ orgId: org.id, ownerId: sa.id })).toEqual([token])
        await tx.serviceTokens.touch(token.id, 600)
        expect(await tx.serviceTokens.revokeAllForServiceAccount(sa.id, 700)).toBe(1)
        expect(await tx.serviceTokens.find(token.id)).toEqual({
          ...token,
          lastUsedAt: 600,
          revokedAt: 700,
        })
      })
    })

    it('lists pending invitations only, newest first, and round-trips group ids', async () => {
      const { org, user } = await world()
      const base = (n: number, extra: Partial<Invitation> = {}): Invitation => ({
        id: crypto.uuid(),
        orgId: org.id,
        email: `invitee${n}@example.com`,
        groupIds: [crypto.uuid(), crypto.uuid()],
        tokenHash: crypto.sha256Hex(`invite-${n}`),
        invitedBy: null,
        createdAt: n,
        expiresAt: 1000,
        acceptedAt: null,
        acceptedUserId: null,
        revokedAt: null,
        ...extra,
      })
      const pending = [base(1), base(2)]
      const done = [
        base(3, { acceptedAt: 5 }),
        base(4, { revokedAt: 5 }),
        base(5, { expiresAt: 500 }),
      ]
      await store.transaction(async (tx) => {
        for (const i of [...pending, ...done]) {
          await tx.invitations.insert(i)
        }
        expect(await tx.invitations.listPending(org.id, 500)).toEqual([pending[1], pending[0]])
        expect(await tx.invitations.findByTokenHash(crypto.sha256Hex('invite-3'))).toEqual(done[0])
        const accepted = { ...(pending[0] as Invitation), acceptedAt: 600, acceptedUserId: user.id }
        await tx.invitations.update(accepted)
        expect(await tx.invitations.find(accepted.id)).toEqual(accepted)
        expect(await tx.invitations.listPending(org.id, 500)).toEqual([pending[1]])
      })
    })

    it('stores audit events so that the chain verifies after reading them back', async () => {
      const { org } = await world()
      const tricky = { undef: undefined, arr: [undefined, -0, 1e21, 'é\u0000'], n: null }
      await store.transaction(async (tx) => {
        await appendEntry(tx, anEntry(org.id, 1, { before: tricky, after: null }))
        await appendEntry(
          tx,
          anEntry(org.id, 2, { outcome: 'denied', reason: 'PERMISSION_DENIED' }),
        )
      })
      const events = await store.transaction((tx) => tx.audit.scan(org.id, 0, 10))
      expect(events).toHaveLength(2)
      expect(verifyEvents(crypto, { seq: 0, hash: GENESIS_HASH }, events).ok).toBe(true)
      expect(await store.transaction((tx) => tx.audit.scan(org.id, 1, 10))).toEqual(events.slice(1))
      expect(await store.transaction((tx) => tx.audit.scan(org.id, 0, 0))).toEqual([])
      const badSeal = await caught(
        store.transaction((tx) =>
          tx.audit.append(org.id, (head) => ({
            ...sealEvent(crypto, crypto.uuid(), anEntry(org.id, 3), head),
            seq: head.seq + 2,
          })),
        ),
      )
      expect(String(badSeal)).toMatch(/continue its own org chain/)
      const noChain = await caught(
        store.transaction((tx) => appendEntry(tx, anEntry('no-such-org', 1))),
      )
      expect(String(noChain)).toMatch(/No audit chain/)
    })
  })

  it('runs the real use cases: bootstrap, members, a project, an audit chain that verifies', async () => {
    const deps = {
      store,
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
    await store.transaction(async (tx) => {
      expect(await tx.projects.findByName(seeded.org.id, 'alpha')).toEqual(project)
      expect((await tx.members.listByOrg(seeded.org.id)).map((m) => m.userId).sort()).toEqual(
        [seeded.owner.id, member.id].sort(),
      )
      const org = await tx.orgs.find(seeded.org.id)
      expect(org?.authzVersion).toBeGreaterThan(seeded.org.authzVersion)
      const events = await tx.audit.scan(seeded.org.id, 0, 100)
      expect(events.map((e) => e.action)).toEqual(['organization.create', 'project.create'])
      expect(verifyEvents(deps.crypto, { seq: 0, hash: GENESIS_HASH }, events).ok).toBe(true)
    })
  })

  describe('pagination and soft deletes agree with the memory store', () => {
    /** The same rows, written the same way, in the SQL store and in the memory store. */
    async function build(target: Store) {
      const c = createTestCrypto(1234)
      const orgA = { ...anOrg('page-a'), id: c.uuid() }
      const orgB = { ...anOrg('page-b'), id: c.uuid() }
      const ids = {
        projects: [] as string[],
        acls: [] as string[],
        roles: [] as string[],
        users: [] as string[],
        audit: [] as string[],
      }
      await target.transaction(async (tx) => {
        await tx.orgs.insert(orgA)
        await tx.orgs.insert(orgB)
        for (let i = 0; i < 6; i++) {
          const user = {
            ...aUser(`user${i}@example.com`, [5, 5, 9, 1, 9, 5][i] ?? 0),
            id: c.uuid(),
          }
          user.givenName = i % 2 === 0 ? 'Even' : 'Odd'
          await tx.users.insert(user)
          ids.users.push(user.id)
          if (i < 5) {
            await tx.members.add({ orgId: orgA.id, userId: user.id, createdAt: 1 })
          }
        }
        for (let i = 0; i < 12; i++) {
          const org = i < 10 ? orgA : orgB
          // Live names are unique in an org; the two deleted ones lend theirs to a later one.
          const name = i === 2 || i === 7 ? `p${i + 1}` : `p${i}`
          const p = { ...aProject(org.id, name, [100, 200, 300][i % 3] ?? 0), id: c.uuid() }
          await tx.projects.insert(p)
          ids.projects.push(p.id)
          if (i === 2 || i === 7) {
            await tx.projects.softDelete(p.id, 999)
          }
        }
        for (let i = 0; i < 8; i++) {
          const acl = {
            ...anAcl(orgA.id, [1, 2, 2, 3][i % 4] ?? 0, {
              permission: i % 2 === 0 ? 'read' : 'update',
            }),
            id: c.uuid(),
          }
          await tx.acls.insert(acl)
          ids.acls.push(acl.id)
        }
        for (let i = 0; i < 5; i++) {
          const name = i === 3 ? 'r4' : `r${i}`
          const role = { ...aRole(orgA.id, name, [0, 50, 0, 50, 70][i] ?? 0), id: c.uuid() }
          await tx.roles.insert(role)
          ids.roles.push(role.id)
          if (i === 3) {
            await tx.roles.softDelete(role.id, 1)
          }
        }
        ids.roles.push(...SYSTEM_ROLES.map((r) => r.id))
        for (let i = 0; i < 7; i++) {
          const entry = anEntry(orgA.id, i, { occurredAt: 1000 + (i % 3) })
          const id = c.uuid()
          await tx.audit.append(orgA.id, (head) => sealEvent(c, id, entry, head))
          ids.audit.push(id)
        }
      })
      return { orgA, orgB, ids }
    }

    function queries(all: readonly string[]): PageQuery[] {
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

    async function run(target: Store): Promise<[string, unknown][]> {
      const { orgA, ids } = await build(target)
      return target.transaction(async (tx) => {
        const results: [string, unknown][] = []
        const record = async (label: string, q: object, value: Promise<unknown>) => {
          results.push([`${label} ${JSON.stringify(q)}`, await value])
        }
        const idsOf = (rows: readonly { id: string }[]) => rows.map((r) => r.id)
        for (const q of queries(ids.projects)) {
          const all = { ...q, orgId: orgA.id }
          await record('projects', all, tx.projects.list(all).then(idsOf))
          const named = { ...all, name: 'p3' }
          await record('projects', named, tx.projects.list(named).then(idsOf))
        }
        for (const q of queries(ids.acls)) {
          const all = { ...q, orgId: orgA.id }
          await record('acls', all, tx.acls.list(all).then(idsOf))
          const reads = { ...all, permission: 'read' as const }
          await record('acls', reads, tx.acls.list(reads).then(idsOf))
        }
        for (const q of queries(ids.roles)) {
          const all = { ...q, orgId: orgA.id }
          await record('roles', all, tx.roles.list(all).then(idsOf))
        }
        for (const q of queries(ids.users)) {
          const all = { ...q, orgId: orgA.id }
          await record('users', all, tx.users.list(all).then(idsOf))
          const filtered = {
            ...all,
            givenName: 'Even',
            emails: ['USER0@example.com', 'user2@example.com', 'user3@example.com'],
          }
          await record('users', filtered, tx.users.list(filtered).then(idsOf))
        }
        for (const q of queries(ids.audit)) {
          const all = { ...q, orgId: orgA.id }
          await record('audit', all, tx.audit.list(all).then(idsOf))
          const window = { ...all, since: 1001, until: 1002 }
          await record('audit', window, tx.audit.list(window).then(idsOf))
        }
        await record(
          'findByName',
          {},
          tx.projects.findByName(orgA.id, 'p2').then((p) => p?.id),
        )
        await record('find deleted', {}, tx.projects.find(ids.projects[2] ?? ''))
        await record(
          'orgs',
          {},
          tx.orgs.listAll().then((orgs) => orgs.map((o) => o.name)),
        )
        return results
      })
    }

    it('returns the same pages for every query', async () => {
      const memory = await run(createMemoryStore())
      const sql = await run(store)
      expect(sql).toHaveLength(memory.length)
      for (const [i, [label, expected]] of memory.entries()) {
        expect(sql[i]?.[1], `#${i} ${label}`).toEqual(expected)
      }
      // The queries are not vacuous: pages of many sizes come back.
      const sizes = new Set(memory.map(([, r]) => (Array.isArray(r) ? r.length : -1)))
      expect(sizes.size).toBeGreaterThan(4)
    })
  })
})
