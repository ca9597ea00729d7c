import type { Actor } from '../../actor.js'
import type { Role } from '../../model/entities.js'
import type { Deps, PageQuery, SearchQuery } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { isSystemRole, roleTarget } from './role-changes.js'

export interface ListRolesInput extends OrgSelector, PageQuery, SearchQuery {
  readonly name?: string | undefined
}

/**
 * The system roles and the org's roles that the caller may read, newest first. The limit applies
 * after the filter, so a page is never short because of roles the caller cannot see.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED
 */
export async function listRoles(
  deps: Deps,
  actor: Actor,
  input: ListRolesInput = {},
): Promise<Role[]> {
  return runOperation(deps, actor, 'role.list', async (op) => {
    const org = await op.enterOrg(input)
    const roles = await op.tx.roles.list({
      orgId: org.id,
      name: input.name,
      search: input.search,
      startingAfter: input.startingAfter,
      endingBefore: input.endingBefore,
      ids: input.ids,
    })
    const readable = roles.filter((r) => isSystemRole(r) || op.held(roleTarget(r.id)).has('read'))
    return input.limit === undefined ? readable : readable.slice(0, input.limit)
  })
}
