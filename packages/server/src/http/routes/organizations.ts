import {
  listOf,
  Organization,
  OrganizationListQuery,
  PatchOrganization,
  PatchOrganizationMembers,
  PatchOrganizationMembersOutput,
  Uuid,
} from '@gatehouse/contract'
import {
  getOrganization,
  listOrganizations,
  updateMembers,
  updateOrganization,
} from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { type App, actorOf, configOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { presentMembersUpdate, presentOrganization } from '../present.js'
import { json, pageOf } from '../wire.js'

const tags = ['Organizations']
const Params = z.object({ organization_id: Uuid })
const ok = (description: string) => ({ description, content: json(Organization) })

const list = createRoute({
  method: 'get',
  path: '/v1/organization',
  operationId: 'listOrganizations',
  tags,
  summary: 'List the organizations you belong to, newest first',
  description:
    'A credential bound to one organization (API key, service token) sees only that one.',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'membership in each organization listed (others are left out)',
  request: { query: OrganizationListQuery },
  responses: {
    200: { description: 'Organizations', content: json(listOf(Organization, 'OrganizationList')) },
    ...errorResponses(),
  },
})

const get = createRoute({
  method: 'get',
  path: '/v1/organization/{organization_id}',
  operationId: 'getOrganization',
  tags,
  summary: 'Get an organization',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'membership in the organization',
  request: { params: Params },
  responses: { 200: ok('The organization'), ...errorResponses('ORG_NOT_FOUND') },
})

const patch = createRoute({
  method: 'patch',
  path: '/v1/organization/{organization_id}',
  operationId: 'updateOrganization',
  tags,
  summary: 'Partially update an organization',
  description:
    'Fields left out or null keep their value. direct_ownership_grants and ' +
    'service_tokens_can_mint govern credentials and who may do what, so only an owner may set ' +
    "them, and only from the owner's own browser session: an API key, a service token or an " +
    'impersonated request gets 403, so that a credential cannot re-open what an owner closed.',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission':
    'update on the organization; for direct_ownership_grants and service_tokens_can_mint, ' +
    "owner, from the owner's own session only (never an API key, a service token or " +
    'impersonated)',
  request: { params: Params, body: { content: json(PatchOrganization), required: true } },
  responses: {
    200: ok('The updated organization'),
    ...errorResponses(
      'ORG_NOT_FOUND',
      'PERMISSION_DENIED',
      'CREDENTIAL_SETTING_NEEDS_SESSION',
      'OWNER_ONLY_SETTING',
      'ORG_NAME_TAKEN',
    ),
  },
})

const members = createRoute({
  method: 'patch',
  path: '/v1/organization/members',
  operationId: 'updateOrganizationMembers',
  tags,
  summary: 'Invite and remove members, create service accounts',
  description:
    'All in one transaction. People are invited, not added: each gets an invitation into the ' +
    'named groups (at least one), valid 7 days, whose link is returned in `invitations` ' +
    '(invite_url). Gatehouse sends no mail (it has no mail server): deliver the links yourself; ' +
    '`send_email_error` is always null. Service accounts become members at once and join the ' +
    'named groups; with `token_name` their first service token is returned in `added_users` ' +
    '(`api_key`, shown once). Removing a member takes them out of every group, drops their ' +
    'direct grants and revokes their keys in this organization; the organization keeps at ' +
    'least one owner.',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission':
    'create on org_member to invite (only into groups whose grants you hold), delete on ' +
    'org_member to remove; to create service accounts, owner from a session or an owner-level ' +
    'service token (with token_name, a service token only where service_tokens_can_mint is ' +
    'on), never an API key, never impersonated',
  request: { body: { content: json(PatchOrganizationMembers), required: true } },
  responses: {
    200: {
      description: 'What was done',
      content: json(PatchOrganizationMembersOutput),
    },
    ...errorResponses(
      'ORG_NOT_FOUND',
      'ORG_REQUIRED',
      'INVITATION_NEEDS_GROUP',
      'EMAIL_INVALID',
      'PERMISSION_DENIED',
      'GRANT_EXCEEDS_CALLER',
      'LAST_OWNER',
      'OWNER_REQUIRED',
      'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT',
      'API_KEY_CANNOT_CREATE_SERVICE_TOKEN',
      'IMPERSONATION_CANNOT_MINT',
      'SERVICE_TOKEN_MINTING_DISABLED',
      'GROUP_NOT_FOUND',
      'USER_NOT_FOUND',
      'ALREADY_MEMBER',
    ),
  },
})

export function registerOrganizationRoutes(app: App): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const orgs = await listOrganizations(depsOf(c), actorOf(c), {
      ...pageOf(q),
      name: q.org_name,
    })
    return c.json({ objects: orgs.map(presentOrganization) }, 200)
  })
  // Before `/{organization_id}`: the router tries routes in the order they were registered.
  app.openapi(members, async (c) => {
    const body = c.req.valid('json')
    const invite = body.invite_users
    const remove = body.remove_users
    const result = await updateMembers(depsOf(c), actorOf(c), {
      orgName: body.org_name,
      orgId: body.org_id,
      inviteUsers:
        invite === undefined || invite === null
          ? invite
          : {
              ids: invite.ids,
              emails: invite.emails,
              serviceAccounts: invite.service_accounts?.map((s) => ({
                name: s.name,
                tokenName: s.token_name,
              })),
              groupIds: invite.group_ids,
              groupNames: invite.group_names,
              groupId: invite.group_id,
              groupName: invite.group_name,
              sendInviteEmails: invite.send_invite_emails,
            },
      removeUsers:
        remove === undefined || remove === null
          ? remove
          : { ids: remove.ids, emails: remove.emails },
    })
    return c.json(presentMembersUpdate(result, configOf(c).publicUrl), 200)
  })
  app.openapi(get, async (c) => {
    const { organization_id } = c.req.valid('param')
    const org = await getOrganization(depsOf(c), actorOf(c), { orgId: organization_id })
    return c.json(presentOrganization(org), 200)
  })
  app.openapi(patch, async (c) => {
    const { organization_id } = c.req.valid('param')
    const body = c.req.valid('json')
    const org = await updateOrganization(depsOf(c), actorOf(c), {
      orgId: organization_id,
      name: body.name,
      apiUrl: body.api_url,
      proxyUrl: body.proxy_url,
      realtimeUrl: body.realtime_url,
      isUniversalApi: body.is_universal_api,
      isDataplanePrivate: body.is_dataplane_private,
      imageRenderingMode: body.image_rendering_mode,
      settings: {
        directOwnershipGrants: body.direct_ownership_grants ?? undefined,
        serviceTokensCanMint: body.service_tokens_can_mint ?? undefined,
      },
    })
    return c.json(presentOrganization(org), 200)
  })
}
