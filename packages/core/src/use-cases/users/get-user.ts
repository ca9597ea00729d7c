import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { User } from '../../model/entities.js'
import type { Deps } from '../../ports.js'

export interface GetUserInput {
  readonly userId: string
}

/**
 * A user (or service account) who shares an org with the caller, within the org its credential
 * is bound to; the caller itself always. Anyone else does not exist for the caller.
 * @throws USER_NOT_FOUND
 */
export async function getUser(deps: Deps, actor: Actor, input: GetUserInput): Promise<User> {
  return deps.store.transaction(async (tx) => {
    const user = await tx.users.find(input.userId)
    if (user === undefined || user.deletedAt !== null) {
      throw new AppError('USER_NOT_FOUND')
    }
    if (user.id === actor.userId) {
      return user
    }
    const bound = actor.credential.orgId
    const mine = (await tx.members.listByUser(actor.userId))
      .map((m) => m.orgId)
      .filter((orgId) => bound === null || orgId === bound)
    for (const orgId of mine) {
      if ((await tx.members.find(orgId, user.id)) !== undefined) {
        return user
      }
    }
    throw new AppError('USER_NOT_FOUND')
  })
}
