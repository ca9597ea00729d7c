import type { Actor } from '../../actor.js'
import type { Project } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { runOperation } from '../operation.js'
import { enterProject } from './enter-project.js'

export interface GetProjectInput {
  readonly projectId: string
}

/**
 * One live project the caller may read.
 * @throws PROJECT_NOT_FOUND, PERMISSION_DENIED
 */
export async function getProject(
  deps: Deps,
  actor: Actor,
  input: GetProjectInput,
): Promise<Project> {
  return runOperation(deps, actor, 'project.read', (op) =>
    enterProject(op, input.projectId, 'read'),
  )
}
