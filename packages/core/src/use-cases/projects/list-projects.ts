import type { Actor } from '../../actor.js'
import type { Project } from '../../model/entities.js'
import type { Deps, PageQuery, SearchQuery } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { paginate } from '../paginate.js'

export interface ListProjectsInput extends OrgSelector, PageQuery, SearchQuery {
  /** Only the project of this exact name. */
  readonly name?: string | undefined
}

/**
 * The live projects of the org that the caller may read, newest first. Paging applies after
 * the filter, so a page is never short because of projects the caller cannot see.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED
 */
export async function listProjects(
  deps: Deps,
  actor: Actor,
  input: ListProjectsInput = {},
): Promise<Project[]> {
  return runOperation(deps, actor, 'project.list', async (op) => {
    const org = await op.enterOrg(input)
    const all = await op.tx.projects.list({
      orgId: org.id,
      name: input.name,
      search: input.search,
    })
    const readable = all.filter(
      (p) => p.deletedAt === null && op.held({ objectType: 'project', objectId: p.id }).has('read'),
    )
    return paginate(readable, input, all)
  })
}
