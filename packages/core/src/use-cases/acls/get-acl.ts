import type { Actor } from '../../actor.js'
import type { Acl } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { aclTarget, enterAcl } from './acl-rules.js'

export interface GetAclInput extends OrgSelector {
  readonly aclId: string
}

/**
 * One ACL of the caller's org. Needs `read_acls` on its object; an ACL on an object the caller
 * holds nothing on does not exist for it.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, ACL_NOT_FOUND, PERMISSION_DENIED
 */
export async function getAcl(deps: Deps, actor: Actor, input: GetAclInput): Promise<Acl> {
  return runOperation(deps, actor, 'acl.read', async (op) => {
    const acl = await enterAcl(op, input, input.aclId)
    op.require('read_acls', aclTarget(acl), 'ACL_NOT_FOUND')
    return acl
  })
}
