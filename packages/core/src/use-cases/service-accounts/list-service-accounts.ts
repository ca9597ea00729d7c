import type { Actor } from '../../actor.js'
import type { User } from '../../model/entities.js'
import type { Deps, PageQuery, SearchQuery } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'

export interface ListServiceAccountsInput extends OrgSelector, PageQuery, SearchQuery {
  /** Matches the service account's name. */
  readonly name?: string | undefined
}

/**
 * The org's live service accounts, newest first. Owners only.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, OWNER_REQUIRED
 */
export async function listServiceAccounts(
  deps: Deps,
  actor: Actor,
  input: ListServiceAccountsInput = {},
): Promise<User[]> {
  return runOperation(deps, actor, 'service_account.list', async (op) => {
    const org = await op.enterOrg(input)
    op.requireOwner()
    const users = await op.tx.users.list({
      orgId: org.id,
      kind: 'service_account',
      givenName: input.name,
      search: input.search,
      limit: input.limit,
      startingAfter: input.startingAfter,
      endingBefore: input.endingBefore,
      ids: input.ids,
    })
    // The member list is the truth; this guards against a store that lists beyond it.
    return users.filter(
      (u) =>
        u.kind === 'service_account' && u.deletedAt === null && u.serviceAccountOrgId === org.id,
    )
  })
}
