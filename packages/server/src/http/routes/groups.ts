import { CreateGroup, Group, GroupListQuery, listOf, PatchGroup, Uuid } from '@gatehouse/contract'
import {
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  replaceGroup,
  updateGroup,
} from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { type App, actorOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { presentGroup } from '../present.js'
import { foundExisting, json, pageOf } from '../wire.js'

const tags = ['Groups']
const Params = z.object({ group_id: Uuid })
const ok = (description: string) => ({ description, content: json(Group) })

const list = createRoute({
  method: 'get',
  path: '/v1/group',
  operationId: 'listGroups',
  tags,
  summary: 'List the permission groups you can read, newest first',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'read on each group listed, or membership in it (others are left out)',
  request: { query: GroupListQuery },
  responses: {
    200: { description: 'Groups', content: json(listOf(Group, 'GroupList')) },
    ...errorResponses('ORG_NOT_FOUND', 'ORG_REQUIRED'),
  },
})

const create = createRoute({
  method: 'post',
  path: '/v1/group',
  operationId: 'createGroup',
  tags,
  summary: 'Create a custom group, or return the live group of that name unchanged',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission':
    'create on the organization (groups); update on each member group; Enterprise plan',
  request: { body: { content: json(CreateGroup), required: true } },
  responses: {
    200: ok('The group (x-bt-found-existing: true when it already existed)'),
    ...errorResponses(
      'ORG_NOT_FOUND',
      'ORG_REQUIRED',
      'PERMISSION_DENIED',
      'PLAN_CUSTOM_GROUPS',
      'USER_NOT_FOUND',
      'GROUP_NOT_FOUND',
    ),
  },
})

const replace = createRoute({
  method: 'put',
  path: '/v1/group',
  operationId: 'replaceGroup',
  tags,
  summary: 'Create a group, or replace the live group of that name',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission':
    'create on the organization (groups) to create; update on the group to replace',
  request: { body: { content: json(CreateGroup), required: true } },
  responses: {
    200: ok('The group (x-bt-found-existing: true when it was replaced)'),
    ...errorResponses(
      'ORG_NOT_FOUND',
      'ORG_REQUIRED',
      'PERMISSION_DENIED',
      'PLAN_CUSTOM_GROUPS',
      'USER_NOT_FOUND',
      'GROUP_NOT_FOUND',
      'GRANT_EXCEEDS_CALLER',
      'GROUP_CYCLE',
      'LAST_OWNER',
    ),
  },
})

const get = createRoute({
  method: 'get',
  path: '/v1/group/{group_id}',
  operationId: 'getGroup',
  tags,
  summary: 'Get a group',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'read on the group, or membership in it',
  request: { params: Params },
  responses: { 200: ok('The group'), ...errorResponses('GROUP_NOT_FOUND', 'PERMISSION_DENIED') },
})

const patch = createRoute({
  method: 'patch',
  path: '/v1/group/{group_id}',
  operationId: 'updateGroup',
  tags,
  summary: 'Rename a group, change its description, add or remove members',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'update on the group (and on each member group added)',
  request: { params: Params, body: { content: json(PatchGroup), required: true } },
  responses: {
    200: ok('The updated group'),
    ...errorResponses(
      'GROUP_NOT_FOUND',
      'PERMISSION_DENIED',
      'BUILTIN_GROUP_IMMUTABLE',
      'NAME_TAKEN',
      'USER_NOT_FOUND',
      'GRANT_EXCEEDS_CALLER',
      'GROUP_CYCLE',
      'LAST_OWNER',
    ),
  },
})

const remove = createRoute({
  method: 'delete',
  path: '/v1/group/{group_id}',
  operationId: 'deleteGroup',
  tags,
  summary: 'Delete a custom group (soft delete)',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'delete on the group',
  request: { params: Params },
  responses: {
    200: ok('The deleted group'),
    ...errorResponses(
      'GROUP_NOT_FOUND',
      'PERMISSION_DENIED',
      'BUILTIN_GROUP_IMMUTABLE',
      'LAST_OWNER',
    ),
  },
})

export function registerGroupRoutes(app: App): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const groups = await listGroups(depsOf(c), actorOf(c), {
      ...pageOf(q),
      orgName: q.org_name,
      name: q.group_name,
    })
    return c.json({ objects: groups.map(presentGroup) }, 200)
  })
  app.openapi(create, async (c) => {
    const body = c.req.valid('json')
    const { group, found } = await createGroup(depsOf(c), actorOf(c), {
      name: body.name,
      description: body.description,
      memberUsers: body.member_users,
      memberGroups: body.member_groups,
      orgName: body.org_name,
    })
    foundExisting(c, found)
    return c.json(presentGroup(group), 200)
  })
  app.openapi(replace, async (c) => {
    const body = c.req.valid('json')
    const { group, found } = await replaceGroup(depsOf(c), actorOf(c), {
      name: body.name,
      description: body.description,
      memberUsers: body.member_users,
      memberGroups: body.member_groups,
      orgName: body.org_name,
    })
    foundExisting(c, found)
    return c.json(presentGroup(group), 200)
  })
  app.openapi(get, async (c) => {
    const { group_id } = c.req.valid('param')
    return c.json(presentGroup(await getGroup(depsOf(c), actorOf(c), { groupId: group_id })), 200)
  })
  app.openapi(patch, async (c) => {
    const { group_id } = c.req.valid('param')
    const body = c.req.valid('json')
    const group = await updateGroup(depsOf(c), actorOf(c), {
      groupId: group_id,
      name: body.name,
      description: body.description,
      addMemberUsers: body.add_member_users,
      removeMemberUsers: body.remove_member_users,
      addMemberGroups: body.add_member_groups,
      removeMemberGroups: body.remove_member_groups,
    })
    return c.json(presentGroup(group), 200)
  })
  app.openapi(remove, async (c) => {
    const { group_id } = c.req.valid('param')
    return c.json(
      presentGroup(await deleteGroup(depsOf(c), actorOf(c), { groupId: group_id })),
      200,
    )
  })
}
