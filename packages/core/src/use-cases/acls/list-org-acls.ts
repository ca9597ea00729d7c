import type { Actor } from '../../actor.js'
import type { ObjectType, Permission } from '../../model/catalog.js'
import type { Acl } from '../../model/entities.js'
import type { Deps, PageQuery } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'

export interface ListOrgAclsInput extends OrgSelector, PageQuery {
  readonly objectType?: ObjectType | undefined
  readonly objectId?: string | undefined
  readonly userId?: string | undefined
  readonly groupId?: string | undefined
  readonly permission?: Permission | undefined
  readonly roleId?: string | undefined
  readonly restrictObjectType?: ObjectType | undefined
}

/**
 * Every ACL of the caller's org, newest first, optionally filtered. Needs `read_acls` on the
 * organization itself.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, PERMISSION_DENIED
 */
export async function listOrgAcls(
  deps: Deps,
  actor: Actor,
  input: ListOrgAclsInput = {},
): Promise<Acl[]> {
  return runOperation(deps, actor, 'acl.list_org', async (op) => {
    const org = await op.enterOrg(input)
    op.require('read_acls', { objectType: 'organization', objectId: org.id })
    return op.tx.acls.list({
      orgId: org.id,
      objectType: input.objectType,
      objectId: input.objectId,
      userId: input.userId,
      groupId: input.groupId,
      permission: input.permission,
      roleId: input.roleId,
      restrictObjectType: input.restrictObjectType,
      limit: input.limit,
      startingAfter: input.startingAfter,
      endingBefore: input.endingBefore,
      ids: input.ids,
    })
  })
}
