import type { Actor } from '../../actor.js'
import type { Deps, PageQuery, SearchQuery } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { type ApiKeyWithUser, withUsers } from './api-key-view.js'

export interface ListOrgApiKeysInput extends OrgSelector, PageQuery, SearchQuery {
  readonly name?: string | undefined
  /** Only this member's keys. */
  readonly userId?: string | undefined
}

/**
 * The org-wide API key inventory for owners: every key of every member, revoked ones included,
 * newest first, so an owner can find and revoke what a departing member left behind.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, OWNER_ONLY_KEY_INVENTORY
 */
export async function listOrgApiKeys(
  deps: Deps,
  actor: Actor,
  input: ListOrgApiKeysInput = {},
): Promise<ApiKeyWithUser[]> {
  return runOperation(deps, actor, 'api_key.list_org', async (op) => {
    const org = await op.enterOrg(input)
    op.requireOwner('OWNER_ONLY_KEY_INVENTORY')
    const keys = await op.tx.apiKeys.list({
      orgId: org.id,
      ownerId: input.userId,
      name: input.name,
      search: input.search,
      includeRevoked: true,
      limit: input.limit,
      startingAfter: input.startingAfter,
      endingBefore: input.endingBefore,
      ids: input.ids,
    })
    return withUsers(op.tx, keys)
  })
}
