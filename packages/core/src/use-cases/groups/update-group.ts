import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Group } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { applyGroupChange, enterGroup, groupName, requireOnGroup } from './group-changes.js'

export interface UpdateGroupInput extends OrgSelector {
  readonly groupId: string
  /** Absent or null leaves the field as it is (the reference API's PATCH cannot set null). */
  readonly name?: string | null | undefined
  readonly description?: string | null | undefined
  readonly addMemberUsers?: readonly string[] | null | undefined
  readonly removeMemberUsers?: readonly string[] | null | undefined
  readonly addMemberGroups?: readonly string[] | null | undefined
  readonly removeMemberGroups?: readonly string[] | null | undefined
}

/** Applies removals, then additions; an id in both lists is contradictory. */
function edit(
  current: readonly string[],
  add: readonly string[] | null | undefined,
  remove: readonly string[] | null | undefined,
  field: string,
): string[] {
  const adding = add ?? []
  const removing = new Set(remove ?? [])
  if (adding.some((id) => removing.has(id))) {
    throw new AppError('VALIDATION_FAILED', { field, reason: 'an id is both added and removed' })
  }
  const next = current.filter((id) => !removing.has(id))
  for (const id of adding) {
    if (!next.includes(id)) {
      next.push(id)
    }
  }
  return next
}

/**
 * Partially updates a group (the reference API's PATCH). Needs `update` on the group; built-in
 * groups keep their names. Added members are bounded by the caller's grants, added member groups
 * also need `update` on themselves and must not close a loop, and removals must leave the org
 * an owner.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, VALIDATION_FAILED, GROUP_NOT_FOUND, PERMISSION_DENIED,
 *   BUILTIN_GROUP_IMMUTABLE, NAME_TAKEN, USER_NOT_FOUND, GRANT_EXCEEDS_CALLER, GROUP_CYCLE,
 *   LAST_OWNER
 */
export async function updateGroup(
  deps: Deps,
  actor: Actor,
  input: UpdateGroupInput,
): Promise<Group> {
  const name = input.name === undefined || input.name === null ? undefined : groupName(input.name)
  return runOperation(deps, actor, 'group.update', async (op) => {
    const before = await enterGroup(op, input, input.groupId)
    const org = op.org
    requireOnGroup(op, 'update', before.id)
    if (name !== undefined && name !== before.name) {
      if (before.builtin !== null) {
        throw new AppError('BUILTIN_GROUP_IMMUTABLE')
      }
      if ((await op.tx.groups.findByName(org.id, name)) !== undefined) {
        throw new AppError('NAME_TAKEN')
      }
    }
    const next: Group = {
      ...before,
      name: name ?? before.name,
      description: input.description ?? before.description,
      memberUsers: edit(
        before.memberUsers,
        input.addMemberUsers,
        input.removeMemberUsers,
        'member_users',
      ),
      memberGroups: edit(
        before.memberGroups,
        input.addMemberGroups,
        input.removeMemberGroups,
        'member_groups',
      ),
    }
    return applyGroupChange(op, before, next)
  })
}
