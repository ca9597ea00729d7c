import { AppError, type ErrorCode, isAppError } from '../errors.js'
import type { Organization } from '../model/entities.js'
import type { Operation, OrgSelector } from './operation.js'

/**
 * Enters the org the caller names, or else the org that owns the object the request addresses:
 * a session may span several orgs, and an object's id already says which one is meant (the
 * reference API has no org parameter on such routes). A credential bound to one org acts only
 * there, as always. An org the caller may not act in hides the object: `notFound`, the same
 * answer as for an id that was never used.
 * @param owningOrgId the object's org; null when it belongs to none or storage cannot tell (a
 *   system role, a data-plane object): the caller's usual org; undefined when no such object is
 *   stored
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, the given not-found code
 */
export async function enterOwningOrg(
  op: Operation,
  selector: OrgSelector,
  owningOrgId: string | null | undefined,
  notFound: ErrorCode,
): Promise<Organization> {
  const named = Boolean(selector.orgId) || Boolean(selector.orgName)
  if (named || op.actor.credential.orgId !== null || owningOrgId === null) {
    return op.enterOrg(selector)
  }
  if (owningOrgId === undefined) {
    throw new AppError(notFound)
  }
  try {
    return await op.enterOrg({ orgId: owningOrgId })
  } catch (err) {
    if (isAppError(err, 'ORG_NOT_FOUND')) {
      throw new AppError(notFound)
    }
    throw err
  }
}
