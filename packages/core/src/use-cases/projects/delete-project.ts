import type { Actor } from '../../actor.js'
import type { Project } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { runOperation } from '../operation.js'
import { enterProject } from './enter-project.js'

export interface DeleteProjectInput {
  readonly projectId: string
}

/**
 * Soft-deletes a project and returns it as deleted. Its name becomes free for a new project.
 * @throws PROJECT_NOT_FOUND, PERMISSION_DENIED
 */
export async function deleteProject(
  deps: Deps,
  actor: Actor,
  input: DeleteProjectInput,
): Promise<Project> {
  return runOperation(deps, actor, 'project.delete', async (op) => {
    const project = await enterProject(op, input.projectId, 'delete')
    const at = op.now()
    await op.tx.projects.softDelete(project.id, at)
    // Grants on the project stop mattering; caches keyed on the version must not serve it.
    await op.changedAuthz()
    await op.record({
      objectType: 'project',
      objectId: project.id,
      before: { name: project.name },
      after: { deletedAt: at },
    })
    return { ...project, deletedAt: at }
  })
}
