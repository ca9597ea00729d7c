import { Evaluator } from '../../authz/evaluate.js'
import { buildWorld } from '../../authz/world.js'
import type { OrgIndex } from '../../cache/decision-cache.js'
import { AppError } from '../../errors.js'
import type { Organization } from '../../model/entities.js'
import type { Deps, Tx } from '../../ports.js'

/** Compiles everything a decision in `org` needs, as `tx` sees it. */
export async function compileOrgIndex(tx: Tx, org: Organization): Promise<OrgIndex> {
  const [members, groups, roles, acls, projects] = await Promise.all([
    tx.members.listByOrg(org.id),
    tx.groups.listAll(org.id),
    tx.roles.listAll(org.id),
    tx.acls.listAll(org.id),
    tx.projects.listLiveIds(org.id),
  ])
  const evaluator = new Evaluator(
    buildWorld({
      orgId: org.id,
      plan: org.plan,
      members: members.map((m) => m.userId),
      groups,
      roles,
      acls,
    }),
  )
  return {
    org,
    evaluator,
    projects: new Set(projects),
    roles: new Set(roles.filter((r) => r.orgId === org.id).map((r) => r.id)),
  }
}

/**
 * The org's index from the cache, else compiled in a read transaction of its own and cached
 * (unless the org changed meanwhile: see CacheTicket).
 * @throws ORG_NOT_FOUND
 */
export async function cachedOrgIndex(deps: Deps, orgId: string): Promise<OrgIndex> {
  const cache = deps.cache
  const hit = cache?.org(orgId)
  if (hit !== undefined) {
    return hit
  }
  const ticket = cache?.ticket() ?? 0
  const index = await deps.store.transaction(async (tx) => {
    const org = await tx.orgs.find(orgId)
    if (org === undefined) {
      throw new AppError('ORG_NOT_FOUND')
    }
    return compileOrgIndex(tx, org)
  })
  cache?.storeOrg(index, ticket)
  return index
}
