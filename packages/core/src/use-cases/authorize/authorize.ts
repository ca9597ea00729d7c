import type { Actor } from '../../actor.js'
import type { GrantSource } from '../../authz/evaluate.js'
import type { Target } from '../../authz/target.js'
import { AppError } from '../../errors.js'
import {
  isOrgPseudoType,
  isProjectChildType,
  type ObjectType,
  type Permission,
} from '../../model/catalog.js'
import type { CredentialKind, UserKind } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type Operation, type OrgSelector, runOperation } from '../operation.js'

/** Most checks one call may carry: a data plane batches, but a decision stays cheap. */
export const MAX_AUTHORIZE_CHECKS = 100

export interface AuthorizeCheck {
  readonly permission: Permission
  readonly objectType: ObjectType
  readonly objectId: string
  /** The project a child object (experiment, dataset, …) lives in, as the data plane knows it. */
  readonly projectId?: string | null | undefined
}

export interface AuthorizeInput extends OrgSelector {
  readonly checks: readonly AuthorizeCheck[]
  /** Also return the grants behind each allowed check. */
  readonly explain?: boolean | undefined
}

export interface AuthorizePrincipal {
  readonly userId: string
  readonly kind: UserKind
  readonly orgId: string
  readonly credentialKind: Exclude<CredentialKind, 'operator'>
  readonly impersonatorId: string | null
}

export interface AuthorizeDecision {
  readonly allowed: boolean
  /** With `explain`: the grants that give the permission (empty when denied). */
  readonly grants?: GrantSource[]
}

export interface AuthorizeResult {
  readonly principal: AuthorizePrincipal
  /** One per check, in the order of the checks. */
  readonly results: AuthorizeDecision[]
}

/**
 * Decides what the caller (a data plane's end user or service account) may do, one answer per
 * check, over one read of the org's authorization world. An object that is not a live object of
 * the org — another org's project, a deleted one, a project_id of another org — is simply not
 * allowed: the answer never tells one tenant about another. The hot path: no writes, no audit.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, USER_NOT_FOUND, PERMISSION_DENIED, VALIDATION_FAILED
 */
export async function authorize(
  deps: Deps,
  actor: Actor,
  input: AuthorizeInput,
): Promise<AuthorizeResult> {
  const credentialKind = actor.credential.kind
  if (credentialKind === 'operator') {
    // The operator is not a principal: there is nobody to decide for.
    throw new AppError('PERMISSION_DENIED')
  }
  if (input.checks.length === 0 || input.checks.length > MAX_AUTHORIZE_CHECKS) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'checks',
      reason: `between 1 and ${MAX_AUTHORIZE_CHECKS} checks`,
    })
  }
  return runOperation(deps, actor, 'authorize', async (op) => {
    const org = await op.enterOrg(input)
    const user = await op.tx.users.find(actor.userId)
    if (user === undefined || user.deletedAt !== null) {
      throw new AppError('USER_NOT_FOUND')
    }
    const projects = new LiveProjects(op)
    const results: AuthorizeDecision[] = []
    for (const check of input.checks) {
      const target = await targetOf(op, projects, check)
      const grants =
        target === undefined
          ? []
          : op.ev.explain(actor.userId, target).filter((g) => g.permission === check.permission)
      const allowed = grants.length > 0
      results.push(input.explain === true ? { allowed, grants } : { allowed })
    }
    return {
      principal: {
        userId: user.id,
        kind: user.kind,
        orgId: org.id,
        credentialKind,
        impersonatorId: actor.impersonatorId,
      },
      results,
    }
  })
}

/** Whether ids are live projects of the operation's org; each id is read once per call. */
class LiveProjects {
  readonly #op: Operation
  readonly #known = new Map<string, boolean>()

  constructor(op: Operation) {
    this.#op = op
  }

  async has(projectId: string): Promise<boolean> {
    const known = this.#known.get(projectId)
    if (known !== undefined) {
      return known
    }
    const project = await this.#op.tx.projects.find(projectId)
    const live =
      project !== undefined && project.orgId === this.#op.org.id && project.deletedAt === null
    this.#known.set(projectId, live)
    return live
  }
}

/**
 * The decision target of a check, or undefined when the object is not a live object of the org
 * (the check is then denied). Child objects live in the data plane: only their project can be
 * verified, and a project the data plane names must be one of this org's.
 */
async function targetOf(
  op: Operation,
  projects: LiveProjects,
  check: AuthorizeCheck,
): Promise<Target | undefined> {
  const orgId = op.org.id
  const { objectType, objectId } = check
  const projectId = check.projectId ?? null
  if (objectType === 'organization' || isOrgPseudoType(objectType)) {
    return objectId === orgId ? { objectType, objectId } : undefined
  }
  if (objectType === 'project') {
    return (await projects.has(objectId)) ? { objectType, objectId } : undefined
  }
  if (objectType === 'project_log') {
    // A project's log carries its project's id; naming another project is a contradiction.
    if (projectId !== null && projectId !== objectId) {
      return undefined
    }
    return (await projects.has(objectId))
      ? { objectType, objectId, projectId: objectId }
      : undefined
  }
  if (isProjectChildType(objectType)) {
    if (projectId === null) {
      return { objectType, objectId }
    }
    return (await projects.has(projectId)) ? { objectType, objectId, projectId } : undefined
  }
  if (objectType === 'group') {
    return op.ev.world.groups.has(objectId) ? { objectType, objectId } : undefined
  }
  if (objectType === 'role') {
    const role = await op.tx.roles.find(objectId)
    const live = role !== undefined && role.orgId === orgId && role.deletedAt === null
    return live ? { objectType, objectId } : undefined
  }
  return undefined
}
