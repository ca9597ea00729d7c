import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Acl, AclItem } from '../../model/entities.js'
import { assertKeepsOwner } from '../../policies/last-owner.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import {
  type AclItemInput,
  aclContentKey,
  aclItem,
  checkAclAddition,
  checkAclRemoval,
  enterObjectOrg,
  newAcl,
} from './acl-rules.js'

export interface BatchUpdateAclsInput extends OrgSelector {
  readonly addAcls?: readonly AclItemInput[] | null | undefined
  readonly removeAcls?: readonly AclItemInput[] | null | undefined
}

export interface BatchUpdateAclsResult {
  /** The ACLs this call created; ones that already existed are not repeated. */
  readonly addedAcls: Acl[]
  /** The ACLs this call deleted; absent ones are skipped. */
  readonly removedAcls: Acl[]
}

function distinct(items: readonly AclItemInput[] | null | undefined): Map<string, AclItem> {
  const byKey = new Map<string, AclItem>()
  for (const input of items ?? []) {
    const item = aclItem(input)
    byKey.set(aclContentKey(item), item)
  }
  return byKey
}

/**
 * Adds and removes ACLs in one transaction: all of it applies or none of it does. Idempotent:
 * adding an existing ACL or removing an absent one changes nothing. Every item is checked on the
 * world before the batch, as {@link createAcl} and {@link deleteAclByContent} would, so an item
 * cannot lean on a grant that another item of the same batch adds; the org must still have an
 * owner afterwards.
 * @throws VALIDATION_FAILED, ACL_SUBJECT_INVALID, ACL_GRANT_INVALID, ACL_RESTRICT_WITH_ROLE,
 *   ORG_NOT_FOUND, ORG_REQUIRED, PROJECT_NOT_FOUND, GROUP_NOT_FOUND, ROLE_NOT_FOUND,
 *   OBJECT_NOT_FOUND, USER_NOT_FOUND, PERMISSION_DENIED, PLAN_PROJECT_GROUP_GRANTS,
 *   PLAN_GROUP_MANAGE_ACCESS, GRANT_EXCEEDS_CALLER, LAST_OWNER
 */
export async function batchUpdateAcls(
  deps: Deps,
  actor: Actor,
  input: BatchUpdateAclsInput,
): Promise<BatchUpdateAclsResult> {
  const adds = distinct(input.addAcls)
  const removes = distinct(input.removeAcls)
  for (const key of adds.keys()) {
    if (removes.has(key)) {
      throw new AppError('VALIDATION_FAILED', { reason: 'an ACL is both added and removed' })
    }
  }
  return runOperation(deps, actor, 'acl.batch_update', async (op) => {
    // Every item must be in one org; the first names it, and the checks refuse the others.
    const first = [...adds.values(), ...removes.values()][0]
    const org =
      first === undefined
        ? await op.enterOrg(input)
        : await enterObjectOrg(op, input, first.objectType, first.objectId)
    for (const item of adds.values()) {
      await checkAclAddition(op, item)
    }
    for (const item of removes.values()) {
      await checkAclRemoval(op, item)
    }

    const removedAcls: Acl[] = []
    for (const item of removes.values()) {
      const acl = await op.tx.acls.findByContent(org.id, item)
      if (acl !== undefined) {
        await op.tx.acls.delete(acl.id)
        removedAcls.push(acl)
      }
    }
    const addedAcls: Acl[] = []
    for (const item of adds.values()) {
      if ((await op.tx.acls.findByContent(org.id, item)) === undefined) {
        const acl = newAcl(op, item)
        await op.tx.acls.insert(acl)
        addedAcls.push(acl)
      }
    }
    if (removedAcls.length > 0) {
      await op.reload()
      assertKeepsOwner(op.ev, await op.people())
    }
    if (removedAcls.length > 0 || addedAcls.length > 0) {
      await op.changedAuthz()
    }
    for (const acl of removedAcls) {
      await op.record({ action: 'acl.delete', objectType: 'acl', objectId: acl.id, before: acl })
    }
    for (const acl of addedAcls) {
      await op.record({ action: 'acl.create', objectType: 'acl', objectId: acl.id, after: acl })
    }
    return { addedAcls, removedAcls }
  })
}
