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
import { updateProject } from './update-project.js'

describe('updateProject', () => {
  it('renames and deep-merges settings, audited with before/after', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const { project } = await createProject(deps, ownerActor, { name: 'p' })
    await updateProject(deps, ownerActor, {
      projectId: project.id,
      settings: { comparison_key: 'input', nested: { a: 1, b: 2 }, list: [1, 2] },
    })
    const updated = await updateProject(deps, ownerActor, {
      projectId: project.id,
      name: 'renamed',
      settings: { nested: { b: 3 }, list: [9] },
    })
    expect(updated.name).toBe('renamed')
    expect(updated.settings).toEqual({
      comparison_key: 'input',
      nested: { a: 1, b: 3 },
      list: [9],
    })
    const last = (await auditEvents(deps, org.id)).at(-1)
    expect(last?.action).toBe('project.update')
    expect(last?.before).toMatchObject({ name: 'p' })
    expect(last?.after).toMatchObject({ name: 'renamed' })
  })

  it('keeps names unique among live projects', async () => {
    const deps = createTestDeps()
    const { ownerActor } = await seedOrg(deps)
    const { project: a } = await createProject(deps, ownerActor, { name: 'a' })
    const { project: b } = await createProject(deps, ownerActor, { name: 'b' })
    await expect(
      updateProject(deps, ownerActor, { projectId: b.id, name: 'a' }),
    ).rejects.toMatchObject({ code: 'NAME_TAKEN' })
    await deleteProject(deps, ownerActor, { projectId: a.id })
    expect((await updateProject(deps, ownerActor, { projectId: b.id, name: 'a' })).name).toBe('a')
  })

  it('refuses a viewer with 403 and changes nothing', async () => {
    const deps = createTestDeps()
    const { org, ownerActor, groups } = await seedOrg(deps)
    const { project } = await createProject(deps, ownerActor, { name: 'p' })
    const viewer = await addMember(deps, org, { groups: groups.viewers ? [groups.viewers] : [] })
    await expect(
      updateProject(deps, sessionActor(viewer), { projectId: project.id, name: 'hacked' }),
    ).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      message: 'The caller lacks the permission this request needs',
    })
    expect((await getProject(deps, ownerActor, { projectId: project.id })).name).toBe('p')
    const last = (await auditEvents(deps, org.id)).at(-1)
    expect(last?.outcome).toBe('denied')
    expect(last?.objectId).toBe(project.id)
  })

  it('is PROJECT_NOT_FOUND from another org and changes nothing', async () => {
    const deps = createTestDeps()
    const a = await seedOrg(deps)
    const b = await seedOrg(deps)
    const { project } = await createProject(deps, a.ownerActor, { name: 'p' })
    await expect(
      updateProject(deps, b.ownerActor, { projectId: project.id, name: 'x' }),
    ).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' })
    expect((await getProject(deps, a.ownerActor, { projectId: project.id })).name).toBe('p')
    expect((await auditEvents(deps, b.org.id)).every((e) => e.outcome === 'success')).toBe(true)
  })
})
