import type { Actor } from '../../actor.js'
import type { GrantSource } from '../../authz/evaluate.js'
import type { Target } from '../../authz/target.js'
import { AppError } from '../../errors.js'
import { isProjectChildType, PERMISSIONS, type Permission } from '../../model/catalog.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { enterObjectOrg, notFoundCodeOf, resolveAclObject } from './acl-rules.js'

export interface ExplainAccessInput extends OrgSelector {
  /** Whose access to explain. */
  readonly userId: string
  /** Child objects may name their project, so that grants on it are explained too. */
  readonly target: Target
}

export interface AccessExplanation {
  readonly userId: string
  readonly target: Target
  /** What the user holds on the target, in the reference API's order. */
  readonly permissions: Permission[]
  /** Every grant behind those permissions. */
  readonly sources: GrantSource[]
}

/**
 * What a member may do on an object, and why. Anyone may ask about themselves (about objects
 * they hold something on); asking about someone else needs `read_acls` on the object, judged
 * without the project a child object claims, since that claim cannot be verified here.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, PROJECT_NOT_FOUND, GROUP_NOT_FOUND, ROLE_NOT_FOUND,
 *   OBJECT_NOT_FOUND, USER_NOT_FOUND, PERMISSION_DENIED, VALIDATION_FAILED
 */
export async function explainAccess(
  deps: Deps,
  actor: Actor,
  input: ExplainAccessInput,
): Promise<AccessExplanation> {
  return runOperation(deps, actor, 'access.explain', async (op) => {
    const { objectType, objectId } = input.target
    const org = await enterObjectOrg(op, input, objectType, objectId)
    const notFound = notFoundCodeOf(objectType)
    const object = await resolveAclObject(op, objectType, objectId)
    let target: Target = object
    const projectId = input.target.projectId
    if (isProjectChildType(objectType) && projectId !== undefined && projectId !== null) {
      const project = await op.tx.projects.find(projectId)
      if (project === undefined || project.orgId !== org.id || project.deletedAt !== null) {
        throw new AppError('PROJECT_NOT_FOUND')
      }
      target = { ...object, projectId }
    }
    if (input.userId === actor.userId) {
      if (op.held(target).size === 0) {
        throw new AppError(notFound)
      }
    } else {
      op.require('read_acls', object, notFound)
      if (!op.ev.world.members.has(input.userId)) {
        throw new AppError('USER_NOT_FOUND')
      }
    }
    const sources = op.ev.explain(input.userId, target)
    const held = new Set(sources.map((s) => s.permission))
    return {
      userId: input.userId,
      target,
      permissions: PERMISSIONS.filter((p) => held.has(p)),
      sources,
    }
  })
}
