import { describe, expect, it } from 'vitest'
import { hashSecret } from '../../credentials/key-format.js'
import type { ApiKey, Group, Organization, User } from '../../model/entities.js'
import {
  addMember,
  apiKeyActor,
  auditEvents,
  createTestDeps,
  seedOrg,
  sessionActor,
  type TestDeps,
} from '../../testing/index.js'
import { INVITATION_TTL_MS } from '../invitations/invitation-token.js'
import { updateMembers } from './update-members.js'

function present<T>(value: T | undefined): T {
  if (value === undefined) {
    throw new Error('expected a value')
  }
  return value
}

async function insertApiKey(deps: TestDeps, org: Organization, user: User): Promise<ApiKey> {
  const key: ApiKey = {
    id: deps.crypto.uuid(),
    orgId: org.id,
    userId: user.id,
    name: 'k',
    previewName: 'sk-abcd…wxyz',
    secretHash: hashSecret(deps.crypto, deps.crypto.uuid()),
    createdAt: deps.clock.now(),
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
  }
  await deps.store.transaction((tx) => tx.apiKeys.insert(key))
  return key
}

async function groupOf(deps: TestDeps, id: string): Promise<Group> {
  return present(await deps.store.transaction((tx) => tx.groups.find(id)))
}

async function isMember(deps: TestDeps, orgId: string, userId: string): Promise<boolean> {
  return (await deps.store.transaction((tx) => tx.members.find(orgId, userId))) !== undefined
}

/** A member allowed to invite (create on org_member) who holds the Engineer role on projects. */
async function inviter(deps: TestDeps, org: Organization, engineers: Group): Promise<User> {
  const user = await addMember(deps, org, { groups: [engineers] })
  await deps.store.transaction((tx) =>
    tx.acls.insert({
      id: deps.crypto.uuid(),
      orgId: org.id,
      objectType: 'org_member',
      objectId: org.id,
      userId: user.id,
      groupId: null,
      permission: 'create',
      roleId: null,
      restrictObjectType: null,
      createdAt: deps.clock.now(),
    }),
  )
  return user
}

describe('updateMembers: invitations', () => {
  it('invites by email and by id into a group, with a one-time token stored as a hash', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    const engineers = present(groups.engineers)
    const other = await seedOrg(deps)
    const outsider = await addMember(deps, other.org, { email: 'known@example.com' })

    const result = await updateMembers(deps, ownerActor, {
      inviteUsers: { emails: ['  New@Example.com '], ids: [outsider.id], groupName: 'Engineers' },
    })
    expect(result.orgId).toBe(org.id)
    expect(result.addedUsers).toEqual([])
    expect(result.invitations.map((i) => i.email).sort()).toEqual([
      'known@example.com',
      'new@example.com',
    ])
    for (const created of result.invitations) {
      expect(created.token).toMatch(/^[0-9A-Za-z]{32}$/)
      expect(created.expiresAt).toBe(deps.clock.now() + INVITATION_TTL_MS)
      const stored = present(await deps.store.transaction((tx) => tx.invitations.find(created.id)))
      expect(stored.tokenHash).toBe(hashSecret(deps.crypto, created.token))
      expect(stored.groupIds).toEqual([engineers.id])
      expect(JSON.stringify(stored)).not.toContain(created.token)
    }
    const events = (await auditEvents(deps, org.id)).filter((e) => e.action === 'invitation.create')
    expect(events).toHaveLength(2)
    for (const created of result.invitations) {
      expect(JSON.stringify(events)).not.toContain(created.token)
    }
    // Invited, not added: nobody joins before accepting.
    expect(await isMember(deps, org.id, outsider.id)).toBe(false)
  })

  it('needs at least one group: INVITATION_NEEDS_GROUP', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    await expect(
      updateMembers(deps, ownerActor, { inviteUsers: { emails: ['a@example.com'] } }),
    ).rejects.toMatchObject({
      code: 'INVITATION_NEEDS_GROUP',
      message: 'Every invited member must be assigned at least one permission group',
    })
    const pending = await deps.store.transaction((tx) =>
      tx.invitations.listPending(org.id, deps.clock.now()),
    )
    expect(pending).toEqual([])
  })

  it('refuses groups of another org as GROUP_NOT_FOUND', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    const other = await seedOrg(deps)
    await expect(
      updateMembers(deps, ownerActor, {
        inviteUsers: { emails: ['a@example.com'], groupId: other.groups.owners.id },
      }),
    ).rejects.toMatchObject({ code: 'GROUP_NOT_FOUND' })
    await expect(
      updateMembers(deps, ownerActor, {
        inviteUsers: { emails: ['a@example.com'], groupNames: ['Nope'] },
      }),
    ).rejects.toMatchObject({ code: 'GROUP_NOT_FOUND' })
  })

  it('caps invitations at the inviter’s own grants: not into Owners', async () => {
    const deps = createTestDeps()
    const { org, groups } = await seedOrg(deps)
    const engineers = present(groups.engineers)
    const actor = sessionActor(await inviter(deps, org, engineers))

    const ok = await updateMembers(deps, actor, {
      inviteUsers: { emails: ['eng@example.com'], groupIds: [engineers.id] },
    })
    expect(ok.invitations).toHaveLength(1)

    await expect(
      updateMembers(deps, actor, {
        inviteUsers: { emails: ['boss@example.com'], groupIds: [groups.owners.id] },
      }),
    ).rejects.toMatchObject({
      code: 'GRANT_EXCEEDS_CALLER',
      message: 'You cannot grant permissions that you do not hold',
    })
    const pending = await deps.store.transaction((tx) =>
      tx.invitations.listPending(org.id, deps.clock.now()),
    )
    expect(pending.map((i) => i.email)).toEqual(['eng@example.com'])
    const last = (await auditEvents(deps, org.id)).at(-1)
    expect(last?.outcome).toBe('denied')
    expect(last?.reason).toBe('GRANT_EXCEEDS_CALLER')
  })

  it('needs create on org_member (an engineer cannot invite)', async () => {
    const deps = createTestDeps()
    const { org, groups } = await seedOrg(deps)
    const engineers = present(groups.engineers)
    const engineer = await addMember(deps, org, { groups: [engineers] })
    await expect(
      updateMembers(deps, sessionActor(engineer), {
        inviteUsers: { emails: ['x@example.com'], groupIds: [engineers.id] },
      }),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' })
  })

  it('refuses to invite a member: ALREADY_MEMBER', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    const member = await addMember(deps, org)
    await expect(
      updateMembers(deps, ownerActor, {
        inviteUsers: { emails: [member.email.toUpperCase()], groupId: groups.owners.id },
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_MEMBER' })
  })

  it('replaces an earlier pending invitation of the same address', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    const first = await updateMembers(deps, ownerActor, {
      inviteUsers: { emails: ['a@example.com'], groupId: present(groups.viewers).id },
    })
    const second = await updateMembers(deps, ownerActor, {
      inviteUsers: { emails: ['a@example.com'], groupId: present(groups.engineers).id },
    })
    const pending = await deps.store.transaction((tx) =>
      tx.invitations.listPending(org.id, deps.clock.now()),
    )
    expect(pending.map((i) => i.id)).toEqual([present(second.invitations[0]).id])
    expect(pending.map((i) => i.id)).not.toContain(present(first.invitations[0]).id)
  })
})

describe('updateMembers: service accounts', () => {
  it('creates service accounts as members, with a token shown once, in the groups', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    const viewers = present(groups.viewers)
    const result = await updateMembers(deps, ownerActor, {
      inviteUsers: {
        serviceAccounts: [{ name: 'ci', tokenName: 'ci-token' }, { name: 'bot' }],
        groupId: viewers.id,
      },
    })
    expect(result.invitations).toEqual([])
    expect(result.addedUsers).toHaveLength(2)
    const [ci, bot] = result.addedUsers as [
      (typeof result.addedUsers)[0],
      (typeof result.addedUsers)[0],
    ]
    expect(ci.apiKey).toMatch(/^bt-st-/)
    expect(ci.tokenName).toBe('ci-token')
    expect(bot.apiKey).toBeUndefined()
    expect(await isMember(deps, org.id, ci.id)).toBe(true)
    expect((await groupOf(deps, viewers.id)).memberUsers).toEqual(
      expect.arrayContaining([ci.id, bot.id]),
    )
  })

  it('refuses API keys creating service accounts, with the rule’s message', async () => {
    const deps = createTestDeps()
    const { org, owner } = await seedOrg(deps)
    await expect(
      updateMembers(deps, apiKeyActor(owner, org.id), {
        inviteUsers: { serviceAccounts: [{ name: 'x' }] },
      }),
    ).rejects.toMatchObject({
      code: 'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT',
      message: 'API keys cannot create service accounts',
    })
  })
})

describe('updateMembers: removals', () => {
  it('removes membership and group memberships and revokes the member’s API keys here', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    const other = await seedOrg(deps)
    const engineers = present(groups.engineers)
    const member = await addMember(deps, org, { groups: [engineers, groups.owners] })
    await addMember(deps, other.org, { email: member.email })
    const key = await insertApiKey(deps, org, member)
    const keyElsewhere = await insertApiKey(deps, other.org, member)
    deps.clock.advance(60_000)

    const result = await updateMembers(deps, ownerActor, {
      removeUsers: { emails: [member.email.toUpperCase()] },
    })
    expect(result.orgId).toBe(org.id)
    expect(await isMember(deps, org.id, member.id)).toBe(false)
    expect((await groupOf(deps, engineers.id)).memberUsers).not.toContain(member.id)
    expect((await groupOf(deps, groups.owners.id)).memberUsers).not.toContain(member.id)
    const [revoked, untouched] = await deps.store.transaction(async (tx) => [
      await tx.apiKeys.find(key.id),
      await tx.apiKeys.find(keyElsewhere.id),
    ])
    expect(revoked?.revokedAt).toBe(deps.clock.now())
    expect(untouched?.revokedAt).toBeNull()
    expect(await isMember(deps, other.org.id, member.id)).toBe(true)
    const last = (await auditEvents(deps, org.id)).find((e) => e.action === 'member.remove')
    expect(last?.objectId).toBe(member.id)
    expect(last?.after).toEqual({ apiKeysRevoked: 1, serviceTokensRevoked: 0 })
  })

  it('refuses to remove the last owner: LAST_OWNER, nothing changes', async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor, groups } = await seedOrg(deps)
    const key = await insertApiKey(deps, org, owner)
    await expect(
      updateMembers(deps, ownerActor, { removeUsers: { ids: [owner.id] } }),
    ).rejects.toMatchObject({
      code: 'LAST_OWNER',
      message: 'An organization must keep at least one owner',
    })
    expect(await isMember(deps, org.id, owner.id)).toBe(true)
    expect((await groupOf(deps, groups.owners.id)).memberUsers).toContain(owner.id)
    const stored = await deps.store.transaction((tx) => tx.apiKeys.find(key.id))
    expect(stored?.revokedAt).toBeNull()

    // With a second owner, the first may leave.
    await addMember(deps, org, { groups: [groups.owners] })
    await updateMembers(deps, ownerActor, { removeUsers: { ids: [owner.id] } })
    expect(await isMember(deps, org.id, owner.id)).toBe(false)
  })

  it('does not count a service account as the remaining owner', async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor, groups } = await seedOrg(deps)
    await addMember(deps, org, { kind: 'service_account', groups: [groups.owners] })
    await expect(
      updateMembers(deps, ownerActor, { removeUsers: { ids: [owner.id] } }),
    ).rejects.toMatchObject({ code: 'LAST_OWNER' })
  })

  it('is USER_NOT_FOUND for someone of another org, who stays untouched', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const member = await addMember(deps, a.org)
    await expect(
      updateMembers(deps, b.ownerActor, { removeUsers: { ids: [member.id] } }),
    ).rejects.toMatchObject({ code: 'USER_NOT_FOUND' })
    await expect(
      updateMembers(deps, b.ownerActor, { orgId: a.org.id, removeUsers: { ids: [member.id] } }),
    ).rejects.toMatchObject({ code: 'ORG_NOT_FOUND' })
    expect(await isMember(deps, a.org.id, member.id)).toBe(true)
  })

  it('needs delete on org_member', async () => {
    const deps = createTestDeps()
    const { org, groups } = await seedOrg(deps)
    const engineers = present(groups.engineers)
    const actor = sessionActor(await inviter(deps, org, engineers))
    const victim = await addMember(deps, org)
    await expect(
      updateMembers(deps, actor, { removeUsers: { ids: [victim.id] } }),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' })
    expect(await isMember(deps, org.id, victim.id)).toBe(true)
  })

  it('revokes a removed service account’s tokens', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const { addedUsers } = await updateMembers(deps, ownerActor, {
      inviteUsers: { serviceAccounts: [{ name: 'ci', tokenName: 't' }] },
    })
    const sa = present(addedUsers[0])
    await updateMembers(deps, ownerActor, { removeUsers: { ids: [sa.id] } })
    const tokens = await deps.store.transaction((tx) =>
      tx.serviceTokens.list({ orgId: org.id, ownerId: sa.id, includeRevoked: true }),
    )
    expect(tokens).toHaveLength(1)
    expect(tokens[0]?.revokedAt).not.toBeNull()
  })
})
