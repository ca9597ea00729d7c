import { describe, expect, it } from 'vitest'
import { SYSTEM_ROLE_IDS } from '../../authz/system-roles.js'
import { AppError } from '../../errors.js'
import {
  addMember,
  apiKeyActor,
  auditEvents,
  createTestDeps,
  seedOrg,
  serviceTokenActor,
  sessionActor,
} from '../../testing/index.js'
import { getOrganization } from './get-organization.js'
import { updateOrganization } from './update-organization.js'

describe('updateOrganization', () => {
  it('lets an owner rename and set urls, audited with before/after', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps, { name: 'old' })
    const updated = await updateOrganization(deps, ownerActor, {
      orgId: org.id,
      name: '  new  ',
      apiUrl: 'https://api.example.com',
      imageRenderingMode: 'blocked',
      proxyUrl: null,
    })
    expect(updated.name).toBe('new')
    expect(updated.apiUrl).toBe('https://api.example.com')
    expect(updated.imageRenderingMode).toBe('blocked')
    expect(updated.proxyUrl).toBeNull()
    const last = (await auditEvents(deps, org.id)).at(-1)
    expect(last?.action).toBe('organization.update')
    expect(last?.before).toEqual({ name: 'old', apiUrl: null, imageRenderingMode: null })
    expect(last?.after).toEqual({
      name: 'new',
      apiUrl: 'https://api.example.com',
      imageRenderingMode: 'blocked',
    })
  })

  it('refuses a name another org has', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const other = await seedOrg(deps)
    await expect(
      updateOrganization(deps, ownerActor, { orgId: org.id, name: other.org.name }),
    ).rejects.toMatchObject({ code: 'ORG_NAME_TAKEN' })
  })

  it('needs update on the organization (403 with the rule’s message)', async () => {
    const deps = createTestDeps()
    const { org, groups } = await seedOrg(deps)
    const engineer = await addMember(deps, org, {
      groups: groups.engineers ? [groups.engineers] : [],
    })
    const err = await updateOrganization(deps, sessionActor(engineer), {
      orgId: org.id,
      name: 'x',
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('PERMISSION_DENIED')
    expect((err as AppError).message).toBe('The caller lacks the permission this request needs')
    expect((await getOrganization(deps, sessionActor(engineer), { orgId: org.id })).name).toBe(
      org.name,
    )
    const denied = (await auditEvents(deps, org.id)).at(-1)
    expect(denied?.outcome).toBe('denied')
    expect(denied?.reason).toBe('PERMISSION_DENIED')
  })

  it('lets only owners change settings and bumps the authz version', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    // Someone with `update` on the organization, but not every permission.
    const admin = await addMember(deps, org)
    await deps.store.transaction((tx) =>
      tx.acls.insert({
        id: deps.crypto.uuid(),
        orgId: org.id,
        objectType: 'organization',
        objectId: org.id,
        userId: admin.id,
        groupId: null,
        permission: null,
        roleId: SYSTEM_ROLE_IDS.engineer,
        restrictObjectType: null,
        createdAt: deps.clock.now(),
      }),
    )
    const renamed = await updateOrganization(deps, sessionActor(admin), {
      orgId: org.id,
      apiUrl: 'https://x.example',
    })
    expect(renamed.apiUrl).toBe('https://x.example')
    await expect(
      updateOrganization(deps, sessionActor(admin), {
        orgId: org.id,
        settings: { serviceTokensCanMint: false },
      }),
    ).rejects.toMatchObject({ code: 'OWNER_ONLY_SETTING' })

    const before = await getOrganization(deps, ownerActor, { orgId: org.id })
    const after = await updateOrganization(deps, ownerActor, {
      orgId: org.id,
      settings: { serviceTokensCanMint: false },
    })
    expect(after.settings).toEqual({ directOwnershipGrants: true, serviceTokensCanMint: false })
    expect(after.authzVersion).toBeGreaterThan(before.authzVersion)
  })

  it('changes credential settings only from an owner’s own session, auditing each refusal', async () => {
    const deps = createTestDeps()
    const { org, owner, ownerActor, groups } = await seedOrg(deps)
    const bot = await addMember(deps, org, { kind: 'service_account', groups: [groups.owners] })
    const other = await addMember(deps, org)
    const refused = [
      apiKeyActor(owner, org.id),
      serviceTokenActor(bot, org.id),
      sessionActor(other, { impersonatorId: owner.id }),
      // The owner's key impersonating the owner is still an API key.
      apiKeyActor(owner, org.id, { impersonatorId: owner.id }),
    ]
    for (const field of ['serviceTokensCanMint', 'directOwnershipGrants'] as const) {
      for (const actor of refused) {
        const err = await updateOrganization(deps, actor, {
          orgId: org.id,
          settings: { [field]: false },
        }).catch((e: unknown) => e)
        expect(err).toMatchObject({
          code: 'CREDENTIAL_SETTING_NEEDS_SESSION',
          message:
            "Settings that govern credentials can only be changed from an owner's own session",
        })
        const denied = (await auditEvents(deps, org.id)).at(-1)
        expect(denied).toMatchObject({
          outcome: 'denied',
          reason: 'CREDENTIAL_SETTING_NEEDS_SESSION',
          action: 'organization.update',
        })
        expect(denied?.actor.credentialKind).toBe(actor.credential.kind)
      }
      // Even asking for the value it already has: asking is what needs the session.
      await expect(
        updateOrganization(deps, apiKeyActor(owner, org.id), {
          orgId: org.id,
          settings: { [field]: true },
        }),
      ).rejects.toMatchObject({ code: 'CREDENTIAL_SETTING_NEEDS_SESSION' })
    }
    expect((await getOrganization(deps, ownerActor, { orgId: org.id })).settings).toEqual(
      org.settings,
    )
    // The reference API's fields stay open to any credential with update on the org.
    const renamed = await updateOrganization(deps, apiKeyActor(owner, org.id), {
      orgId: org.id,
      apiUrl: 'https://api.example.com',
    })
    expect(renamed.apiUrl).toBe('https://api.example.com')
    const closed = await updateOrganization(deps, ownerActor, {
      orgId: org.id,
      settings: { serviceTokensCanMint: false, directOwnershipGrants: false },
    })
    expect(closed.settings).toEqual({ serviceTokensCanMint: false, directOwnershipGrants: false })
  })

  it('refuses an unknown image rendering mode', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    await expect(
      updateOrganization(deps, ownerActor, {
        orgId: org.id,
        imageRenderingMode: 'sometimes' as 'auto',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })
})
