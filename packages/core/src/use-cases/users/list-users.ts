import type { Actor } from '../../actor.js'
import type { User } from '../../model/entities.js'
import type { Deps, PageQuery } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { pageOf } from '../orgs/paginate.js'

export interface ListUsersInput extends OrgSelector, PageQuery {
  /** Any of these addresses (compared lower-cased). */
  readonly emails?: readonly string[] | undefined
  readonly givenName?: string | undefined
  readonly familyName?: string | undefined
  /** People or service accounts only; both when left out. */
  readonly kind?: User['kind'] | undefined
}

/**
 * The members of the caller's org, newest first. Any member may list them.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED
 */
export async function listUsers(
  deps: Deps,
  actor: Actor,
  input: ListUsersInput = {},
): Promise<User[]> {
  return runOperation(deps, actor, 'user.list', async (op) => {
    const org = await op.enterOrg(input)
    return op.tx.users.list({
      ...pageOf(input),
      orgId: org.id,
      emails: input.emails?.map((e) => e.trim().toLowerCase()),
      givenName: input.givenName,
      familyName: input.familyName,
      kind: input.kind,
    })
  })
}
