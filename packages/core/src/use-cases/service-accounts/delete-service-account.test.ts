import { describe, expect, it } from 'vitest'
import { isAppError } from '../../errors.js'
import {
  addMember,
  auditEvents,
  createTestDeps,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { authenticateSecret } from '../service-tokens/authenticate-secret.js'
import { createServiceToken } from '../service-tokens/create-service-token.js'
import { createServiceAccount } from './create-service-account.js'
import { deleteServiceAccount } from './delete-service-account.js'

describe('deleteServiceAccount', () => {
  it('revokes its tokens, removes it from the org, its groups and ACLs, soft-deletes it', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    const { user: sa, token } = await createServiceAccount(deps, ownerActor, {
      name: 'bot',
      tokenName: 'one',
    })
    const second = await createServiceToken(deps, ownerActor, {
      name: 'two',
      serviceAccountId: sa.id,
    })
    const engineers = groups.engineers
    if (engineers === undefined || token === undefined) {
      throw new Error('fixture')
    }
    await deps.store.transaction(async (tx) => {
      const group = await tx.groups.find(engineers.id)
      if (group !== undefined) {
        await tx.groups.update({ ...group, memberUsers: [...group.memberUsers, sa.id] })
      }
      await tx.acls.insert({
        id: deps.crypto.uuid(),
        orgId: org.id,
        objectType: 'org_project',
        objectId: org.id,
        userId: sa.id,
        groupId: null,
        permission: 'read',
        roleId: null,
        restrictObjectType: null,
        createdAt: deps.clock.now(),
      })
    })
    const versionBefore = (await deps.store.transaction((tx) => tx.orgs.find(org.id)))?.authzVersion

    deps.clock.advance(10)
    const { user, revokedTokens } = await deleteServiceAccount(deps, ownerActor, { id: sa.id })
    expect(revokedTokens).toBe(2)
    expect(user.deletedAt).toBe(deps.clock.now())
    expect(await authenticateSecret(deps, token.secret)).toBeUndefined()
    expect(await authenticateSecret(deps, second.secret)).toBeUndefined()

    const state = await deps.store.transaction(async (tx) => ({
      member: await tx.members.find(org.id, sa.id),
      group: await tx.groups.find(engineers.id),
      acls: (await tx.acls.listAll(org.id)).filter((a) => a.userId === sa.id),
      stored: await tx.users.find(sa.id),
      org: await tx.orgs.find(org.id),
    }))
    expect(state.member).toBeUndefined()
    expect(state.group?.memberUsers).not.toContain(sa.id)
    expect(state.acls).toEqual([])
    expect(state.stored?.deletedAt).toBe(deps.clock.now())
    expect(state.org?.authzVersion).toBeGreaterThan(versionBefore ?? Number.POSITIVE_INFINITY)
    expect((await auditEvents(deps, org.id)).at(-1)).toMatchObject({
      action: 'service_account.delete',
      outcome: 'success',
      objectId: sa.id,
      after: { revokedTokens: 2 },
    })

    const again = await deleteServiceAccount(deps, ownerActor, { id: sa.id }).catch(
      (e: unknown) => e,
    )
    expect(isAppError(again, 'SERVICE_ACCOUNT_NOT_FOUND')).toBe(true)
  })

  it('does not delete people, and refuses non-owners', async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor } = await seedOrg(deps)
    const member = await addMember(deps, org)
    const person = await deleteServiceAccount(deps, ownerActor, { id: member.id }).catch(
      (e: unknown) => e,
    )
    expect(isAppError(person, 'SERVICE_ACCOUNT_NOT_FOUND')).toBe(true)
    const self = await deleteServiceAccount(deps, ownerActor, { id: owner.id }).catch(
      (e: unknown) => e,
    )
    expect(isAppError(self, 'SERVICE_ACCOUNT_NOT_FOUND')).toBe(true)

    const { user: sa, token } = await createServiceAccount(deps, ownerActor, {
      name: 'bot',
      tokenName: 't',
    })
    const refused = await deleteServiceAccount(deps, sessionActor(member), { id: sa.id }).catch(
      (e: unknown) => e,
    )
    expect(isAppError(refused, 'OWNER_REQUIRED')).toBe(true)
    expect(await authenticateSecret(deps, token?.secret ?? '')).toBeDefined()
  })
})
