import type { Actor } from '../../actor.js'
import type { Deps, PageQuery, SearchQuery } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { type ServiceTokenWithAccount, withServiceAccounts } from './service-token-view.js'

export interface ListServiceTokensInput extends OrgSelector, PageQuery, SearchQuery {
  readonly name?: string | undefined
  /** Only this service account's tokens. */
  readonly serviceAccountId?: string | undefined
  /** Revoked tokens too (inventory views). */
  readonly includeRevoked?: boolean | undefined
}

/**
 * The org's service tokens with their service accounts, newest first. Owners only.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, OWNER_REQUIRED
 */
export async function listServiceTokens(
  deps: Deps,
  actor: Actor,
  input: ListServiceTokensInput = {},
): Promise<ServiceTokenWithAccount[]> {
  return runOperation(deps, actor, 'service_token.list', async (op) => {
    const org = await op.enterOrg(input)
    op.requireOwner()
    const tokens = await op.tx.serviceTokens.list({
      orgId: org.id,
      ownerId: input.serviceAccountId,
      name: input.name,
      search: input.search,
      includeRevoked: input.includeRevoked,
      limit: input.limit,
      startingAfter: input.startingAfter,
      endingBefore: input.endingBefore,
      ids: input.ids,
    })
    return withServiceAccounts(op.tx, tokens)
  })
}
