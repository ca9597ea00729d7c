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
import type { Deps, OrgIndex } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { indexOver, loadOrgIndex } from './org-index.js'

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
 * check, over one view of the org's authorization world. An object that is not a live object of
 * the org — another org's project, a deleted one, a project_id of another org — is simply not
 * allowed: the answer never tells one tenant about another. The hot path: no writes, no audit.
 * An API key or service token (authenticated just before, so its owner is live and a member of
 * its one org) is answered from the org's cached index when `deps.cache` is set; sessions and
 * impersonation read the database.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, USER_NOT_FOUND, PERMISSION_DENIED, VALIDATION_FAILED
 */
export async function authorize(
  deps: Deps,
  actor: Actor,
  input: AuthorizeInput,
): Promise<AuthorizeResult> {
  const credentialKind = checkInput(actor, input)
  const bound = actor.credential.orgId
  if (deps.cache !== undefined && bound !== null && fromCache(actor)) {
    const index = deps.cache.org(bound) ?? (await loadOrgIndex(deps, bound))
    return decideIn(index, actor, credentialKind, input)
  }
  return runOperation(deps, actor, 'authorize', async (op) => {
    const org = await op.enterOrg(input)
    const user = await op.tx.users.find(actor.userId)
    if (user === undefined || user.deletedAt !== null) {
      throw new AppError('USER_NOT_FOUND')
    }
    // The operation already loaded the org's world: index that one.
    const index = await indexOver(op.tx, org, op.ev)
    return decide(index, actor, credentialKind, user.kind, input)
  })
}

/**
 * {@link authorize} from the cache alone, without waiting: the answer when the caller's org is
 * cached, else undefined (ask authorize). Refuses exactly as authorize does.
 * @throws ORG_NOT_FOUND, PERMISSION_DENIED, VALIDATION_FAILED
 */
export function authorizeCached(
  deps: Deps,
  actor: Actor,
  input: AuthorizeInput,
): AuthorizeResult | undefined {
  const credentialKind = checkInput(actor, input)
  const bound = actor.credential.orgId
  if (deps.cache === undefined || bound === null || !fromCache(actor)) {
    return undefined
  }
  // A miss here is counted by the authorize that follows it.
  const index = deps.cache.org(bound, false)
  return index === undefined ? undefined : decideIn(index, actor, credentialKind, input)
}

/** @throws PERMISSION_DENIED (the operator), VALIDATION_FAILED */
function checkInput(actor: Actor, input: AuthorizeInput): AuthorizePrincipal['credentialKind'] {
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
  return credentialKind
}

/**
 * An API key or service token, just authenticated: its owner is live and a member of its one
 * org, so the org's cached index can answer. Sessions and impersonation read the database.
 */
function fromCache(actor: Actor): boolean {
  const kind = actor.credential.kind
  return actor.impersonatorId === null && (kind === 'api_key' || kind === 'service_token')
}

/** @throws ORG_NOT_FOUND */
function decideIn(
  index: OrgIndex,
  actor: Actor,
  credentialKind: AuthorizePrincipal['credentialKind'],
  input: AuthorizeInput,
): AuthorizeResult {
  const { org } = index
  if (
    (input.orgId && input.orgId !== org.id) ||
    (input.orgName && input.orgName !== org.name) ||
    !index.evaluator.world.members.has(actor.userId)
  ) {
    throw new AppError('ORG_NOT_FOUND')
  }
  // Keys belong to people and tokens to service accounts (authenticateSecret holds to it).
  const kind = credentialKind === 'api_key' ? 'user' : 'service_account'
  return decide(index, actor, credentialKind, kind, input)
}

function decide(
  index: OrgIndex,
  actor: Actor,
  credentialKind: AuthorizePrincipal['credentialKind'],
  kind: UserKind,
  input: AuthorizeInput,
): AuthorizeResult {
  const ev = index.evaluator
  const results: AuthorizeDecision[] = []
  for (const check of input.checks) {
    const target = targetOf(index, check)
    if (input.explain === true) {
      const grants =
        target === undefined
          ? []
          : ev.explain(actor.userId, target).filter((g) => g.permission === check.permission)
      results.push({ allowed: grants.length > 0, grants })
    } else {
      const allowed = target !== undefined && ev.has(actor.userId, check.permission, target)
      results.push({ allowed })
    }
  }
  return {
    principal: {
      userId: actor.userId,
      kind,
      orgId: index.org.id,
      credentialKind,
      impersonatorId: actor.impersonatorId,
    },
    results,
  }
}

/**
 * The decision target of a check, or undefined when the object is not a live object of the org
 * (the check is then denied). Child objects live in the data plane: only their project can be
 * verified, and a project the data plane names must be one of this org's.
 */
function targetOf(index: OrgIndex, check: AuthorizeCheck): Target | undefined {
  const orgId = index.org.id
  const { objectType, objectId } = check
  const projectId = check.projectId ?? null
  if (objectType === 'organization' || isOrgPseudoType(objectType)) {
    return objectId === orgId ? { objectType, objectId } : undefined
  }
  if (objectType === 'project') {
    return index.projects.has(objectId) ? { objectType, objectId } : undefined
  }
  if (objectType === 'project_log') {
    // A project's log carries its project's id; naming another project is a contradiction.
    if (projectId !== null && projectId !== objectId) {
      return undefined
    }
    return index.projects.has(objectId) ? { objectType, objectId, projectId: objectId } : undefined
  }
  if (isProjectChildType(objectType)) {
    if (projectId === null) {
      return { objectType, objectId }
    }
    return index.projects.has(projectId) ? { objectType, objectId, projectId } : undefined
  }
  if (objectType === 'group') {
    return index.evaluator.world.groups.has(objectId) ? { objectType, objectId } : undefined
  }
  if (objectType === 'role') {
    return index.roles.has(objectId) ? { objectType, objectId } : undefined
  }
  return undefined
}
