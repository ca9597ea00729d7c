import {
  AcceptInvitation,
  AcceptInvitationOutput,
  Invitation,
  InvitationListQuery,
  InvitationPreview,
  InvitationTokenRequest,
  listOf,
  Uuid,
} from '@gatehouse/contract'
import {
  acceptInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { type App, actorOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { presentInvitation, presentInvitationPreview } from '../present.js'
import { json, pageOf } from '../wire.js'

/*
 * The invitation token is a credential: it travels in request bodies only (the authenticate
 * middleware refuses query parameters named token), so preview and accept are POSTs.
 */

const tags = ['Invitations']
const Params = z.object({ invitation_id: Uuid })

const list = createRoute({
  method: 'get',
  path: '/v1/invitation',
  operationId: 'listInvitations',
  tags,
  summary: "List the organization's pending invitations, newest first",
  description: 'Pending: neither accepted, revoked nor expired. Tokens are never returned.',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'read on org_member',
  request: { query: InvitationListQuery },
  responses: {
    200: { description: 'Invitations', content: json(listOf(Invitation, 'InvitationList')) },
    ...errorResponses('ORG_NOT_FOUND', 'ORG_REQUIRED', 'PERMISSION_DENIED'),
  },
})

const revoke = createRoute({
  method: 'delete',
  path: '/v1/invitation/{invitation_id}',
  operationId: 'revokeInvitation',
  tags,
  summary: 'Revoke a pending invitation, so that its link stops working',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'delete on org_member',
  request: { params: Params },
  responses: {
    200: { description: 'The revoked invitation', content: json(Invitation) },
    ...errorResponses('INVITATION_NOT_FOUND', 'PERMISSION_DENIED'),
  },
})

const preview = createRoute({
  method: 'post',
  path: '/v1/invitation/preview',
  operationId: 'previewInvitation',
  tags,
  summary: 'What an invitation link leads to',
  description:
    'For the page behind /invite/{token}: the organization, the invited email and whether an ' +
    'account with that email exists (sign in to accept) or not (choose a password). Unknown, ' +
    'used, revoked and expired tokens get the same 404.',
  'x-gatehouse-auth': 'public',
  'x-gatehouse-permission': 'none: the token is the credential',
  request: { body: { content: json(InvitationTokenRequest), required: true } },
  responses: {
    200: { description: 'The invitation', content: json(InvitationPreview) },
    ...errorResponses('INVITATION_NOT_FOUND'),
  },
})

const accept = createRoute({
  method: 'post',
  path: '/v1/invitation/accept',
  operationId: 'acceptInvitation',
  tags,
  summary: 'Accept an invitation (once)',
  description:
    'When no account has the invited email, send `password`: the account is created and joins ' +
    'the organization. This does not log the new user in: `POST /auth/login` next. When the ' +
    'account exists, accept from its own session (cookie and CSRF token), not impersonated; ' +
    'any other caller gets the same 404 as for an unknown token.',
  'x-gatehouse-auth': 'public',
  'x-gatehouse-permission':
    "none for a new account (the token is the credential); the invitee's own session otherwise",
  request: { body: { content: json(AcceptInvitation), required: true } },
  responses: {
    200: { description: 'The member who joined', content: json(AcceptInvitationOutput) },
    ...errorResponses(
      'INVITATION_NOT_FOUND',
      'ALREADY_MEMBER',
      'PASSWORD_TOO_SHORT',
      'PASSWORD_TOO_LONG',
    ),
  },
})

export function registerInvitationRoutes(app: App): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const invitations = await listInvitations(depsOf(c), actorOf(c), {
      ...pageOf(q),
      orgName: q.org_name,
    })
    return c.json({ objects: invitations.map(presentInvitation) }, 200)
  })
  app.openapi(revoke, async (c) => {
    const { invitation_id } = c.req.valid('param')
    const revoked = await revokeInvitation(depsOf(c), actorOf(c), { invitationId: invitation_id })
    return c.json(presentInvitation(revoked), 200)
  })
  app.openapi(preview, async (c) => {
    const { token } = c.req.valid('json')
    return c.json(presentInvitationPreview(await previewInvitation(depsOf(c), { token })), 200)
  })
  app.openapi(accept, async (c) => {
    const body = c.req.valid('json')
    const result = await acceptInvitation(depsOf(c), {
      token: body.token,
      password: body.password,
      actor: c.get('actor'),
    })
    return c.json(
      { user_id: result.user.id, org_id: result.org.id, created_user: result.createdUser },
      200,
    )
  })
}
