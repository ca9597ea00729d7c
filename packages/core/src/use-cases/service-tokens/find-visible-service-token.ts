import { AppError } from '../../errors.js'
import type { ServiceToken } from '../../model/entities.js'
import { enterCredentialOrg } from '../api-keys/enter-credential-org.js'
import type { Operation, OrgSelector } from '../operation.js'

/**
 * Loads an unrevoked service token for an owner of its org, entering that org. Another org's
 * token does not exist for the caller; a member who is not an owner is refused.
 * @throws SERVICE_TOKEN_NOT_FOUND, OWNER_REQUIRED
 */
export async function findVisibleServiceToken(
  op: Operation,
  id: string,
  selector: OrgSelector,
): Promise<ServiceToken> {
  const token = await op.tx.serviceTokens.find(id)
  if (token === undefined || token.revokedAt !== null) {
    throw new AppError('SERVICE_TOKEN_NOT_FOUND')
  }
  await enterCredentialOrg(op, token.orgId, selector, 'SERVICE_TOKEN_NOT_FOUND')
  op.requireOwner()
  return token
}
