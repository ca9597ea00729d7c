import { AppError, isAppError } from '../../errors.js'
import type { Permission } from '../../model/catalog.js'
import type { Project } from '../../model/entities.js'
import type { Operation } from '../operation.js'

/**
 * Loads a live project, enters its org and demands `permission` on it. A project in an org the
 * caller is not in (or its credential is not bound to), or one it holds nothing on, does not
 * exist for it: PROJECT_NOT_FOUND, the same answer as for an id that was never used.
 * @throws PROJECT_NOT_FOUND, PERMISSION_DENIED
 */
export async function enterProject(
  op: Operation,
  projectId: string,
  permission: Permission,
): Promise<Project> {
  const project = await op.tx.projects.find(projectId)
  if (project === undefined || project.deletedAt !== null) {
    throw new AppError('PROJECT_NOT_FOUND')
  }
  try {
    await op.enterOrg({ orgId: project.orgId })
  } catch (err) {
    if (isAppError(err, 'ORG_NOT_FOUND')) {
      throw new AppError('PROJECT_NOT_FOUND')
    }
    throw err
  }
  op.require(permission, { objectType: 'project', objectId: project.id }, 'PROJECT_NOT_FOUND')
  return project
}
