import type { Actor } from '../../actor.js'
import type { User } from '../../model/entities.js'
import type { Deps, PageQuery, SearchQuery } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { pageOf } from '../paginate.js'

export interface ListUsersInput extends OrgSelector, PageQuery, SearchQuery {
  /** Any of these addresses (compared lower-cased). */
  readonly emails?: readonly string[] | undefined
  readonly givenName?: string | undefined
  readonly familyName?: string | undefined
  /** People or service accounts only; both when left out. */
  readonly kind?: User['kind'] | undefined
}

/** A member as the list shows them: with when they last used a browser session. */
export interface ListedUser extends User {
  /** The latest lastSeenAt of any of their sessions (revoked ones too); null when none. */
  readonly lastActiveAt: number | null
}

/**
 * The members of the caller's org, newest first, with when each was last active in a session.
 * Any member may list them.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED
 */
export async function listUsers(
  deps: Deps,
  actor: Actor,
  input: ListUsersInput = {},
): Promise<ListedUser[]> {
  return runOperation(deps, actor, 'user.list', async (op) => {
    const org = await op.enterOrg(input)
    const users = await op.tx.users.list({
      ...pageOf(input),
      orgId: org.id,
      emails: input.emails?.map((e) => e.trim().toLowerCase()),
      givenName: input.givenName,
      familyName: input.familyName,
      kind: input.kind,
      search: input.search,
    })
    // One query for the page rather than one per member.
    const seen = await op.tx.sessions.lastSeenByUsers(users.map((u) => u.id))
    return users.map((u) => ({ ...u, lastActiveAt: seen.get(u.id) ?? null }))
  })
}
