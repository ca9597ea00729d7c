import { AppError } from '../../errors.js'
import type { ApiKey } from '../../model/entities.js'
import type { Operation, OrgSelector } from '../operation.js'
import { enterCredentialOrg } from './enter-credential-org.js'

/**
 * Loads an unrevoked API key the caller may see: its own, or any key of an org it owns. Anything
 * else does not exist for the caller. Enters the key's org.
 * @throws API_KEY_NOT_FOUND
 */
export async function findVisibleApiKey(
  op: Operation,
  id: string,
  selector: OrgSelector,
): Promise<ApiKey> {
  const key = await op.tx.apiKeys.find(id)
  if (key === undefined || key.revokedAt !== null) {
    throw new AppError('API_KEY_NOT_FOUND')
  }
  await enterCredentialOrg(op, key.orgId, selector, 'API_KEY_NOT_FOUND')
  if (key.userId !== op.actor.userId && !op.ev.isOwner(op.actor.userId)) {
    throw new AppError('API_KEY_NOT_FOUND')
  }
  return key
}
