import { Evaluator } from '../../authz/evaluate.js'
import { buildWorld } from '../../authz/world.js'
import { AppError } from '../../errors.js'
import type { Organization } from '../../model/entities.js'
import type { Deps, OrgIndex, Tx } from '../../ports.js'
import { readAuthzRows } from '../operation.js'

/** Compiles everything a decision in `org` needs, as `tx` sees it. */
export async function compileOrgIndex(tx: Tx, org: Organization): Promise<OrgIndex> {
  const [{ members, groups, roles, acls }, projects] = await Promise.all([
    readAuthzRows(tx, org.id),
    tx.projects.listLiveIds(org.id),
  ])
  // Every row brings its own copy of each id; an org's index lives long, so it keeps one copy
  // of each (the same user id appears in memberships, groups and ACLs).
  const ids = new Map<string, string>()
  const one = <T extends string | null>(id: T): T => {
    if (id === null) {
      return id
    }
    const known = ids.get(id)
    if (known !== undefined) {
      return known as T
    }
    ids.set(id, id)
    return id
  }
  const evaluator = new Evaluator(
    buildWorld({
      orgId: org.id,
      plan: org.plan,
      members: members.map(one),
      groups: groups.map((g) => ({
        id: one(g.id),
        memberUsers: g.memberUsers.map(one),
        memberGroups: g.memberGroups.map(one),
      })),
      roles: roles.map((r) => ({
        id: one(r.id),
        memberPermissions: r.memberPermissions,
        memberRoles: r.memberRoles.map(one),
      })),
      acls: acls.map((a) => ({
        ...a,
        orgId: one(a.orgId),
        objectId: one(a.objectId),
        userId: one(a.userId),
        groupId: one(a.groupId),
        roleId: one(a.roleId),
      })),
    }),
  )
  return {
    org,
    evaluator,
    projects: new Set(projects.map(one)),
    roles: new Set(roles.filter((r) => r.orgId === org.id).map((r) => r.id)),
  }
}

/**
 * After a cache miss: the org's index compiled in a read transaction of its own and cached (one
 * compilation for concurrent misses; not cached if the org changed meanwhile).
 * @throws ORG_NOT_FOUND
 */
export function loadOrgIndex(deps: Deps, orgId: string): Promise<OrgIndex> {
  const compile = () =>
    deps.store.transaction(async (tx) => {
      const org = await tx.orgs.find(orgId)
      if (org === undefined) {
        throw new AppError('ORG_NOT_FOUND')
      }
      return compileOrgIndex(tx, org)
    })
  return deps.cache === undefined ? compile() : deps.cache.fill(orgId, compile)
}

/**
 * An index over the world a transaction already loaded (`evaluator`): only the live projects
 * and the org's own roles are read.
 */
export async function indexOver(
  tx: Tx,
  org: Organization,
  evaluator: Evaluator,
): Promise<OrgIndex> {
  const [projects, roles] = await Promise.all([
    tx.projects.listLiveIds(org.id),
    tx.roles.listAll(org.id),
  ])
  return {
    org,
    evaluator,
    projects: new Set(projects),
    roles: new Set(roles.filter((r) => r.orgId === org.id).map((r) => r.id)),
  }
}
