import {
  CreateServiceToken,
  CreateServiceTokenOutput,
  DeleteServiceToken,
  listOf,
  ServiceToken,
  ServiceTokenListQuery,
  Uuid,
} from '@gatehouse/contract'
import {
  createServiceToken,
  deleteServiceToken,
  getServiceToken,
  listServiceTokens,
  replaceServiceToken,
  type ServiceTokenWithAccount,
} from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { type App, actorOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { presentServiceToken } from '../present.js'
import { foundExisting, json, msOf, pageOf } from '../wire.js'

const tags = ['Service tokens']
const Params = z.object({ service_token_id: Uuid })
const ok = (description: string) => ({ description, content: json(ServiceToken) })
const created = (description: string) => ({ description, content: json(CreateServiceTokenOutput) })
const MINT_ERRORS = [
  'ORG_NOT_FOUND',
  'ORG_REQUIRED',
  'API_KEY_CANNOT_CREATE_SERVICE_TOKEN',
  'IMPERSONATION_CANNOT_MINT',
  'SERVICE_TOKEN_MINTING_DISABLED',
  'OWNER_REQUIRED',
  'PERMISSION_DENIED',
  'SERVICE_ACCOUNT_NOT_FOUND',
] as const
const MINT_AUTH =
  'owner of the org, from a session or (where service_tokens_can_mint is on) an owner-level ' +
  'service token; never a user API key, never impersonated'

const list = createRoute({
  method: 'get',
  path: '/v1/service_token',
  operationId: 'listServiceTokens',
  tags,
  summary: "List the org's live service tokens, newest first",
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'owner of the org',
  request: { query: ServiceTokenListQuery },
  responses: {
    200: { description: 'Service tokens', content: json(listOf(ServiceToken, 'ServiceTokenList')) },
    ...errorResponses('ORG_NOT_FOUND', 'ORG_REQUIRED', 'OWNER_REQUIRED'),
  },
})

const create = createRoute({
  method: 'post',
  path: '/v1/service_token',
  operationId: 'createServiceToken',
  tags,
  summary: 'Create a service token for a service account: returns its secret this one time',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': MINT_AUTH,
  request: { body: { content: json(CreateServiceToken), required: true } },
  responses: { 200: created('The new token with its secret'), ...errorResponses(...MINT_ERRORS) },
})

const replace = createRoute({
  method: 'put',
  path: '/v1/service_token',
  operationId: 'replaceServiceToken',
  tags,
  summary: "Create or replace by name: revokes the account's live tokens of that name",
  description: 'x-bt-found-existing: true when live tokens of that name were replaced.',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': MINT_AUTH,
  request: { body: { content: json(CreateServiceToken), required: true } },
  responses: { 200: created('The new token with its secret'), ...errorResponses(...MINT_ERRORS) },
})

const removeByBody = createRoute({
  method: 'delete',
  path: '/v1/service_token',
  operationId: 'deleteServiceTokenByBody',
  tags,
  summary: 'Revoke a service token named in the body',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': "owner of the token's org",
  request: { body: { content: json(DeleteServiceToken), required: true } },
  responses: {
    200: ok('The revoked service token'),
    ...errorResponses('SERVICE_TOKEN_NOT_FOUND', 'OWNER_REQUIRED'),
  },
})

const get = createRoute({
  method: 'get',
  path: '/v1/service_token/{service_token_id}',
  operationId: 'getServiceToken',
  tags,
  summary: 'Get a service token',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': "owner of the token's org",
  request: { params: Params },
  responses: {
    200: ok('The service token'),
    ...errorResponses('SERVICE_TOKEN_NOT_FOUND', 'OWNER_REQUIRED'),
  },
})

const remove = createRoute({
  method: 'delete',
  path: '/v1/service_token/{service_token_id}',
  operationId: 'deleteServiceToken',
  tags,
  summary: 'Revoke a service token: it stops working on the next request',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': "owner of the token's org",
  request: { params: Params },
  responses: {
    200: ok('The revoked service token'),
    ...errorResponses('SERVICE_TOKEN_NOT_FOUND', 'OWNER_REQUIRED'),
  },
})

function present({ serviceToken, serviceAccount }: ServiceTokenWithAccount) {
  return presentServiceToken(serviceToken, serviceAccount ?? undefined)
}

export function registerServiceTokenRoutes(app: App): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const tokens = await listServiceTokens(depsOf(c), actorOf(c), {
      ...pageOf(q),
      orgName: q.org_name,
      name: q.service_token_name,
    })
    return c.json({ objects: tokens.map(present) }, 200)
  })
  app.openapi(create, async (c) => {
    const body = c.req.valid('json')
    const { serviceToken, serviceAccount, secret } = await createServiceToken(
      depsOf(c),
      actorOf(c),
      {
        name: body.name,
        serviceAccountId: body.service_account_id,
        orgName: body.org_name,
        expiresAt: msOf(body.expires_at),
      },
    )
    return c.json({ ...presentServiceToken(serviceToken, serviceAccount), key: secret }, 200)
  })
  app.openapi(replace, async (c) => {
    const body = c.req.valid('json')
    const { serviceToken, serviceAccount, secret, replaced } = await replaceServiceToken(
      depsOf(c),
      actorOf(c),
      {
        name: body.name,
        serviceAccountId: body.service_account_id,
        orgName: body.org_name,
        expiresAt: msOf(body.expires_at),
      },
    )
    foundExisting(c, replaced.length > 0)
    return c.json({ ...presentServiceToken(serviceToken, serviceAccount), key: secret }, 200)
  })
  app.openapi(removeByBody, async (c) => {
    const { id } = c.req.valid('json')
    return c.json(present(await deleteServiceToken(depsOf(c), actorOf(c), { id })), 200)
  })
  app.openapi(get, async (c) => {
    const { service_token_id } = c.req.valid('param')
    const token = await getServiceToken(depsOf(c), actorOf(c), { id: service_token_id })
    return c.json(present(token), 200)
  })
  app.openapi(remove, async (c) => {
    const { service_token_id } = c.req.valid('param')
    const token = await deleteServiceToken(depsOf(c), actorOf(c), { id: service_token_id })
    return c.json(present(token), 200)
  })
}
