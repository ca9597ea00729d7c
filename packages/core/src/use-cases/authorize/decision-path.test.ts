import { describe, expect, it } from 'vitest'
import type { Actor } from '../../actor.js'
import { isAppError } from '../../errors.js'
import { PERMISSIONS } from '../../model/catalog.js'
import type { Store } from '../../ports.js'
import {
  addMember,
  createTestDeps,
  seedOrg,
  sessionActor,
  type TestDeps,
} from '../../testing/index.js'
import { createAcl } from '../acls/create-acl.js'
import { deleteAcl } from '../acls/delete-acl.js'
import { createApiKey } from '../api-keys/create-api-key.js'
import { deleteApiKey } from '../api-keys/delete-api-key.js'
import { createGroup } from '../groups/create-group.js'
import { updateMembers } from '../members/update-members.js'
import { createProject } from '../projects/create-project.js'
import { deleteProject } from '../projects/delete-project.js'
import { authenticateSecret } from '../service-tokens/authenticate-secret.js'
import { type AuthorizeCheck, authorize } from './authorize.js'

/** A store that counts the transactions opened through it. */
function counting(inner: Store): { store: Store; transactions: () => number } {
  let transactions = 0
  return {
    store: {
      transaction(fn) {
        transactions++
        return inner.transaction(fn)
      },
      close: () => inner.close(),
      onAuthzCommit: (listener) => inner.onAuthzCommit(listener),
    },
    transactions: () => transactions,
  }
}

async function world() {
  const deps = createTestDeps({ cache: true })
  const seeded = await seedOrg(deps)
  const { project } = await createProject(deps, seeded.ownerActor, { name: 'alpha' })
  const member = await addMember(deps, seeded.org)
  const { secret, apiKey } = await createApiKey(deps, sessionActor(member), { name: 'dp' })
  return { deps, ...seeded, project, member, secret, apiKey }
}

async function decide(deps: TestDeps, secret: string, checks: AuthorizeCheck[]) {
  const actor = await authenticateSecret(deps, secret)
  if (actor === undefined) {
    return 'unauthenticated' as const
  }
  return (await authorize(deps, actor, { checks })).results.map((r) => r.allowed)
}

describe('the decision path with a cache', () => {
  it('answers a warm decision without opening a transaction', async () => {
    const { deps, secret, project } = await world()
    const { store, transactions } = counting(deps.store)
    const counted = { ...deps, store }
    const check: AuthorizeCheck = {
      permission: 'read',
      objectType: 'project',
      objectId: project.id,
    }
    expect(await decide(counted, secret, [check])).toEqual([false])
    const cold = transactions()
    expect(cold).toBeGreaterThan(0)
    for (let i = 0; i < 5; i++) {
      expect(await decide(counted, secret, [check])).toEqual([false])
    }
    expect(transactions()).toBe(cold)
  })

  it('sees a grant and its removal on the very next decision', async () => {
    const { deps, org, ownerActor, secret, project, member } = await world()
    const check: AuthorizeCheck = {
      permission: 'update',
      objectType: 'project',
      objectId: project.id,
    }
    expect(await decide(deps, secret, [check])).toEqual([false])
    const { acl } = await createAcl(deps, ownerActor, {
      objectType: 'project',
      objectId: project.id,
      userId: member.id,
      permission: 'update',
    })
    expect(await decide(deps, secret, [check])).toEqual([true])
    await deleteAcl(deps, ownerActor, { aclId: acl.id, orgId: org.id })
    expect(await decide(deps, secret, [check])).toEqual([false])
  })

  it('refuses a revoked key on the very next call', async () => {
    const { deps, ownerActor, secret, apiKey } = await world()
    expect(await authenticateSecret(deps, secret)).toBeDefined()
    await deleteApiKey(deps, ownerActor, { id: apiKey.id })
    expect(await authenticateSecret(deps, secret)).toBeUndefined()
  })

  it("refuses a removed member's key and decisions at once", async () => {
    const { deps, ownerActor, secret, member, project } = await world()
    const actor = (await authenticateSecret(deps, secret)) as Actor
    const check: AuthorizeCheck = {
      permission: 'read',
      objectType: 'project',
      objectId: project.id,
    }
    await authorize(deps, actor, { checks: [check] })
    await updateMembers(deps, ownerActor, { removeUsers: { ids: [member.id] } })
    expect(await authenticateSecret(deps, secret)).toBeUndefined()
    // An actor authenticated just before the removal gets no answer either.
    const refused = await authorize(deps, actor, { checks: [check] }).catch((e: unknown) => e)
    expect(isAppError(refused) && refused.code).toBe('ORG_NOT_FOUND')
  })

  it('stops a cached key at its expiry time', async () => {
    const { deps, member } = await world()
    const expiresAt = deps.clock.now() + 60_000
    const { secret } = await createApiKey(deps, sessionActor(member), { name: 'short', expiresAt })
    expect(await authenticateSecret(deps, secret)).toBeDefined()
    deps.clock.set(expiresAt - 1)
    expect(await authenticateSecret(deps, secret)).toBeDefined()
    deps.clock.set(expiresAt)
    expect(await authenticateSecret(deps, secret)).toBeUndefined()
  })

  it('denies a deleted project on the next decision', async () => {
    const { deps, ownerActor, project, secret } = await world()
    const check: AuthorizeCheck = {
      permission: 'read',
      objectType: 'project',
      objectId: project.id,
    }
    expect(await decide(deps, secret, [check])).toEqual([false])
    const ownerKey = await createApiKey(deps, ownerActor, { name: 'owner' })
    expect(await decide(deps, ownerKey.secret, [check])).toEqual([true])
    await deleteProject(deps, ownerActor, { projectId: project.id })
    expect(await decide(deps, ownerKey.secret, [check])).toEqual([false])
  })

  it('remembers no unknown secret: a stream of them leaves the cache empty', async () => {
    const { deps, secret } = await world()
    const cache = deps.cache
    if (cache === undefined) {
      throw new Error('world() builds deps with a cache')
    }
    for (let i = 0; i < 200; i++) {
      // Same shape as a real key, wrong body: well-formed but never issued.
      const forged = `${secret.slice(0, 10)}${i.toString().padStart(4, '0')}${secret.slice(14)}`
      expect(await authenticateSecret(deps, forged)).toBeUndefined()
    }
    expect(cache.stats().credentialEntries).toBe(0)
  })

  it('gives the same answers as the uncached path for every permission, user and object', async () => {
    const { deps, org, ownerActor, project, member, secret } = await world()
    const { project: beta } = await createProject(deps, ownerActor, { name: 'beta' })
    const { group } = await createGroup(deps, ownerActor, {
      name: 'readers',
      memberUsers: [member.id],
    })
    await createAcl(deps, ownerActor, {
      objectType: 'project',
      objectId: beta.id,
      groupId: group.id,
      permission: 'read',
    })
    await createAcl(deps, ownerActor, {
      objectType: 'org_project',
      objectId: org.id,
      userId: member.id,
      permission: 'create',
      restrictObjectType: 'dataset',
    })
    const objects: Omit<AuthorizeCheck, 'permission'>[] = [
      { objectType: 'organization', objectId: org.id },
      { objectType: 'project', objectId: project.id },
      { objectType: 'project', objectId: beta.id },
      { objectType: 'dataset', objectId: 'd1', projectId: beta.id },
      { objectType: 'dataset', objectId: 'd1', projectId: project.id },
      { objectType: 'experiment', objectId: 'e1' },
      { objectType: 'project_log', objectId: beta.id },
      { objectType: 'group', objectId: group.id },
      { objectType: 'org_project', objectId: org.id },
    ]
    const checks = objects.flatMap((o) => PERMISSIONS.map((permission) => ({ ...o, permission })))
    const uncached: TestDeps = { ...deps, cache: undefined }
    const actor = (await authenticateSecret(deps, secret)) as Actor
    for (let i = 0; i < checks.length; i += 50) {
      const batch = checks.slice(i, i + 50)
      const fast = await authorize(deps, actor, { checks: batch })
      const slow = await authorize(uncached, actor, { checks: batch })
      expect(fast).toEqual(slow)
    }
    expect(checks.length).toBeGreaterThan(50)
  })
})
