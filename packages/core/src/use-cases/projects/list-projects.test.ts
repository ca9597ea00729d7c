import { describe, expect, it } from 'vitest'
import { SYSTEM_ROLE_IDS } from '../../authz/system-roles.js'
import type { Organization } from '../../model/entities.js'
import {
  addMember,
  createTestDeps,
  seedOrg,
  sessionActor,
  type TestDeps,
} from '../../testing/index.js'
import { createProject } from './create-project.js'
import { deleteProject } from './delete-project.js'
import { listProjects } from './list-projects.js'

async function grantRead(deps: TestDeps, org: Organization, userId: string, projectId: string) {
  await deps.store.transaction((tx) =>
    tx.acls.insert({
      id: deps.crypto.uuid(),
      orgId: org.id,
      objectType: 'project',
      objectId: projectId,
      userId,
      groupId: null,
      permission: null,
      roleId: SYSTEM_ROLE_IDS.viewer,
      restrictObjectType: null,
      createdAt: deps.clock.now(),
    }),
  )
}

describe('listProjects', () => {
  it('lists only readable, live projects, newest first, paged after filtering', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const ids: string[] = []
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5']) {
      ids.push((await createProject(deps, ownerActor, { name })).project.id)
      deps.clock.advance(1000)
    }
    const [p1, p2, p3, p4, p5] = ids as [string, string, string, string, string]
    const member = await addMember(deps, org)
    for (const id of [p1, p3, p5]) {
      await grantRead(deps, org, member.id, id)
    }
    const actor = sessionActor(member)

    const all = await listProjects(deps, actor)
    expect(all.map((p) => p.name)).toEqual(['p5', 'p3', 'p1'])
    const first = await listProjects(deps, actor, { limit: 2 })
    expect(first.map((p) => p.name)).toEqual(['p5', 'p3'])
    const second = await listProjects(deps, actor, { limit: 2, startingAfter: p3 })
    expect(second.map((p) => p.name)).toEqual(['p1'])
    const back = await listProjects(deps, actor, { limit: 1, endingBefore: p1 })
    expect(back.map((p) => p.name)).toEqual(['p3'])
    const named = await listProjects(deps, actor, { name: 'p3' })
    expect(named.map((p) => p.id)).toEqual([p3])
    expect(await listProjects(deps, actor, { name: 'p2' })).toEqual([])

    await deleteProject(deps, ownerActor, { projectId: p5 })
    expect((await listProjects(deps, actor)).map((p) => p.name)).toEqual(['p3', 'p1'])
    // The owner sees them all; the unreadable ones are really there.
    expect((await listProjects(deps, ownerActor)).map((p) => p.id)).toEqual([p4, p3, p2, p1])
  })

  it('never lists another org’s projects', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    await createProject(deps, a.ownerActor, { name: 'secret' })
    expect(await listProjects(deps, b.ownerActor)).toEqual([])
    await expect(listProjects(deps, b.ownerActor, { orgId: a.org.id })).rejects.toMatchObject({
      code: 'ORG_NOT_FOUND',
    })
  })
})
