import type { Actor } from '../../actor.js'
import type { Deps, PageQuery, SearchQuery } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { type ApiKeyWithUser, withUsers } from './api-key-view.js'

export interface ListApiKeysInput extends OrgSelector, PageQuery, SearchQuery {
  readonly name?: string | undefined
}

/**
 * The caller's own unrevoked API keys in an org, newest first. Any credential may list its
 * user's keys; nobody sees another member's here (owners use the org inventory).
 * @throws ORG_NOT_FOUND, ORG_REQUIRED
 */
export async function listApiKeys(
  deps: Deps,
  actor: Actor,
  input: ListApiKeysInput = {},
): Promise<ApiKeyWithUser[]> {
  return runOperation(deps, actor, 'api_key.list', async (op) => {
    const org = await op.enterOrg(input)
    const keys = await op.tx.apiKeys.list({
      orgId: org.id,
      ownerId: actor.userId,
      name: input.name,
      search: input.search,
      limit: input.limit,
      startingAfter: input.startingAfter,
      endingBefore: input.endingBefore,
      ids: input.ids,
    })
    return withUsers(op.tx, keys)
  })
}
