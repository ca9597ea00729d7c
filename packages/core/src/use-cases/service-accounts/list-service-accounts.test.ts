import { describe, expect, it } from 'vitest'
import { isAppError } from '../../errors.js'
import { addMember, createTestDeps, seedOrg, sessionActor } from '../../testing/index.js'
import { createServiceAccount } from './create-service-account.js'
import { deleteServiceAccount } from './delete-service-account.js'
import { listServiceAccounts } from './list-service-accounts.js'

describe('listServiceAccounts', () => {
  it("lists the org's live service accounts, newest first, and no people", async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const other = await seedOrg(deps)
    await addMember(deps, org)
    const { user: first } = await createServiceAccount(deps, ownerActor, { name: 'first' })
    deps.clock.advance(1)
    const { user: second } = await createServiceAccount(deps, ownerActor, { name: 'second' })
    deps.clock.advance(1)
    const { user: gone } = await createServiceAccount(deps, ownerActor, { name: 'gone' })
    await deleteServiceAccount(deps, ownerActor, { id: gone.id })
    await createServiceAccount(deps, other.ownerActor, { name: 'elsewhere' })

    const listed = await listServiceAccounts(deps, ownerActor)
    expect(listed.map((u) => u.id)).toEqual([second.id, first.id])
    expect(
      (await listServiceAccounts(deps, ownerActor, { name: 'first' })).map((u) => u.id),
    ).toEqual([first.id])
    expect(await listServiceAccounts(deps, ownerActor, { limit: 1 })).toHaveLength(1)
    expect(org.id).not.toBe(other.org.id)
  })

  it('refuses members who are not owners', async () => {
    const deps = createTestDeps()
    const { org } = await seedOrg(deps)
    const member = await addMember(deps, org)
    const error = await listServiceAccounts(deps, sessionActor(member)).catch((e: unknown) => e)
    expect(isAppError(error, 'OWNER_REQUIRED')).toBe(true)
  })
})
