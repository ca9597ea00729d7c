import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Group } from '../../model/entities.js'
import { assertKeepsOwner } from '../../policies/last-owner.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { enterGroup, groupTarget } from './group-changes.js'

export interface DeleteGroupInput extends OrgSelector {
  readonly groupId: string
}

/**
 * Soft-deletes a custom group and returns it as deleted. Needs `delete` on the group; built-in
 * groups stay, and the org must still have an owner without the group's members.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, GROUP_NOT_FOUND, PERMISSION_DENIED,
 *   BUILTIN_GROUP_IMMUTABLE, LAST_OWNER
 */
export async function deleteGroup(
  deps: Deps,
  actor: Actor,
  input: DeleteGroupInput,
): Promise<Group> {
  return runOperation(deps, actor, 'group.delete', async (op) => {
    const group = await enterGroup(op, input, input.groupId)
    op.require('delete', groupTarget(group.id), 'GROUP_NOT_FOUND')
    if (group.builtin !== null) {
      throw new AppError('BUILTIN_GROUP_IMMUTABLE')
    }
    const deletedAt = op.now()
    await op.tx.groups.softDelete(group.id, deletedAt)
    await op.reload()
    assertKeepsOwner(op.ev, await op.people())
    await op.changedAuthz()
    await op.record({ objectType: 'group', objectId: group.id, before: group })
    return { ...group, deletedAt }
  })
}
