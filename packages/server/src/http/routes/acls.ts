import {
  Acl,
  AclBatchUpdateRequest,
  AclBatchUpdateResponse,
  AclExplainRequest,
  AclExplainResponse,
  AclItem,
  AclListOrgQuery,
  AclListQuery,
  listOf,
  Uuid,
} from '@gatehouse/contract'
import {
  type AclItemInput,
  batchUpdateAcls,
  createAcl,
  deleteAcl,
  deleteAclByContent,
  explainAccess,
  getAcl,
  listAcls,
  listOrgAcls,
} from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { type App, actorOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { presentAcl, presentGrantSource } from '../present.js'
import { foundExisting, json, pageOf } from '../wire.js'

const tags = ['ACLs']
const Params = z.object({ acl_id: Uuid })
const ok = (description: string) => ({ description, content: json(Acl) })

/** The codes any ACL item can be refused with, before and after its object is found. */
const ITEM_SHAPE = ['ACL_SUBJECT_INVALID', 'ACL_GRANT_INVALID', 'ACL_RESTRICT_WITH_ROLE'] as const
const OBJECT_NOT_FOUND = [
  'ORG_NOT_FOUND',
  'PROJECT_NOT_FOUND',
  'GROUP_NOT_FOUND',
  'ROLE_NOT_FOUND',
  'OBJECT_NOT_FOUND',
] as const
const ADDITION = [
  'USER_NOT_FOUND',
  'PERMISSION_DENIED',
  'PLAN_PROJECT_GROUP_GRANTS',
  'PLAN_GROUP_MANAGE_ACCESS',
  'GRANT_EXCEEDS_CALLER',
] as const

function itemOf(item: z.infer<typeof AclItem>): AclItemInput {
  return {
    objectType: item.object_type,
    objectId: item.object_id,
    userId: item.user_id,
    groupId: item.group_id,
    permission: item.permission,
    roleId: item.role_id,
    restrictObjectType: item.restrict_object_type,
  }
}

const list = createRoute({
  method: 'get',
  path: '/v1/acl',
  operationId: 'listAcls',
  tags,
  summary: 'List the ACLs on one object, newest first',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'read_acls on the object',
  request: { query: AclListQuery },
  responses: {
    200: { description: 'ACLs', content: json(listOf(Acl, 'AclList')) },
    ...errorResponses('ORG_REQUIRED', ...OBJECT_NOT_FOUND, 'PERMISSION_DENIED'),
  },
})

const create = createRoute({
  method: 'post',
  path: '/v1/acl',
  operationId: 'createAcl',
  tags,
  summary: 'Create an ACL, or return the identical ACL unchanged',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission':
    'create_acls on the object, and every permission conferred held by the caller there',
  request: { body: { content: json(AclItem), required: true } },
  responses: {
    200: ok('The ACL (x-bt-found-existing: true when it already existed)'),
    ...errorResponses('ORG_REQUIRED', ...ITEM_SHAPE, ...OBJECT_NOT_FOUND, ...ADDITION),
  },
})

const removeByContent = createRoute({
  method: 'delete',
  path: '/v1/acl',
  operationId: 'deleteAclByContent',
  tags,
  summary: 'Delete the ACL with exactly this content',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'delete_acls on the object',
  request: { body: { content: json(AclItem), required: true } },
  responses: {
    200: ok('The deleted ACL'),
    ...errorResponses(
      'ORG_REQUIRED',
      ...ITEM_SHAPE,
      ...OBJECT_NOT_FOUND,
      'PERMISSION_DENIED',
      'ACL_NOT_FOUND',
      'LAST_OWNER',
    ),
  },
})

const batchUpdate = createRoute({
  method: 'post',
  path: '/v1/acl/batch_update',
  operationId: 'batchUpdateAcls',
  tags,
  summary: 'Add and remove ACLs in one transaction: all of it applies or none of it does',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'create_acls on each object added to, delete_acls on each removed from',
  request: { body: { content: json(AclBatchUpdateRequest), required: true } },
  responses: {
    200: { description: 'What changed', content: json(AclBatchUpdateResponse) },
    ...errorResponses(
      'ORG_REQUIRED',
      ...ITEM_SHAPE,
      ...OBJECT_NOT_FOUND,
      ...ADDITION,
      'LAST_OWNER',
    ),
  },
})

const listOrg = createRoute({
  method: 'get',
  path: '/v1/acl/list_org',
  operationId: 'listOrgAcls',
  tags,
  summary: "Every ACL of the organization, newest first (a bare array, as the reference API's)",
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'read_acls on the organization',
  request: { query: AclListOrgQuery },
  responses: {
    200: { description: 'ACLs', content: json(z.array(Acl)) },
    ...errorResponses('ORG_NOT_FOUND', 'ORG_REQUIRED', 'PERMISSION_DENIED'),
  },
})

const explain = createRoute({
  method: 'post',
  path: '/v1/acl/explain',
  operationId: 'explainAccess',
  tags,
  summary: 'What a member may do on an object, and every grant behind it',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission':
    'read_acls on the object to explain someone else; any permission on it to explain yourself',
  request: { body: { content: json(AclExplainRequest), required: true } },
  responses: {
    200: { description: 'Permissions and their sources', content: json(AclExplainResponse) },
    ...errorResponses('ORG_REQUIRED', ...OBJECT_NOT_FOUND, 'USER_NOT_FOUND', 'PERMISSION_DENIED'),
  },
})

const get = createRoute({
  method: 'get',
  path: '/v1/acl/{acl_id}',
  operationId: 'getAcl',
  tags,
  summary: 'Get an ACL',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': "read_acls on the ACL's object",
  request: { params: Params },
  responses: { 200: ok('The ACL'), ...errorResponses('ACL_NOT_FOUND', 'PERMISSION_DENIED') },
})

const remove = createRoute({
  method: 'delete',
  path: '/v1/acl/{acl_id}',
  operationId: 'deleteAcl',
  tags,
  summary: 'Delete an ACL',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': "delete_acls on the ACL's object",
  request: { params: Params },
  responses: {
    200: ok('The deleted ACL'),
    ...errorResponses('ACL_NOT_FOUND', 'PERMISSION_DENIED', 'LAST_OWNER'),
  },
})

export function registerAclRoutes(app: App): void {
  // The literal paths first, so that `{acl_id}` does not swallow them.
  app.openapi(batchUpdate, async (c) => {
    const body = c.req.valid('json')
    const result = await batchUpdateAcls(depsOf(c), actorOf(c), {
      addAcls: body.add_acls?.map(itemOf),
      removeAcls: body.remove_acls?.map(itemOf),
    })
    return c.json(
      {
        added_acls: result.addedAcls.map(presentAcl),
        removed_acls: result.removedAcls.map(presentAcl),
      },
      200,
    )
  })
  app.openapi(listOrg, async (c) => {
    const q = c.req.valid('query')
    const acls = await listOrgAcls(depsOf(c), actorOf(c), {
      ...pageOf(q),
      orgName: q.org_name,
      objectType: q.object_type,
      objectId: q.object_id,
      userId: q.user_id,
      groupId: q.group_id,
      permission: q.permission,
      roleId: q.role_id,
      restrictObjectType: q.restrict_object_type,
    })
    return c.json(acls.map(presentAcl), 200)
  })
  app.openapi(explain, async (c) => {
    const body = c.req.valid('json')
    const explanation = await explainAccess(depsOf(c), actorOf(c), {
      userId: body.user_id,
      target: {
        objectType: body.object_type,
        objectId: body.object_id,
        projectId: body.project_id,
      },
      orgName: body.org_name,
    })
    return c.json(
      {
        permissions: explanation.permissions,
        grants: explanation.sources.map(presentGrantSource),
      },
      200,
    )
  })
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const acls = await listAcls(depsOf(c), actorOf(c), {
      ...pageOf(q),
      objectType: q.object_type,
      objectId: q.object_id,
      userId: q.user_id,
      groupId: q.group_id,
      permission: q.permission,
      roleId: q.role_id,
      restrictObjectType: q.restrict_object_type,
    })
    return c.json({ objects: acls.map(presentAcl) }, 200)
  })
  app.openapi(create, async (c) => {
    const { acl, found } = await createAcl(depsOf(c), actorOf(c), itemOf(c.req.valid('json')))
    foundExisting(c, found)
    return c.json(presentAcl(acl), 200)
  })
  app.openapi(removeByContent, async (c) => {
    const acl = await deleteAclByContent(depsOf(c), actorOf(c), itemOf(c.req.valid('json')))
    return c.json(presentAcl(acl), 200)
  })
  app.openapi(get, async (c) => {
    const { acl_id } = c.req.valid('param')
    return c.json(presentAcl(await getAcl(depsOf(c), actorOf(c), { aclId: acl_id })), 200)
  })
  app.openapi(remove, async (c) => {
    const { acl_id } = c.req.valid('param')
    return c.json(presentAcl(await deleteAcl(depsOf(c), actorOf(c), { aclId: acl_id })), 200)
  })
}
