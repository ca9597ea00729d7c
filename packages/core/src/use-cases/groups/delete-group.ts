import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Group } from '../../model/entities.js'
import { assertKeepsOwner } from '../../policies/last-owner.js'
import type { Deps } from '../../ports.js'
import { type Operation, type OrgSelector, runOperation } from '../operation.js'
import { enterGroup, requireOnGroup } from './group-changes.js'

export interface DeleteGroupInput extends OrgSelector {
  readonly groupId: string
}

/**
 * Removes what pointed at a deleted group, so nothing inert lingers in listings or could come
 * back to life: ACLs naming it (as subject, or on it as the object) and its place in other
 * groups' member_groups.
 */
async function forgetDeletedGroup(op: Operation, groupId: string) {
  const orgId = op.org.id
  const acls = [
    ...(await op.tx.acls.list({ orgId, groupId })),
    ...(await op.tx.acls.list({ orgId, objectType: 'group', objectId: groupId })),
  ]
  for (const acl of acls) {
    await op.tx.acls.delete(acl.id)
  }
  const parents = (await op.tx.groups.listAll(orgId)).filter((g) =>
    g.memberGroups.includes(groupId),
  )
  for (const parent of parents) {
    await op.tx.groups.update({
      ...parent,
      memberGroups: parent.memberGroups.filter((id) => id !== groupId),
    })
  }
  return { removed_acls: acls.map((a) => a.id), removed_from_groups: parents.map((g) => g.id) }
}

/**
 * Soft-deletes a custom group and returns it as deleted, with the ACLs that name it and its
 * place in other groups. Needs `delete` on the group; built-in groups stay, and the org must still
 * have an owner without the group's members.
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
    requireOnGroup(op, 'delete', group.id)
    if (group.builtin !== null) {
      throw new AppError('BUILTIN_GROUP_IMMUTABLE')
    }
    const deletedAt = op.now()
    await op.tx.groups.softDelete(group.id, deletedAt)
    const cleanup = await forgetDeletedGroup(op, group.id)
    await op.reload()
    assertKeepsOwner(op.ev, await op.people())
    await op.changedAuthz()
    await op.record({ objectType: 'group', objectId: group.id, before: group, after: cleanup })
    return { ...group, deletedAt }
  })
}
