import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Organization, User } from '../../model/entities.js'
import type { Deps } from '../../ports.js'

export interface SelfView {
  readonly user: User
  /** The orgs the caller can act in, oldest membership first; one for a bound credential. */
  readonly organizations: Organization[]
}

/**
 * Who the caller is and where it can act (`POST /api/self/me`): the subject (the impersonated
 * user under impersonation) and its orgs, only the credential's own org for a bound credential.
 * @throws USER_NOT_FOUND
 */
export async function getSelf(deps: Deps, actor: Actor): Promise<SelfView> {
  return deps.store.transaction(async (tx) => {
    const user = await tx.users.find(actor.userId)
    if (user === undefined || user.deletedAt !== null) {
      throw new AppError('USER_NOT_FOUND')
    }
    const bound = actor.credential.orgId
    const memberships = (await tx.members.listByUser(actor.userId))
      .filter((m) => bound === null || m.orgId === bound)
      .sort((a, b) => a.createdAt - b.createdAt)
    const byId = new Map(
      (memberships.length === 0 ? [] : await tx.orgs.findMany(memberships.map((m) => m.orgId))).map(
        (org) => [org.id, org],
      ),
    )
    const organizations = memberships.flatMap((m) => {
      const org = byId.get(m.orgId)
      return org === undefined ? [] : [org]
    })
    return { user, organizations }
  })
}
