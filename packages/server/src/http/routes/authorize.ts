import { AuthorizeRequest, AuthorizeResponse } from '@gatehouse/contract'
import { authorize } from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { type App, actorOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { presentAuthorizeReply } from '../present.js'
import { authorizeInputOf, json } from '../wire.js'

const check = createRoute({
  method: 'post',
  path: '/v1/authorize',
  operationId: 'authorize',
  tags: ['Authorize'],
  summary: 'Decide what the caller may do: one answer per check',
  description:
    "What a data plane calls with its end user's credential (or a service token): up to 100 " +
    'checks in `checks`, or one check with its fields at the top level (then `allowed` is the ' +
    'answer too). Child objects name their project in project_id. An object that is not a live object of the ' +
    "caller's org is denied, never reported. With explain: true, each answer lists its grants.",
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'membership of the org (each check is answered, not enforced)',
  request: { body: { content: json(AuthorizeRequest), required: true } },
  responses: {
    200: {
      description: 'The principal and one decision per check',
      content: json(AuthorizeResponse),
    },
    ...errorResponses('ORG_NOT_FOUND', 'ORG_REQUIRED'),
  },
})

export function registerAuthorizeRoutes(app: App): void {
  app.openapi(check, async (c) => {
    const body = c.req.valid('json')
    const result = await authorize(depsOf(c), actorOf(c), authorizeInputOf(body))
    c.get('metrics').countDecisions(result.results)
    return c.json(presentAuthorizeReply(body, result), 200)
  })
}
