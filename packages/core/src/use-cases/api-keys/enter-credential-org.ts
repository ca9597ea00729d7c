import { AppError, type ErrorCode, isAppError } from '../../errors.js'
import type { Organization } from '../../model/entities.js'
import type { Operation, OrgSelector } from '../operation.js'

/**
 * Enters the org a credential (or service account) belongs to, for a caller that named it by
 * id. An org the caller cannot enter, or one other than the org it named, makes the object not
 * exist for it: tenants never learn of each other's keys.
 * @throws the given not-found code
 */
export async function enterCredentialOrg(
  op: Operation,
  orgId: string,
  selector: OrgSelector,
  notFound: ErrorCode,
): Promise<Organization> {
  if (selector.orgId && selector.orgId !== orgId) {
    throw new AppError(notFound)
  }
  let org: Organization
  try {
    org = await op.enterOrg({ orgId })
  } catch (err) {
    if (isAppError(err, 'ORG_NOT_FOUND') || isAppError(err, 'ORG_REQUIRED')) {
      throw new AppError(notFound)
    }
    throw err
  }
  if (selector.orgName && selector.orgName !== org.name) {
    throw new AppError(notFound)
  }
  return org
}
