import { type ObjectType, PERMISSIONS, type Permission } from '../model/catalog.js'
import type { Acl } from '../model/entities.js'
import { ancestorsOf, type Target } from './target.js'
import type { AuthzWorld, PermissionGrant } from './world.js'

/** One reason a permission is held: the ACL, and the groups and roles it came through. */
export interface GrantSource {
  readonly permission: Permission
  readonly aclId: string
  /** Where the ACL sits (the target itself or an ancestor). */
  readonly aclObjectType: Acl['objectType']
  readonly aclObjectId: string
  /** Groups from the one the principal is directly in up to the one the ACL names; empty for a direct grant. */
  readonly groupPath: readonly string[]
  /** Roles from the one the ACL names down to the one holding the permission; empty for a direct permission. */
  readonly rolePath: readonly string[]
  readonly restrictObjectType: Acl['restrictObjectType']
}

/** The ACLs on one object: all of them (explanations), and by whom they name (decisions). */
interface ObjectAcls {
  readonly all: Acl[]
  /** Made when the first such ACL arrives: most objects carry few ACLs. */
  byUser: Map<string, Acl[]> | undefined
  byGroup: Map<string, Acl[]> | undefined
}

interface RoleGrant extends PermissionGrant {
  readonly rolePath: readonly string[]
}

/**
 * Answers "what may this principal do on this object" over one {@link AuthzWorld}. Grants are
 * additive: an ACL on the target or an ancestor, naming the principal or a group that
 * (transitively) contains it, with a permission or a role that (transitively) holds it, and a
 * `restrict_object_type` that is empty or equal to the target's type. Non-members hold nothing.
 * Memoizes per principal and per role, so build one per world.
 */
export class Evaluator {
  readonly world: AuthzWorld
  /** By object type, then object id: no key string is built per lookup. */
  readonly #aclsByObject = new Map<string, Map<string, ObjectAcls>>()
  readonly #groupsByUser = new Map<string, string[]>()
  readonly #parentsByGroup = new Map<string, string[]>()
  readonly #userGroupPaths = new Map<string, ReadonlyMap<string, readonly string[]>>()
  readonly #roleGrants = new Map<string, readonly RoleGrant[]>()

  constructor(world: AuthzWorld) {
    this.world = world
    for (const acl of world.acls) {
      let byId = this.#aclsByObject.get(acl.objectType)
      if (byId === undefined) {
        byId = new Map()
        this.#aclsByObject.set(acl.objectType, byId)
      }
      let onObject = byId.get(acl.objectId)
      if (onObject === undefined) {
        onObject = { all: [], byUser: undefined, byGroup: undefined }
        byId.set(acl.objectId, onObject)
      }
      onObject.all.push(acl)
      if (acl.userId !== null) {
        onObject.byUser ??= new Map()
        push(onObject.byUser, acl.userId, acl)
      } else if (acl.groupId !== null) {
        onObject.byGroup ??= new Map()
        push(onObject.byGroup, acl.groupId, acl)
      }
    }
    for (const group of world.groups.values()) {
      for (const userId of group.memberUsers) {
        push(this.#groupsByUser, userId, group.id)
      }
      for (const child of group.memberGroups) {
        push(this.#parentsByGroup, child, group.id)
      }
    }
  }

  #aclsOn(objectType: string, objectId: string): ObjectAcls | undefined {
    return this.#aclsByObject.get(objectType)?.get(objectId)
  }

  /** Every group that contains the user, each with the path from a direct group up to it. */
  groupPaths(userId: string): ReadonlyMap<string, readonly string[]> {
    const cached = this.#userGroupPaths.get(userId)
    if (cached !== undefined) {
      return cached
    }
    const paths = new Map<string, readonly string[]>()
    const queue: string[] = []
    for (const groupId of this.#groupsByUser.get(userId) ?? []) {
      if (!paths.has(groupId)) {
        paths.set(groupId, [groupId])
        queue.push(groupId)
      }
    }
    // Breadth first, so each group keeps its shortest path; `paths` doubles as the visited set.
    for (let i = 0; i < queue.length; i++) {
      const groupId = queue[i] as string
      const path = paths.get(groupId) ?? []
      for (const parent of this.#parentsByGroup.get(groupId) ?? []) {
        if (!paths.has(parent)) {
          paths.set(parent, [...path, parent])
          queue.push(parent)
        }
      }
    }
    this.#userGroupPaths.set(userId, paths)
    return paths
  }

  /** The permissions a role holds, through its inherited roles too. */
  roleGrants(roleId: string): readonly RoleGrant[] {
    const cached = this.#roleGrants.get(roleId)
    if (cached !== undefined) {
      return cached
    }
    const grants: RoleGrant[] = []
    const seen = new Set<string>([roleId])
    const queue: (readonly string[])[] = [[roleId]]
    for (let i = 0; i < queue.length; i++) {
      const rolePath = queue[i] as readonly string[]
      const role = this.world.roles.get(rolePath[rolePath.length - 1] as string)
      if (role === undefined) {
        continue
      }
      for (const grant of role.memberPermissions) {
        grants.push({ ...grant, rolePath })
      }
      for (const inherited of role.memberRoles) {
        if (!seen.has(inherited)) {
          seen.add(inherited)
          queue.push([...rolePath, inherited])
        }
      }
    }
    this.#roleGrants.set(roleId, grants)
    return grants
  }

  /**
   * Every grant that reaches `target` for `userId`, with where it came from. `asType` evaluates
   * restrictions as if the object were of another type: "may act on the datasets under this
   * project" is `explain(user, project, 'dataset')`.
   */
  explain(userId: string, target: Target, asType: ObjectType = target.objectType): GrantSource[] {
    if (!this.world.members.has(userId)) {
      return []
    }
    const groups = this.groupPaths(userId)
    const sources: GrantSource[] = []
    for (const ref of ancestorsOf(this.world.orgId, target)) {
      for (const acl of this.#aclsOn(ref.objectType, ref.objectId)?.all ?? []) {
        let groupPath: readonly string[]
        if (acl.userId !== null) {
          if (acl.userId !== userId) {
            continue
          }
          groupPath = []
        } else {
          const path = acl.groupId === null ? undefined : groups.get(acl.groupId)
          if (path === undefined) {
            continue
          }
          groupPath = path
        }
        const base = {
          aclId: acl.id,
          aclObjectType: acl.objectType,
          aclObjectId: acl.objectId,
          groupPath,
        }
        if (acl.permission !== null) {
          if (applies(acl.restrictObjectType, asType)) {
            sources.push({
              ...base,
              permission: acl.permission,
              rolePath: [],
              restrictObjectType: acl.restrictObjectType,
            })
          }
        } else if (acl.roleId !== null && this.world.roles.has(acl.roleId)) {
          for (const grant of this.roleGrants(acl.roleId)) {
            if (applies(grant.restrictObjectType, asType)) {
              sources.push({
                ...base,
                permission: grant.permission,
                rolePath: grant.rolePath,
                restrictObjectType: grant.restrictObjectType,
              })
            }
          }
        }
      }
    }
    return sources
  }

  /**
   * Whether `userId` holds `permission` on `target`: the decision path's question. Same rules
   * as {@link explain}, but stops at the first grant and builds no explanation.
   */
  has(userId: string, permission: Permission, target: Target): boolean {
    if (!this.world.members.has(userId)) {
      return false
    }
    const asType = target.objectType
    let groups: ReadonlyMap<string, readonly string[]> | undefined
    // Only the ACLs that name the user or one of its groups are read, however many an object
    // carries: the cost follows the user's groups, not the org's size.
    for (const ref of ancestorsOf(this.world.orgId, target)) {
      const onObject = this.#aclsOn(ref.objectType, ref.objectId)
      if (onObject === undefined) {
        continue
      }
      const direct = onObject.byUser?.get(userId)
      if (direct !== undefined && this.#grantsAny(direct, permission, asType)) {
        return true
      }
      const byGroup = onObject.byGroup
      if (byGroup === undefined) {
        continue
      }
      groups ??= this.groupPaths(userId)
      if (groups.size <= byGroup.size) {
        for (const groupId of groups.keys()) {
          const acls = byGroup.get(groupId)
          if (acls !== undefined && this.#grantsAny(acls, permission, asType)) {
            return true
          }
        }
      } else {
        for (const [groupId, acls] of byGroup) {
          if (groups.has(groupId) && this.#grantsAny(acls, permission, asType)) {
            return true
          }
        }
      }
    }
    return false
  }

  /** Whether any of these ACLs (already known to reach the principal) gives `permission`. */
  #grantsAny(acls: readonly Acl[], permission: Permission, asType: ObjectType): boolean {
    for (const acl of acls) {
      if (acl.permission !== null) {
        if (acl.permission === permission && applies(acl.restrictObjectType, asType)) {
          return true
        }
      } else if (acl.roleId !== null && this.world.roles.has(acl.roleId)) {
        for (const grant of this.roleGrants(acl.roleId)) {
          if (grant.permission === permission && applies(grant.restrictObjectType, asType)) {
            return true
          }
        }
      }
    }
    return false
  }

  /** The set of permissions `userId` holds on `target`. */
  effective(userId: string, target: Target, asType?: ObjectType): Set<Permission> {
    const held = new Set<Permission>()
    for (const source of this.explain(userId, target, asType)) {
      held.add(source.permission)
    }
    return held
  }

  /** Holds every permission on the organization: what "owner" means in the rules. */
  isOwner(userId: string): boolean {
    const held = this.effective(userId, { objectType: 'organization', objectId: this.world.orgId })
    return PERMISSIONS.every((p) => held.has(p))
  }
}

function applies(restrict: Acl['restrictObjectType'], objectType: ObjectType): boolean {
  return restrict === null || restrict === objectType
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key)
  if (list === undefined) {
    map.set(key, [value])
  } else {
    list.push(value)
  }
}

/** The permissions `userId` holds on `target` in `world`. */
export function effective(world: AuthzWorld, userId: string, target: Target): Set<Permission> {
  return new Evaluator(world).effective(userId, target)
}

/** The grants that give `userId` each permission on `target` in `world`. */
export function explain(world: AuthzWorld, userId: string, target: Target): GrantSource[] {
  return new Evaluator(world).explain(userId, target)
}
