import type { Actor } from '../../actor.js'
import type { Acl } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { aclTarget, enterAcl, removeAcl } from './acl-rules.js'

export interface DeleteAclInput extends OrgSelector {
  readonly aclId: string
}

/**
 * Deletes an ACL by id and returns it. Needs `delete_acls` on its object; an ACL on an object
 * the caller holds nothing on does not exist for it.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, ACL_NOT_FOUND, PERMISSION_DENIED, LAST_OWNER
 */
export async function deleteAcl(deps: Deps, actor: Actor, input: DeleteAclInput): Promise<Acl> {
  return runOperation(deps, actor, 'acl.delete', async (op) => {
    const acl = await enterAcl(op, input, input.aclId)
    op.require('delete_acls', aclTarget(acl), 'ACL_NOT_FOUND')
    return removeAcl(op, acl)
  })
}
