import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Project } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'

export interface CreateProjectInput extends OrgSelector {
  readonly name: string
}

/**
 * Creates a project, or returns the live project of that name unchanged (`found: true`): the
 * reference API's idempotent create. Needs `create` on all projects (`org_project`). The
 * creator gets a direct Owner grant unless the org turned direct ownership grants off.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, PERMISSION_DENIED, VALIDATION_FAILED
 */
export async function createProject(
  deps: Deps,
  actor: Actor,
  input: CreateProjectInput,
): Promise<{ project: Project; found: boolean }> {
  const name = input.name.trim()
  if (name.length === 0) {
    throw new AppError('VALIDATION_FAILED', { field: 'name' })
  }
  return runOperation(deps, actor, 'project.create', async (op) => {
    const org = await op.enterOrg(input)
    op.require('create', { objectType: 'org_project', objectId: org.id }, undefined, 'project')
    const existing = await op.tx.projects.findByName(org.id, name)
    if (existing !== undefined) {
      return { project: existing, found: true }
    }
    const project: Project = {
      id: op.uuid(),
      orgId: org.id,
      name,
      userId: actor.userId,
      settings: null,
      createdAt: op.now(),
      deletedAt: null,
    }
    await op.tx.projects.insert(project)
    await op.grantCreatorOwnership('project', project.id)
    await op.changedAuthz()
    await op.record({ objectType: 'project', objectId: project.id, after: project })
    return { project, found: false }
  })
}
