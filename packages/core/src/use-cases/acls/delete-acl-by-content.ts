import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Acl } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import {
  type AclItemInput,
  aclItem,
  checkAclRemoval,
  enterObjectOrg,
  removeAcl,
} from './acl-rules.js'

export interface DeleteAclByContentInput extends OrgSelector, AclItemInput {}

/**
 * Deletes the ACL with exactly this content and returns it (the reference API's
 * `DELETE /v1/acl`). Needs `delete_acls` on the object.
 * @throws VALIDATION_FAILED, ACL_SUBJECT_INVALID, ACL_GRANT_INVALID, ACL_RESTRICT_WITH_ROLE,
 *   ORG_NOT_FOUND, ORG_REQUIRED, PROJECT_NOT_FOUND, GROUP_NOT_FOUND, ROLE_NOT_FOUND,
 *   OBJECT_NOT_FOUND, PERMISSION_DENIED, ACL_NOT_FOUND, LAST_OWNER
 */
export async function deleteAclByContent(
  deps: Deps,
  actor: Actor,
  input: DeleteAclByContentInput,
): Promise<Acl> {
  const item = aclItem(input)
  return runOperation(deps, actor, 'acl.delete', async (op) => {
    const org = await enterObjectOrg(op, input, item.objectType, item.objectId)
    await checkAclRemoval(op, item)
    const acl = await op.tx.acls.findByContent(org.id, item)
    if (acl === undefined) {
      throw new AppError('ACL_NOT_FOUND')
    }
    return removeAcl(op, acl)
  })
}
