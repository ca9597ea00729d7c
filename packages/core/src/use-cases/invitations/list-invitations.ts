import type { Actor } from '../../actor.js'
import type { Invitation } from '../../model/entities.js'
import type { Deps, PageQuery, SearchQuery } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { pageOf } from '../paginate.js'

/** `search` matches the invited email. */
export interface ListInvitationsInput extends OrgSelector, PageQuery, SearchQuery {}

/**
 * The org's pending invitations (not accepted, revoked or expired), newest first. Needs `read`
 * on the member list. Tokens are never stored, so none is returned.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, PERMISSION_DENIED
 */
export async function listInvitations(
  deps: Deps,
  actor: Actor,
  input: ListInvitationsInput = {},
): Promise<Invitation[]> {
  return runOperation(deps, actor, 'invitation.list', async (op) => {
    const org = await op.enterOrg(input)
    op.require('read', { objectType: 'org_member', objectId: org.id })
    return op.tx.invitations.list({
      ...pageOf(input),
      orgId: org.id,
      now: op.now(),
      search: input.search,
    })
  })
}
