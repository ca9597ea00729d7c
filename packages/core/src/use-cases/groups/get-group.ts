import type { Actor } from '../../actor.js'
import type { Group } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { enterGroup, groupTarget, mayReadGroup } from './group-changes.js'

export interface GetGroupInput extends OrgSelector {
  readonly groupId: string
}

/**
 * One group of the caller's org. Needs `read` on it, or membership in it; a group the caller
 * holds nothing on and is not in does not exist for it.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, GROUP_NOT_FOUND, PERMISSION_DENIED
 */
export async function getGroup(deps: Deps, actor: Actor, input: GetGroupInput): Promise<Group> {
  return runOperation(deps, actor, 'group.read', async (op) => {
    const group = await enterGroup(op, input, input.groupId)
    if (!mayReadGroup(op, group.id)) {
      op.require('read', groupTarget(group.id), 'GROUP_NOT_FOUND')
    }
    return group
  })
}
