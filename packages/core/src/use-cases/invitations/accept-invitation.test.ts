import { describe, expect, it } from 'vitest'
import type { Group } from '../../model/entities.js'
import {
  addMember,
  apiKeyActor,
  auditEvents,
  createTestDeps,
  seedOrg,
  sessionActor,
  type TestDeps,
} from '../../testing/index.js'
import { updateMembers } from '../members/update-members.js'
import { authenticatePassword } from '../users/authenticate-password.js'
import { acceptInvitation } from './accept-invitation.js'
import { INVITATION_TTL_MS } from './invitation-token.js'
import { previewInvitation } from './preview-invitation.js'

function present<T>(value: T | undefined): T {
  if (value === undefined) {
    throw new Error('expected a value')
  }
  return value
}

async function inviteInto(deps: TestDeps, email: string) {
  const seeded = await seedOrg(deps)
  const engineers = present(seeded.groups.engineers)
  const { invitations } = await updateMembers(deps, seeded.ownerActor, {
    inviteUsers: { emails: [email], groupIds: [engineers.id] },
  })
  return { ...seeded, engineers, token: present(invitations[0]).token }
}

describe('acceptInvitation', () => {
  it('creates the account, adds membership and groups, audits as the new member', async () => {
    const deps = createTestDeps()
    const { org, engineers, token } = await inviteInto(deps, 'new@example.com')
    const versionBefore = present(
      await deps.store.transaction((tx) => tx.orgs.find(org.id)),
    ).authzVersion

    const result = await acceptInvitation(deps, { token, password: 'a good password' })
    expect(result.createdUser).toBe(true)
    expect(result.user.email).toBe('new@example.com')
    expect(result.groups.map((g) => g.id)).toEqual([engineers.id])
    const [membership, group, org2] = await deps.store.transaction(async (tx) => [
      await tx.members.find(org.id, result.user.id),
      await tx.groups.find(engineers.id),
      await tx.orgs.find(org.id),
    ])
    expect(membership).toBeDefined()
    expect(group?.memberUsers).toContain(result.user.id)
    expect(present(org2).authzVersion).toBeGreaterThan(versionBefore)

    const user = await authenticatePassword(deps, {
      email: 'new@example.com',
      password: 'a good password',
    })
    expect(user?.id).toBe(result.user.id)

    const last = (await auditEvents(deps, org.id)).at(-1)
    expect(last?.action).toBe('invitation.accept')
    expect(last?.actor.userId).toBe(result.user.id)
    expect(JSON.stringify(last)).not.toContain(token)
  })

  it('works once', async () => {
    const deps = createTestDeps()
    const { token } = await inviteInto(deps, 'new@example.com')
    await acceptInvitation(deps, { token, password: 'a good password' })
    await expect(
      acceptInvitation(deps, { token, password: 'a good password' }),
    ).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' })
    await expect(previewInvitation(deps, { token })).rejects.toMatchObject({
      code: 'INVITATION_NOT_FOUND',
    })
  })

  it('expires after 7 days', async () => {
    const deps = createTestDeps()
    const { token } = await inviteInto(deps, 'late@example.com')
    deps.clock.advance(INVITATION_TTL_MS - 1)
    expect((await previewInvitation(deps, { token })).email).toBe('late@example.com')
    deps.clock.advance(1)
    await expect(
      acceptInvitation(deps, { token, password: 'a good password' }),
    ).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' })
  })

  it('lets an existing account accept only from its own, not impersonated, session', async () => {
    const deps = createTestDeps()
    const home = await seedOrg(deps)
    const person = await addMember(deps, home.org, { email: 'person@example.com' })
    const { org, token } = await inviteInto(deps, 'person@example.com')

    for (const actor of [
      undefined,
      sessionActor(home.owner),
      sessionActor(person, { impersonatorId: home.owner.id }),
      apiKeyActor(person, home.org.id),
    ]) {
      await expect(acceptInvitation(deps, { token, actor })).rejects.toMatchObject({
        code: 'INVITATION_NOT_FOUND',
      })
    }
    expect(await deps.store.transaction((tx) => tx.members.find(org.id, person.id))).toBeUndefined()

    const result = await acceptInvitation(deps, { token, actor: sessionActor(person) })
    expect(result.createdUser).toBe(false)
    expect(result.user.id).toBe(person.id)
  })

  it('skips groups deleted since the invitation', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    const viewers = present(groups.viewers)
    const custom: Group = {
      id: deps.crypto.uuid(),
      orgId: org.id,
      userId: null,
      name: 'Temp',
      description: null,
      builtin: null,
      memberUsers: [],
      memberGroups: [],
      createdAt: deps.clock.now(),
      deletedAt: null,
    }
    await deps.store.transaction((tx) => tx.groups.insert(custom))
    const { invitations } = await updateMembers(deps, ownerActor, {
      inviteUsers: { emails: ['x@example.com'], groupIds: [custom.id, viewers.id] },
    })
    await deps.store.transaction((tx) => tx.groups.softDelete(custom.id, deps.clock.now()))

    const token = present(invitations[0]).token
    const result = await acceptInvitation(deps, { token, password: 'a good password' })
    expect(result.groups.map((g) => g.id)).toEqual([viewers.id])
    expect(
      await deps.store.transaction((tx) => tx.members.find(org.id, result.user.id)),
    ).toBeDefined()
  })

  it('requires an acceptable password for a new account', async () => {
    const deps = createTestDeps()
    const { token } = await inviteInto(deps, 'new@example.com')
    await expect(acceptInvitation(deps, { token })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    await expect(acceptInvitation(deps, { token, password: 'short' })).rejects.toMatchObject({
      code: 'PASSWORD_TOO_SHORT',
    })
    // Still usable after the failed attempts.
    expect((await previewInvitation(deps, { token })).accountExists).toBe(false)
  })

  it('refuses malformed and unknown tokens alike', async () => {
    const deps = createTestDeps()
    for (const token of ['', 'x', 'A'.repeat(32), `${'A'.repeat(31)}!`]) {
      await expect(
        acceptInvitation(deps, { token, password: 'a good password' }),
      ).rejects.toMatchObject({
        code: 'INVITATION_NOT_FOUND',
        message: 'Invitation not found or no longer valid',
      })
    }
  })
})
