import type { Actor } from '../../actor.js'
import type { ObjectType, Permission } from '../../model/catalog.js'
import type { Acl } from '../../model/entities.js'
import type { Deps, PageQuery } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { enterObjectOrg, notFoundCodeOf, resolveAclObject } from './acl-rules.js'

export interface ListAclsInput extends OrgSelector, PageQuery {
  readonly objectType: ObjectType
  readonly objectId: string
  readonly userId?: string | undefined
  readonly groupId?: string | undefined
  readonly permission?: Permission | undefined
  readonly roleId?: string | undefined
  readonly restrictObjectType?: ObjectType | undefined
}

/**
 * The ACLs on one object, newest first, optionally filtered. Needs `read_acls` on the object;
 * an object the caller holds nothing on does not exist for it.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, PROJECT_NOT_FOUND, GROUP_NOT_FOUND, ROLE_NOT_FOUND,
 *   OBJECT_NOT_FOUND, PERMISSION_DENIED, VALIDATION_FAILED
 */
export async function listAcls(deps: Deps, actor: Actor, input: ListAclsInput): Promise<Acl[]> {
  return runOperation(deps, actor, 'acl.list', async (op) => {
    const org = await enterObjectOrg(op, input, input.objectType, input.objectId)
    const target = await resolveAclObject(op, input.objectType, input.objectId)
    op.require('read_acls', target, notFoundCodeOf(input.objectType))
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
