import {
  CreateServiceAccount,
  CreateServiceAccountOutput,
  listOf,
  ServiceAccount,
  ServiceAccountListQuery,
  Uuid,
} from '@gatehouse/contract'
import { createServiceAccount, deleteServiceAccount, listServiceAccounts } from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { type App, actorOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { presentCreatedServiceAccount, presentServiceAccount } from '../present.js'
import { json, pageOf } from '../wire.js'

const tags = ['Service accounts']
const Params = z.object({ service_account_id: Uuid })

const create = createRoute({
  method: 'post',
  path: '/v1/service_account',
  operationId: 'createServiceAccount',
  tags,
  summary: 'Create a service account, optionally with its first service token',
  description:
    'The account becomes a member of the organization with no permissions: add it to groups ' +
    '(Enterprise) or grant it permissions with ACLs (Starter, Pro). With `token_name`, its first ' +
    'service token is returned with the secret in `token.key`, this one time. Owners only, from ' +
    'a session or an owner-level service token; never from an API key or an impersonated ' +
    'request. With `token_name`, an owner-level service token also needs the organization to ' +
    'let service tokens create service tokens (service_tokens_can_mint).',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission':
    'owner of the organization, from a session or an owner-level service token (with ' +
    'token_name, a service token only where service_tokens_can_mint is on); never an API key, ' +
    'never impersonated',
  request: { body: { content: json(CreateServiceAccount), required: true } },
  responses: {
    200: { description: 'The service account', content: json(CreateServiceAccountOutput) },
    ...errorResponses(
      'ORG_NOT_FOUND',
      'ORG_REQUIRED',
      'OWNER_REQUIRED',
      'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT',
      'API_KEY_CANNOT_CREATE_SERVICE_TOKEN',
      'IMPERSONATION_CANNOT_MINT',
      'SERVICE_TOKEN_MINTING_DISABLED',
    ),
  },
})

const list = createRoute({
  method: 'get',
  path: '/v1/service_account',
  operationId: 'listServiceAccounts',
  tags,
  summary: "List the organization's service accounts, newest first",
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'owner of the organization',
  request: { query: ServiceAccountListQuery },
  responses: {
    200: {
      description: 'Service accounts',
      content: json(listOf(ServiceAccount, 'ServiceAccountList')),
    },
    ...errorResponses('ORG_NOT_FOUND', 'ORG_REQUIRED', 'OWNER_REQUIRED'),
  },
})

const remove = createRoute({
  method: 'delete',
  path: '/v1/service_account/{service_account_id}',
  operationId: 'deleteServiceAccount',
  tags,
  summary: 'Delete a service account and revoke all its tokens',
  description:
    'It leaves the organization, its groups and its direct grants; its tokens stop working at ' +
    'once.',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'owner of the organization',
  request: { params: Params },
  responses: {
    200: { description: 'The deleted service account', content: json(ServiceAccount) },
    ...errorResponses('SERVICE_ACCOUNT_NOT_FOUND', 'OWNER_REQUIRED'),
  },
})

export function registerServiceAccountRoutes(app: App): void {
  app.openapi(create, async (c) => {
    const body = c.req.valid('json')
    const created = await createServiceAccount(depsOf(c), actorOf(c), {
      name: body.name,
      tokenName: body.token_name,
      orgName: body.org_name,
    })
    return c.json(presentCreatedServiceAccount(created), 200)
  })
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const accounts = await listServiceAccounts(depsOf(c), actorOf(c), {
      ...pageOf(q),
      orgName: q.org_name,
      name: q.service_account_name,
    })
    return c.json({ objects: accounts.map(presentServiceAccount) }, 200)
  })
  app.openapi(remove, async (c) => {
    const { service_account_id } = c.req.valid('param')
    const { user } = await deleteServiceAccount(depsOf(c), actorOf(c), { id: service_account_id })
    return c.json(presentServiceAccount(user), 200)
  })
}
