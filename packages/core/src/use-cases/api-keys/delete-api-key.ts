import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { type ApiKeyWithUser, apiKeyAuditView, withUsers } from './api-key-view.js'
import { findVisibleApiKey } from './find-visible-api-key.js'

export interface DeleteApiKeyInput extends OrgSelector {
  readonly id: string
}

/**
 * Revokes an API key (the caller's own, or any key of an org the caller owns) and returns it as
 * revoked. Revoking is not minting: any credential of the key's user may do it.
 * @throws API_KEY_NOT_FOUND
 */
export async function deleteApiKey(
  deps: Deps,
  actor: Actor,
  input: DeleteApiKeyInput,
): Promise<ApiKeyWithUser> {
  return runOperation(deps, actor, 'api_key.delete', async (op) => {
    const before = await findVisibleApiKey(op, input.id, input)
    await op.tx.apiKeys.revoke(before.id, op.now())
    const after = await op.tx.apiKeys.find(before.id)
    if (after === undefined) {
      throw new AppError('API_KEY_NOT_FOUND')
    }
    await op.changedAuthz()
    await op.record({
      objectType: 'api_key',
      objectId: after.id,
      before: apiKeyAuditView(before),
      after: apiKeyAuditView(after),
    })
    const [pair] = await withUsers(op.tx, [after])
    return pair ?? { apiKey: after, user: null }
  })
}
