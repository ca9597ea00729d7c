import type { Actor } from '../../actor.js'
import type { Acl } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import {
  type AclItemInput,
  aclItem,
  checkAclAddition,
  enterObjectOrg,
  newAcl,
} from './acl-rules.js'

export interface CreateAclInput extends OrgSelector, AclItemInput {}

/**
 * Creates an ACL, or returns the identical one unchanged (`found: true`): the reference API's
 * idempotent create. Needs `create_acls` on the object, and confers nothing the caller does not
 * hold there.
 * @throws VALIDATION_FAILED, ACL_SUBJECT_INVALID, ACL_GRANT_INVALID, ACL_RESTRICT_WITH_ROLE,
 *   ORG_NOT_FOUND, ORG_REQUIRED, PROJECT_NOT_FOUND, GROUP_NOT_FOUND, ROLE_NOT_FOUND,
 *   OBJECT_NOT_FOUND, USER_NOT_FOUND, PERMISSION_DENIED, PLAN_PROJECT_GROUP_GRANTS,
 *   PLAN_GROUP_MANAGE_ACCESS, GRANT_EXCEEDS_CALLER
 */
export async function createAcl(
  deps: Deps,
  actor: Actor,
  input: CreateAclInput,
): Promise<{ acl: Acl; found: boolean }> {
  const item = aclItem(input)
  return runOperation(deps, actor, 'acl.create', async (op) => {
    const org = await enterObjectOrg(op, input, item.objectType, item.objectId)
    await checkAclAddition(op, item)
    const existing = await op.tx.acls.findByContent(org.id, item)
    if (existing !== undefined) {
      return { acl: existing, found: true }
    }
    const acl = newAcl(op, item)
    await op.tx.acls.insert(acl)
    await op.changedAuthz()
    await op.record({ objectType: 'acl', objectId: acl.id, after: acl })
    return { acl, found: false }
  })
}
