import { describe, expect, it } from 'vitest'
import {
  addMember,
  apiKeyActor,
  createTestDeps,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { createProject } from './create-project.js'
import { getProject } from './get-project.js'

describe('getProject', () => {
  it('returns the project to anyone who may read it', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    const { project } = await createProject(deps, ownerActor, { name: 'p' })
    const viewer = await addMember(deps, org, { groups: groups.viewers ? [groups.viewers] : [] })
    expect((await getProject(deps, sessionActor(viewer), { projectId: project.id })).name).toBe('p')
  })

  it('is PROJECT_NOT_FOUND for a member holding nothing on it', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const { project } = await createProject(deps, ownerActor, { name: 'p' })
    const loner = await addMember(deps, org)
    await expect(
      getProject(deps, sessionActor(loner), { projectId: project.id }),
    ).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND', message: 'Project not found' })
  })

  it('is PROJECT_NOT_FOUND from another org, even for its owner, and for unknown ids', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const { project } = await createProject(deps, a.ownerActor, { name: 'p' })
    await expect(getProject(deps, b.ownerActor, { projectId: project.id })).rejects.toMatchObject({
      code: 'PROJECT_NOT_FOUND',
    })
    await expect(
      getProject(deps, a.ownerActor, { projectId: deps.crypto.uuid() }),
    ).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' })
  })

  it('is PROJECT_NOT_FOUND through a key bound to another org of the same person', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps, { ownerEmail: a.owner.email })
    const { project } = await createProject(deps, a.ownerActor, { name: 'p', orgId: a.org.id })
    await expect(
      getProject(deps, apiKeyActor(a.owner, b.org.id), { projectId: project.id }),
    ).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' })
    expect(
      (await getProject(deps, apiKeyActor(a.owner, a.org.id), { projectId: project.id })).id,
    ).toBe(project.id)
  })
})
