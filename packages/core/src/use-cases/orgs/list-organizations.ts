import type { Actor } from '../../actor.js'
import type { Organization } from '../../model/entities.js'
import type { Deps, PageQuery } from '../../ports.js'
import { paginate } from '../paginate.js'

export interface ListOrganizationsInput extends PageQuery {
  /** Only the organization of this exact name. */
  readonly name?: string | undefined
}

/**
 * The organizations the caller is a member of, newest first. A credential bound to one org
 * (API key, service token) sees only that one.
 */
export async function listOrganizations(
  deps: Deps,
  actor: Actor,
  input: ListOrganizationsInput = {},
): Promise<Organization[]> {
  return deps.store.transaction(async (tx) => {
    const memberships = await tx.members.listByUser(actor.userId)
    const bound = actor.credential.orgId
    const ids = memberships.map((m) => m.orgId).filter((orgId) => bound === null || orgId === bound)
    const orgs = ids.length === 0 ? [] : await tx.orgs.findMany(ids)
    const named = input.name === undefined ? orgs : orgs.filter((o) => o.name === input.name)
    return paginate(named, input)
  })
}
