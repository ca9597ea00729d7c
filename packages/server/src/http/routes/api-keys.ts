import {
  ApiKey,
  ApiKeyListQuery,
  CreateApiKey,
  CreateApiKeyOutput,
  listOf,
  Uuid,
} from '@gatehouse/contract'
import {
  type ApiKeyWithUser,
  createApiKey,
  deleteApiKey,
  getApiKey,
  listApiKeys,
  listOrgApiKeys,
} from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { type App, actorOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { presentApiKey } from '../present.js'
import { json, msOf, pageOf } from '../wire.js'

const tags = ['API keys']
const Params = z.object({ api_key_id: Uuid })
const ok = (description: string) => ({ description, content: json(ApiKey) })

const list = createRoute({
  method: 'get',
  path: '/v1/api_key',
  operationId: 'listApiKeys',
  tags,
  summary: 'List your own API keys, or with scope=org every key in the org (owners)',
  description:
    'Newest first, metadata only. `scope=org` is the org-wide inventory for owners: every ' +
    "member's keys, revoked ones included (with revoked_at), with last_used_at.",
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'none for your own keys; owner of the org for scope=org',
  request: { query: ApiKeyListQuery },
  responses: {
    200: { description: 'API keys', content: json(listOf(ApiKey, 'ApiKeyList')) },
    ...errorResponses('ORG_NOT_FOUND', 'ORG_REQUIRED', 'OWNER_ONLY_KEY_INVENTORY'),
  },
})

const create = createRoute({
  method: 'post',
  path: '/v1/api_key',
  operationId: 'createApiKey',
  tags,
  summary: 'Create a personal API key: returns its secret this one time',
  description:
    'Only an interactive session that is not impersonating may create API keys: credentials ' +
    'never mint credentials (403 `API keys cannot create API keys`, ' +
    '`Service tokens cannot create API keys`).',
  // Not 'session': the use case itself refuses the other credentials, so that each refusal
  // carries its rule's message and lands in the org's audit log.
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission':
    'membership of the org, from a browser session only: API keys, service tokens and ' +
    'impersonated requests get 403',
  request: { body: { content: json(CreateApiKey), required: true } },
  responses: {
    200: { description: 'The new key with its secret', content: json(CreateApiKeyOutput) },
    ...errorResponses(
      'ORG_NOT_FOUND',
      'ORG_REQUIRED',
      'API_KEY_CANNOT_CREATE_API_KEY',
      'SERVICE_TOKEN_CANNOT_CREATE_API_KEY',
      'IMPERSONATION_CANNOT_MINT',
      'PERMISSION_DENIED',
    ),
  },
})

const get = createRoute({
  method: 'get',
  path: '/v1/api_key/{api_key_id}',
  operationId: 'getApiKey',
  tags,
  summary: 'Get an API key (your own, or any key of an org you own)',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': "the key's owner, or owner of the key's org",
  request: { params: Params },
  responses: { 200: ok('The API key'), ...errorResponses('API_KEY_NOT_FOUND') },
})

const remove = createRoute({
  method: 'delete',
  path: '/v1/api_key/{api_key_id}',
  operationId: 'deleteApiKey',
  tags,
  summary: 'Revoke an API key: it stops working on the next request',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': "the key's owner, or owner of the key's org",
  request: { params: Params },
  responses: { 200: ok('The revoked API key'), ...errorResponses('API_KEY_NOT_FOUND') },
})

function present({ apiKey, user }: ApiKeyWithUser) {
  return presentApiKey(apiKey, user ?? undefined)
}

export function registerApiKeyRoutes(app: App): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const input = { ...pageOf(q), orgName: q.org_name, name: q.api_key_name }
    const keys =
      q.scope === 'org'
        ? await listOrgApiKeys(depsOf(c), actorOf(c), input)
        : await listApiKeys(depsOf(c), actorOf(c), input)
    return c.json({ objects: keys.map(present) }, 200)
  })
  app.openapi(create, async (c) => {
    const body = c.req.valid('json')
    const { apiKey, user, secret } = await createApiKey(depsOf(c), actorOf(c), {
      name: body.name,
      orgName: body.org_name,
      expiresAt: msOf(body.expires_at),
    })
    return c.json({ ...presentApiKey(apiKey, user), key: secret }, 200)
  })
  app.openapi(get, async (c) => {
    const { api_key_id } = c.req.valid('param')
    return c.json(present(await getApiKey(depsOf(c), actorOf(c), { id: api_key_id })), 200)
  })
  app.openapi(remove, async (c) => {
    const { api_key_id } = c.req.valid('param')
    return c.json(present(await deleteApiKey(depsOf(c), actorOf(c), { id: api_key_id })), 200)
  })
}
