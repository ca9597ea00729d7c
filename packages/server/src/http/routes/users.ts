import { listOf, User, UserListItem, UserListQuery, Uuid } from '@gatehouse/contract'
import { getUser, listUsers } from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { type App, actorOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { presentListedUser, presentUser } from '../present.js'
import { json, pageOf } from '../wire.js'

const tags = ['Users']
const Params = z.object({ user_id: Uuid })

const list = createRoute({
  method: 'get',
  path: '/v1/user',
  operationId: 'listUsers',
  tags,
  summary: 'List the members of your organization, newest first',
  description:
    'People and service accounts. `email` may repeat to match any of several addresses; ' +
    '`given_name` and `family_name` match exactly. Gatehouse extensions: `kind`, ' +
    '`last_active_at` (the latest browser session activity) and `q`, a search in the email ' +
    'and the full name that pages like the whole list.',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'membership in the organization',
  request: { query: UserListQuery },
  responses: {
    200: { description: 'Users', content: json(listOf(UserListItem, 'UserList')) },
    ...errorResponses('ORG_NOT_FOUND', 'ORG_REQUIRED'),
  },
})

const get = createRoute({
  method: 'get',
  path: '/v1/user/{user_id}',
  operationId: 'getUser',
  tags,
  summary: 'Get a user who shares an organization with you',
  description: 'Within the organization a key or token is bound to; yourself always.',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'membership in an organization the user belongs to',
  request: { params: Params },
  responses: {
    200: { description: 'The user', content: json(User) },
    ...errorResponses('USER_NOT_FOUND'),
  },
})

export function registerUserRoutes(app: App): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const users = await listUsers(depsOf(c), actorOf(c), {
      ...pageOf(q),
      orgName: q.org_name,
      emails: q.email,
      givenName: q.given_name,
      familyName: q.family_name,
    })
    return c.json({ objects: users.map(presentListedUser) }, 200)
  })
  app.openapi(get, async (c) => {
    const { user_id } = c.req.valid('param')
    return c.json(presentUser(await getUser(depsOf(c), actorOf(c), { userId: user_id })), 200)
  })
}
