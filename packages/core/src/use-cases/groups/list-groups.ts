import type { Actor } from '../../actor.js'
import type { Group } from '../../model/entities.js'
import type { Deps, PageQuery, SearchQuery } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { mayReadGroup } from './group-changes.js'

export interface ListGroupsInput extends OrgSelector, PageQuery, SearchQuery {
  readonly name?: string | undefined
}

/**
 * The groups of the caller's org that it may read (or is in), newest first. The limit applies after the
 * filter, so a page is never short because of groups the caller cannot see.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED
 */
export async function listGroups(
  deps: Deps,
  actor: Actor,
  input: ListGroupsInput = {},
): Promise<Group[]> {
  return runOperation(deps, actor, 'group.list', async (op) => {
    const org = await op.enterOrg(input)
    const groups = await op.tx.groups.list({
      orgId: org.id,
      name: input.name,
      search: input.search,
      startingAfter: input.startingAfter,
      endingBefore: input.endingBefore,
      ids: input.ids,
    })
    const readable = groups.filter((g) => mayReadGroup(op, g.id))
    return input.limit === undefined ? readable : readable.slice(0, input.limit)
  })
}
