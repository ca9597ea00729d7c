import { wouldCycle } from '../../authz/cycles.js'
import type { Target } from '../../authz/target.js'
import { AppError } from '../../errors.js'
import type { Permission } from '../../model/catalog.js'
import type { Group } from '../../model/entities.js'
import { assertWithinCeiling, conferralsOfGroup } from '../../policies/grant-ceiling.js'
import { assertKeepsOwner } from '../../policies/last-owner.js'
import { assertPlanAllows } from '../../policies/plans.js'
import { enterOwningOrg } from '../enter-owning-org.js'
import type { Operation, OrgSelector } from '../operation.js'

/** Longest group name accepted; the reference API sets none, storage wants one. */
const MAX_NAME_LENGTH = 256

/** The decision target of a group itself (who may read, edit or manage it). */
export function groupTarget(groupId: string): Target {
  return { objectType: 'group', objectId: groupId }
}

/**
 * Whether the caller may read the group: `read` on it, or being in it (directly or through
 * nested groups). Members see the groups they are in, so everyone can see which groups their
 * own access comes from and who shares it, without holding `read` on every group of the org.
 */
export function mayReadGroup(op: Operation, groupId: string): boolean {
  return op.held(groupTarget(groupId)).has('read') || op.ev.groupPaths(op.actor.userId).has(groupId)
}

/**
 * Demands `permission` on the group. A group the caller is in exists for it (it may read it),
 * so lacking the permission there is a refusal, not a not-found.
 * @throws GROUP_NOT_FOUND, PERMISSION_DENIED
 */
export function requireOnGroup(op: Operation, permission: Permission, groupId: string): void {
  op.require(
    permission,
    groupTarget(groupId),
    mayReadGroup(op, groupId) ? undefined : 'GROUP_NOT_FOUND',
  )
}

/**
 * The trimmed name of a group.
 * @throws VALIDATION_FAILED
 */
export function groupName(name: string): string {
  const trimmed = name.trim()
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) {
    throw new AppError('VALIDATION_FAILED', { field: 'name' })
  }
  return trimmed
}

/** The ids in first-seen order, each once; absent means none. */
export function uniqueIds(ids: readonly string[] | null | undefined): string[] {
  return [...new Set(ids ?? [])]
}

/**
 * The live group of the operation's org with this id. Groups of other orgs and deleted groups
 * do not exist for the caller.
 * @throws GROUP_NOT_FOUND
 */
export async function findOrgGroup(op: Operation, groupId: string): Promise<Group> {
  const group = await op.tx.groups.find(groupId)
  if (group === undefined || group.orgId !== op.org.id || group.deletedAt !== null) {
    throw new AppError('GROUP_NOT_FOUND')
  }
  return group
}

/**
 * Enters the org the caller names, or else the group's own, and returns the live group there.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, GROUP_NOT_FOUND
 */
export async function enterGroup(
  op: Operation,
  selector: OrgSelector,
  groupId: string,
): Promise<Group> {
  const stored = await op.tx.groups.find(groupId)
  await enterOwningOrg(op, selector, stored?.orgId, 'GROUP_NOT_FOUND')
  return findOrgGroup(op, groupId)
}

/** @throws USER_NOT_FOUND when one of `userIds` is not a member of the org */
function assertMembers(op: Operation, userIds: readonly string[]): void {
  for (const userId of userIds) {
    if (!op.ev.world.members.has(userId)) {
      throw new AppError('USER_NOT_FOUND', { user_id: userId })
    }
  }
}

/**
 * Putting a group inside another changes who its members are: the caller must be allowed to
 * edit both sides of the move, not only the group that receives it (Keycloak CVE-2026-9099).
 * @throws GROUP_NOT_FOUND, PERMISSION_DENIED
 */
function requireUpdateOnGroups(op: Operation, groupIds: readonly string[]): void {
  for (const groupId of groupIds) {
    if (!op.ev.world.groups.has(groupId)) {
      throw new AppError('GROUP_NOT_FOUND', { group_id: groupId })
    }
    op.require('update', groupTarget(groupId), 'GROUP_NOT_FOUND')
  }
}

export interface NewGroup {
  readonly name: string
  readonly description: string | null
  readonly memberUsers: readonly string[]
  readonly memberGroups: readonly string[]
}

/**
 * Inserts a custom group after the caller's `create` was checked: plan gate, members of the org,
 * `update` on every member group, then the creator's Owner grant when the org wants one.
 * @throws PLAN_CUSTOM_GROUPS, USER_NOT_FOUND, GROUP_NOT_FOUND, PERMISSION_DENIED
 */
export async function insertGroup(op: Operation, spec: NewGroup): Promise<Group> {
  const { org } = op
  assertPlanAllows(org.plan, 'customGroups')
  const memberUsers = uniqueIds(spec.memberUsers)
  const memberGroups = uniqueIds(spec.memberGroups)
  assertMembers(op, memberUsers)
  requireUpdateOnGroups(op, memberGroups)
  const group: Group = {
    id: op.uuid(),
    orgId: org.id,
    userId: op.actor.userId,
    name: spec.name,
    description: spec.description,
    builtin: null,
    memberUsers,
    memberGroups,
    createdAt: op.now(),
    deletedAt: null,
  }
  await op.tx.groups.insert(group)
  await op.grantCreatorOwnership('group', group.id)
  await op.changedAuthz()
  await op.record({ objectType: 'group', objectId: group.id, after: group })
  return group
}

function without(list: readonly string[], other: readonly string[]): string[] {
  return list.filter((id) => !other.includes(id))
}

/**
 * Writes `next` over `before` (same id) after the checks that depend on what changes. Whoever
 * joins gains the group's grants and those of every group containing it, so additions are
 * bounded by the caller's own grants; removals must leave the org an owner, judged on the world
 * after the write (the transaction rolls back on refusal). The caller checked `update` on the
 * group and the name rules.
 * @throws USER_NOT_FOUND, GROUP_NOT_FOUND, GRANT_EXCEEDS_CALLER, PERMISSION_DENIED, GROUP_CYCLE,
 *   LAST_OWNER
 */
export async function applyGroupChange(op: Operation, before: Group, next: Group): Promise<Group> {
  const addedUsers = without(next.memberUsers, before.memberUsers)
  const removedUsers = without(before.memberUsers, next.memberUsers)
  const addedGroups = without(next.memberGroups, before.memberGroups)
  const removedGroups = without(before.memberGroups, next.memberGroups)

  assertMembers(op, addedUsers)
  for (const groupId of addedGroups) {
    if (!op.ev.world.groups.has(groupId)) {
      throw new AppError('GROUP_NOT_FOUND', { group_id: groupId })
    }
  }
  if (addedUsers.length > 0 || addedGroups.length > 0) {
    assertWithinCeiling(op.ev, op.actor.userId, conferralsOfGroup(op.ev, before.id))
  }
  const scope = op.denial
  requireUpdateOnGroups(op, addedGroups)
  // Later refusals (the last-owner rule) are about this group, not the one checked last.
  op.denial = scope
  const groups = op.ev.world.groups
  if (wouldCycle(before.id, next.memberGroups, (id) => groups.get(id)?.memberGroups)) {
    throw new AppError('GROUP_CYCLE')
  }

  await op.tx.groups.update(next)
  if (removedUsers.length > 0 || removedGroups.length > 0) {
    await op.reload()
    assertKeepsOwner(op.ev, await op.people())
  }
  const membersChanged =
    addedUsers.length + removedUsers.length + addedGroups.length + removedGroups.length > 0
  if (membersChanged) {
    await op.changedAuthz()
  }
  await op.record({ objectType: 'group', objectId: before.id, before, after: next })
  return next
}
