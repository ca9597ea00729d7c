import type { Actor } from '../../actor.js'
import type { Group } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import {
  applyGroupChange,
  groupName,
  insertGroup,
  requireOnGroup,
  uniqueIds,
} from './group-changes.js'

export interface ReplaceGroupInput extends OrgSelector {
  readonly name: string
  readonly description?: string | null | undefined
  readonly memberUsers?: readonly string[] | null | undefined
  readonly memberGroups?: readonly string[] | null | undefined
}

/**
 * Creates a group, or replaces the live group of that name with the given fields (fields left
 * out become empty): the reference API's `PUT /v1/group`. Replacing needs `update` on the group
 * and runs every rule of {@link updateGroup}; creating runs those of {@link createGroup}.
 * `found` tells which happened.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, VALIDATION_FAILED, PERMISSION_DENIED, PLAN_CUSTOM_GROUPS,
 *   USER_NOT_FOUND, GROUP_NOT_FOUND, GRANT_EXCEEDS_CALLER, GROUP_CYCLE, LAST_OWNER
 */
export async function replaceGroup(
  deps: Deps,
  actor: Actor,
  input: ReplaceGroupInput,
): Promise<{ group: Group; found: boolean }> {
  const name = groupName(input.name)
  return runOperation(deps, actor, 'group.replace', async (op) => {
    const org = await op.enterOrg(input)
    const existing = await op.tx.groups.findByName(org.id, name)
    if (existing === undefined) {
      op.require('create', { objectType: 'organization', objectId: org.id }, undefined, 'group')
      const group = await insertGroup(op, {
        name,
        description: input.description ?? null,
        memberUsers: input.memberUsers ?? [],
        memberGroups: input.memberGroups ?? [],
      })
      return { group, found: false }
    }
    requireOnGroup(op, 'update', existing.id)
    const group = await applyGroupChange(op, existing, {
      ...existing,
      description: input.description ?? null,
      memberUsers: uniqueIds(input.memberUsers),
      memberGroups: uniqueIds(input.memberGroups),
    })
    return { group, found: true }
  })
}
