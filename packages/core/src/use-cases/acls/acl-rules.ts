import type { Target } from '../../authz/target.js'
import { AppError, type ErrorCode } from '../../errors.js'
import {
  isObjectType,
  isOrgPseudoType,
  isPermission,
  isProjectChildType,
  type ObjectType,
  type Permission,
} from '../../model/catalog.js'
import type { Acl, AclItem, Organization } from '../../model/entities.js'
import { assertWithinCeiling, conferralsOfAcl } from '../../policies/grant-ceiling.js'
import { assertKeepsOwner } from '../../policies/last-owner.js'
import { assertPlanAllows } from '../../policies/plans.js'
import { enterOwningOrg } from '../enter-owning-org.js'
import type { Operation, OrgSelector } from '../operation.js'

/** An ACL as callers send it: absent and null mean the same. */
export interface AclItemInput {
  readonly objectType: ObjectType
  readonly objectId: string
  readonly userId?: string | null | undefined
  readonly groupId?: string | null | undefined
  readonly permission?: Permission | null | undefined
  readonly roleId?: string | null | undefined
  readonly restrictObjectType?: ObjectType | null | undefined
}

/**
 * Checks the shape of an ACL: exactly one subject, exactly one grant, and a type restriction
 * only on a direct permission. Values are checked too, since they may come from the CLI.
 * @throws VALIDATION_FAILED, ACL_SUBJECT_INVALID, ACL_GRANT_INVALID, ACL_RESTRICT_WITH_ROLE
 */
export function aclItem(input: AclItemInput): AclItem {
  const item: AclItem = {
    objectType: input.objectType,
    objectId: input.objectId,
    userId: input.userId ?? null,
    groupId: input.groupId ?? null,
    permission: input.permission ?? null,
    roleId: input.roleId ?? null,
    restrictObjectType: input.restrictObjectType ?? null,
  }
  if (!isObjectType(item.objectType)) {
    throw new AppError('VALIDATION_FAILED', { field: 'object_type' })
  }
  if (item.objectId.length === 0) {
    throw new AppError('VALIDATION_FAILED', { field: 'object_id' })
  }
  if ((item.userId === null) === (item.groupId === null)) {
    throw new AppError('ACL_SUBJECT_INVALID')
  }
  if ((item.permission === null) === (item.roleId === null)) {
    throw new AppError('ACL_GRANT_INVALID')
  }
  if (item.permission !== null && !isPermission(item.permission)) {
    throw new AppError('VALIDATION_FAILED', { field: 'permission' })
  }
  if (item.restrictObjectType !== null) {
    if (item.roleId !== null) {
      throw new AppError('ACL_RESTRICT_WITH_ROLE')
    }
    if (!isObjectType(item.restrictObjectType)) {
      throw new AppError('VALIDATION_FAILED', { field: 'restrict_object_type' })
    }
  }
  return item
}

/** Equal for ACLs with the same content (the create/delete-by-content key). */
export function aclContentKey(item: AclItem): string {
  return JSON.stringify([
    item.objectType,
    item.objectId,
    item.userId,
    item.groupId,
    item.permission,
    item.roleId,
    item.restrictObjectType,
  ])
}

/** What a caller who cannot see the object is told. */
export function notFoundCodeOf(objectType: ObjectType): ErrorCode {
  switch (objectType) {
    case 'project':
    case 'project_log':
      return 'PROJECT_NOT_FOUND'
    case 'group':
      return 'GROUP_NOT_FOUND'
    case 'role':
      return 'ROLE_NOT_FOUND'
    case 'experiment':
    case 'dataset':
    case 'prompt':
    case 'prompt_session':
      return 'OBJECT_NOT_FOUND'
    default:
      return 'ORG_NOT_FOUND'
  }
}

/**
 * The org that owns an object (see {@link enterOwningOrg}): the org and its pseudo-objects carry
 * the org's id, and projects, groups and org roles know their org; undefined when no such object
 * is stored. Child objects live in the data plane and system roles belong to no org: null.
 */
async function owningOrgOf(
  op: Operation,
  objectType: ObjectType,
  objectId: string,
): Promise<string | null | undefined> {
  if (objectType === 'organization' || isOrgPseudoType(objectType)) {
    return objectId
  }
  if (objectType === 'project' || objectType === 'project_log') {
    return (await op.tx.projects.find(objectId))?.orgId
  }
  if (objectType === 'group') {
    return (await op.tx.groups.find(objectId))?.orgId
  }
  if (objectType === 'role') {
    return (await op.tx.roles.find(objectId))?.orgId
  }
  return null
}

/**
 * Enters the org the caller names, or else the org that owns the object (the reference API's
 * ACL routes take no org: the object says which one is meant).
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, and the object's not-found code
 */
export async function enterObjectOrg(
  op: Operation,
  selector: OrgSelector,
  objectType: ObjectType,
  objectId: string,
): Promise<Organization> {
  const owner = await owningOrgOf(op, objectType, objectId)
  return enterOwningOrg(op, selector, owner, notFoundCodeOf(objectType))
}

/**
 * The ACL with this id, in the org the caller names or else in the ACL's own org; other orgs'
 * ACLs do not exist for the caller.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, ACL_NOT_FOUND
 */
export async function enterAcl(op: Operation, selector: OrgSelector, aclId: string): Promise<Acl> {
  const stored = await op.tx.acls.find(aclId)
  await enterOwningOrg(op, selector, stored?.orgId, 'ACL_NOT_FOUND')
  return findOrgAcl(op, aclId)
}

/**
 * The object an ACL names, as a decision target, once it is known to belong to the caller's
 * org. Child objects live in the data plane, so only `project_log` (whose id is its project's)
 * can be checked; their project is never taken from the caller, whose claim could borrow grants
 * held on another project.
 * @throws ORG_NOT_FOUND, PROJECT_NOT_FOUND, GROUP_NOT_FOUND, ROLE_NOT_FOUND
 */
export async function resolveAclObject(
  op: Operation,
  objectType: ObjectType,
  objectId: string,
): Promise<Target> {
  const orgId = op.org.id
  const notFound = notFoundCodeOf(objectType)
  if (objectType === 'organization' || isOrgPseudoType(objectType)) {
    if (objectId !== orgId) {
      throw new AppError(notFound)
    }
  } else if (objectType === 'project' || objectType === 'project_log') {
    const project = await op.tx.projects.find(objectId)
    if (project === undefined || project.orgId !== orgId || project.deletedAt !== null) {
      throw new AppError(notFound)
    }
  } else if (objectType === 'group') {
    if (!op.ev.world.groups.has(objectId)) {
      throw new AppError(notFound)
    }
  } else if (objectType === 'role') {
    const role = await op.tx.roles.find(objectId)
    if (role === undefined || role.orgId !== orgId || role.deletedAt !== null) {
      throw new AppError(notFound)
    }
  } else if (!isProjectChildType(objectType)) {
    throw new AppError('VALIDATION_FAILED', { field: 'object_type' })
  }
  return { objectType, objectId }
}

/** The decision target of a stored ACL's object. */
export function aclTarget(acl: AclItem): Target {
  return { objectType: acl.objectType, objectId: acl.objectId }
}

/**
 * The ACL of the caller's org with this id; other orgs' ACLs do not exist for the caller.
 * @throws ACL_NOT_FOUND
 */
export async function findOrgAcl(op: Operation, aclId: string): Promise<Acl> {
  const acl = await op.tx.acls.find(aclId)
  if (acl === undefined || acl.orgId !== op.org.id) {
    throw new AppError('ACL_NOT_FOUND')
  }
  return acl
}

/**
 * Everything adding `item` needs, judged on the world before the change: the object in the
 * org, `create_acls` on it, the subject and role usable here, the plan's gates, and the grant
 * ceiling (nobody grants more than they hold).
 * @throws ORG_NOT_FOUND, PROJECT_NOT_FOUND, GROUP_NOT_FOUND, ROLE_NOT_FOUND, OBJECT_NOT_FOUND,
 *   USER_NOT_FOUND, PERMISSION_DENIED, PLAN_PROJECT_GROUP_GRANTS, PLAN_GROUP_MANAGE_ACCESS,
 *   GRANT_EXCEEDS_CALLER
 */
export async function checkAclAddition(op: Operation, item: AclItem): Promise<void> {
  const target = await resolveAclObject(op, item.objectType, item.objectId)
  op.require('create_acls', target, notFoundCodeOf(item.objectType))
  const { world } = op.ev
  if (item.userId !== null && !world.members.has(item.userId)) {
    throw new AppError('USER_NOT_FOUND', { user_id: item.userId })
  }
  if (item.groupId !== null && !world.groups.has(item.groupId)) {
    throw new AppError('GROUP_NOT_FOUND', { group_id: item.groupId })
  }
  if (item.roleId !== null && !world.roles.has(item.roleId)) {
    throw new AppError('ROLE_NOT_FOUND', { role_id: item.roleId })
  }
  const plan = op.org.plan
  if (
    item.groupId !== null &&
    (item.objectType === 'project' || isProjectChildType(item.objectType))
  ) {
    assertPlanAllows(plan, 'projectGroupGrants')
  }
  if (item.objectType === 'group') {
    assertPlanAllows(plan, 'groupManageAccess')
  }
  assertWithinCeiling(op.ev, op.actor.userId, conferralsOfAcl(op.ev, item))
}

/**
 * Everything removing `item` needs: the object in the org and `delete_acls` on it.
 * @throws ORG_NOT_FOUND, PROJECT_NOT_FOUND, GROUP_NOT_FOUND, ROLE_NOT_FOUND, OBJECT_NOT_FOUND,
 *   PERMISSION_DENIED
 */
export async function checkAclRemoval(op: Operation, item: AclItem): Promise<void> {
  const target = await resolveAclObject(op, item.objectType, item.objectId)
  op.require('delete_acls', target, notFoundCodeOf(item.objectType))
}

/** Builds the stored ACL for `item` in the operation's org. */
export function newAcl(op: Operation, item: AclItem): Acl {
  return { ...item, id: op.uuid(), orgId: op.org.id, createdAt: op.now() }
}

/**
 * Deletes `acl` after its `delete_acls` was checked; the org must still have an owner
 * afterwards (the transaction rolls back otherwise).
 * @throws LAST_OWNER
 */
export async function removeAcl(op: Operation, acl: Acl): Promise<Acl> {
  await op.tx.acls.delete(acl.id)
  await op.reload()
  assertKeepsOwner(op.ev, await op.people())
  await op.changedAuthz()
  await op.record({ action: 'acl.delete', objectType: 'acl', objectId: acl.id, before: acl })
  return acl
}
