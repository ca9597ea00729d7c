import { describe, expect, it } from 'vitest'
import {
  addMember,
  auditEvents,
  createTestDeps,
  seedOrg,
  sessionActor,
} from '../../testing/index.js'
import { createProject } from './create-project.js'
import { deleteProject } from './delete-project.js'
import { getProject } from './get-project.js'

describe('deleteProject', () => {
  it('soft-deletes, returns the deleted project and records it', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const { project } = await createProject(deps, ownerActor, { name: 'p' })
    deps.clock.advance(5000)
    const deleted = await deleteProject(deps, ownerActor, { projectId: project.id })
    expect(deleted.id).toBe(project.id)
    expect(deleted.deletedAt).toBe(deps.clock.now())
    await expect(getProject(deps, ownerActor, { projectId: project.id })).rejects.toMatchObject({
      code: 'PROJECT_NOT_FOUND',
    })
    await expect(deleteProject(deps, ownerActor, { projectId: project.id })).rejects.toMatchObject({
      code: 'PROJECT_NOT_FOUND',
    })
    const last = (await auditEvents(deps, org.id)).at(-1)
    expect(last?.action).toBe('project.delete')
    expect(last?.objectId).toBe(project.id)
    const { found } = await createProject(deps, ownerActor, { name: 'p' })
    expect(found).toBe(false)
  })

  it('needs delete: an engineer may, a viewer may not, another org cannot see it', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    const other = await seedOrg(deps)
    const { project } = await createProject(deps, ownerActor, { name: 'p' })
    const viewer = await addMember(deps, org, { groups: groups.viewers ? [groups.viewers] : [] })
    const engineer = await addMember(deps, org, {
      groups: groups.engineers ? [groups.engineers] : [],
    })
    await expect(
      deleteProject(deps, sessionActor(viewer), { projectId: project.id }),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' })
    await expect(
      deleteProject(deps, other.ownerActor, { projectId: project.id }),
    ).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' })
    expect((await getProject(deps, ownerActor, { projectId: project.id })).deletedAt).toBeNull()
    const deleted = await deleteProject(deps, sessionActor(engineer), { projectId: project.id })
    expect(deleted.deletedAt).not.toBeNull()
  })
})
