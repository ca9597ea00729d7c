import type { Actor } from '../../actor.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { type ApiKeyWithUser, withUsers } from './api-key-view.js'
import { findVisibleApiKey } from './find-visible-api-key.js'

export interface GetApiKeyInput extends OrgSelector {
  readonly id: string
}

/**
 * One unrevoked API key: the caller's own, or any key of an org the caller owns.
 * @throws API_KEY_NOT_FOUND
 */
export async function getApiKey(
  deps: Deps,
  actor: Actor,
  input: GetApiKeyInput,
): Promise<ApiKeyWithUser> {
  return runOperation(deps, actor, 'api_key.get', async (op) => {
    const key = await findVisibleApiKey(op, input.id, input)
    const [pair] = await withUsers(op.tx, [key])
    return pair ?? { apiKey: key, user: null }
  })
}
