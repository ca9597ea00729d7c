import type { Actor } from '../../actor.js'
import type { Group } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { groupName, insertGroup } from './group-changes.js'

export interface CreateGroupInput extends OrgSelector {
  readonly name: string
  readonly description?: string | null | undefined
  readonly memberUsers?: readonly string[] | null | undefined
  readonly memberGroups?: readonly string[] | null | undefined
}

/**
 * Creates a custom group, or returns the live group of that name unchanged (`found: true`): the
 * reference API's idempotent create. Needs `create` on the organization for groups; member
 * groups also need `update`, since joining one group to another re-parents it.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, VALIDATION_FAILED, PERMISSION_DENIED, PLAN_CUSTOM_GROUPS,
 *   USER_NOT_FOUND, GROUP_NOT_FOUND
 */
export async function createGroup(
  deps: Deps,
  actor: Actor,
  input: CreateGroupInput,
): Promise<{ group: Group; found: boolean }> {
  const name = groupName(input.name)
  return runOperation(deps, actor, 'group.create', async (op) => {
    const org = await op.enterOrg(input)
    op.require('create', { objectType: 'organization', objectId: org.id }, undefined, 'group')
    const existing = await op.tx.groups.findByName(org.id, name)
    if (existing !== undefined) {
      return { group: existing, found: true }
    }
    const group = await insertGroup(op, {
      name,
      description: input.description ?? null,
      memberUsers: input.memberUsers ?? [],
      memberGroups: input.memberGroups ?? [],
    })
    return { group, found: false }
  })
}
