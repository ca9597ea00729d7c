import type { Actor } from '../actor.js'
import { AppError } from '../errors.js'

/**
 * Whether `actor` may act as a user who belongs to `targetOrgIds`: never nested, the target in at
 * least one org, the caller Owner of every one of them. Unknown targets get the same refusal, so
 * the header cannot probe for users.
 * @throws IMPERSONATION_NESTED, IMPERSONATION_NOT_ALLOWED
 */
export function assertMayImpersonate(
  actor: Actor,
  targetOrgIds: readonly string[] | undefined,
  callerIsOwnerOf: (orgId: string) => boolean,
): void {
  if (actor.impersonatorId !== null) {
    throw new AppError('IMPERSONATION_NESTED')
  }
  if (targetOrgIds === undefined || targetOrgIds.length === 0) {
    throw new AppError('IMPERSONATION_NOT_ALLOWED')
  }
  if (!targetOrgIds.every(callerIsOwnerOf)) {
    throw new AppError('IMPERSONATION_NOT_ALLOWED')
  }
}

/** @throws IMPERSONATION_CANNOT_CHANGE_IDENTITY */
export function assertMayChangeIdentity(actor: Actor): void {
  if (actor.impersonatorId !== null) {
    throw new AppError('IMPERSONATION_CANNOT_CHANGE_IDENTITY')
  }
}
