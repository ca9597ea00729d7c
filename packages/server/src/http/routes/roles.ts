import {
  CreateRole,
  listOf,
  PatchRole,
  Role,
  RoleListQuery,
  type RolePermission,
  Uuid,
} from '@gatehouse/contract'
import {
  createRole,
  deleteRole,
  getRole,
  listRoles,
  type RolePermissionInput,
  replaceRole,
  updateRole,
} from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { type App, actorOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { presentRole } from '../present.js'
import { foundExisting, json, pageOf } from '../wire.js'

const tags = ['Roles']
const Params = z.object({ role_id: Uuid })
const ok = (description: string) => ({ description, content: json(Role) })

type WirePermissions = z.infer<typeof RolePermission>[] | null | undefined

function permissionsOf(list: WirePermissions): RolePermissionInput[] | null | undefined {
  return list?.map((p) => ({
    permission: p.permission,
    restrictObjectType: p.restrict_object_type,
  }))
}

const list = createRoute({
  method: 'get',
  path: '/v1/role',
  operationId: 'listRoles',
  tags,
  summary: 'List the system roles and the roles you can read, newest first',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'membership for system roles; read on each org role listed',
  request: { query: RoleListQuery },
  responses: {
    200: { description: 'Roles', content: json(listOf(Role, 'RoleList')) },
    ...errorResponses('ORG_NOT_FOUND', 'ORG_REQUIRED'),
  },
})

const create = createRoute({
  method: 'post',
  path: '/v1/role',
  operationId: 'createRole',
  tags,
  summary: 'Create a role, or return the role of that name unchanged',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'create on the organization (roles)',
  request: { body: { content: json(CreateRole), required: true } },
  responses: {
    200: ok('The role (x-bt-found-existing: true when it already existed)'),
    ...errorResponses('ORG_NOT_FOUND', 'ORG_REQUIRED', 'PERMISSION_DENIED', 'ROLE_NOT_FOUND'),
  },
})

const replace = createRoute({
  method: 'put',
  path: '/v1/role',
  operationId: 'replaceRole',
  tags,
  summary: 'Create a role, or replace the org role of that name',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission':
    'create on the organization (roles) to create; update on the role to replace',
  request: { body: { content: json(CreateRole), required: true } },
  responses: {
    200: ok('The role (x-bt-found-existing: true when it was replaced)'),
    ...errorResponses(
      'ORG_NOT_FOUND',
      'ORG_REQUIRED',
      'PERMISSION_DENIED',
      'SYSTEM_ROLE_IMMUTABLE',
      'ROLE_NOT_FOUND',
      'GRANT_EXCEEDS_CALLER',
      'ROLE_CYCLE',
      'LAST_OWNER',
    ),
  },
})

const get = createRoute({
  method: 'get',
  path: '/v1/role/{role_id}',
  operationId: 'getRole',
  tags,
  summary: 'Get a role (system roles are readable by every member)',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'read on the role (none for a system role)',
  request: { params: Params },
  responses: { 200: ok('The role'), ...errorResponses('ROLE_NOT_FOUND', 'PERMISSION_DENIED') },
})

const patch = createRoute({
  method: 'patch',
  path: '/v1/role/{role_id}',
  operationId: 'updateRole',
  tags,
  summary: 'Rename a role, change its description, add or remove permissions and inherited roles',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'update on the role; system roles cannot change',
  request: { params: Params, body: { content: json(PatchRole), required: true } },
  responses: {
    200: ok('The updated role'),
    ...errorResponses(
      'ROLE_NOT_FOUND',
      'PERMISSION_DENIED',
      'SYSTEM_ROLE_IMMUTABLE',
      'NAME_TAKEN',
      'GRANT_EXCEEDS_CALLER',
      'ROLE_CYCLE',
      'LAST_OWNER',
    ),
  },
})

const remove = createRoute({
  method: 'delete',
  path: '/v1/role/{role_id}',
  operationId: 'deleteRole',
  tags,
  summary: 'Delete an org role (soft delete); ACLs naming it stop granting',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'delete on the role; system roles cannot be deleted',
  request: { params: Params },
  responses: {
    200: ok('The deleted role'),
    ...errorResponses('ROLE_NOT_FOUND', 'PERMISSION_DENIED', 'SYSTEM_ROLE_IMMUTABLE', 'LAST_OWNER'),
  },
})

export function registerRoleRoutes(app: App): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const roles = await listRoles(depsOf(c), actorOf(c), {
      ...pageOf(q),
      orgName: q.org_name,
      name: q.role_name,
    })
    return c.json({ objects: roles.map(presentRole) }, 200)
  })
  app.openapi(create, async (c) => {
    const body = c.req.valid('json')
    const { role, found } = await createRole(depsOf(c), actorOf(c), {
      name: body.name,
      description: body.description,
      memberPermissions: permissionsOf(body.member_permissions),
      memberRoles: body.member_roles,
      orgName: body.org_name,
    })
    foundExisting(c, found)
    return c.json(presentRole(role), 200)
  })
  app.openapi(replace, async (c) => {
    const body = c.req.valid('json')
    const { role, found } = await replaceRole(depsOf(c), actorOf(c), {
      name: body.name,
      description: body.description,
      memberPermissions: permissionsOf(body.member_permissions),
      memberRoles: body.member_roles,
      orgName: body.org_name,
    })
    foundExisting(c, found)
    return c.json(presentRole(role), 200)
  })
  app.openapi(get, async (c) => {
    const { role_id } = c.req.valid('param')
    return c.json(presentRole(await getRole(depsOf(c), actorOf(c), { roleId: role_id })), 200)
  })
  app.openapi(patch, async (c) => {
    const { role_id } = c.req.valid('param')
    const body = c.req.valid('json')
    const role = await updateRole(depsOf(c), actorOf(c), {
      roleId: role_id,
      name: body.name,
      description: body.description,
      addMemberPermissions: permissionsOf(body.add_member_permissions),
      removeMemberPermissions: permissionsOf(body.remove_member_permissions),
      addMemberRoles: body.add_member_roles,
      removeMemberRoles: body.remove_member_roles,
    })
    return c.json(presentRole(role), 200)
  })
  app.openapi(remove, async (c) => {
    const { role_id } = c.req.valid('param')
    return c.json(presentRole(await deleteRole(depsOf(c), actorOf(c), { roleId: role_id })), 200)
  })
}
