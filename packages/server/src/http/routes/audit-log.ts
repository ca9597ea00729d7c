import { AuditEvent, AuditLogQuery, listOf } from '@gatehouse/contract'
import { listAuditLog } from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { type App, actorOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { presentAuditEvent } from '../present.js'
import { json, msOf, pageOf } from '../wire.js'

const list = createRoute({
  method: 'get',
  path: '/v1/audit_log',
  operationId: 'listAuditLog',
  tags: ['Audit log'],
  summary: "List the org's audit events, newest first",
  description:
    'Every change and every refusal, with actor, credential, impersonator and before/after. ' +
    '`since` is inclusive, `until` exclusive.',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'read on org_audit_logs',
  request: { query: AuditLogQuery },
  responses: {
    200: { description: 'Audit events', content: json(listOf(AuditEvent, 'AuditEventList')) },
    ...errorResponses('ORG_NOT_FOUND', 'ORG_REQUIRED', 'PERMISSION_DENIED'),
  },
})

export function registerAuditLogRoutes(app: App): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const events = await listAuditLog(depsOf(c), actorOf(c), {
      ...pageOf(q),
      orgName: q.org_name,
      actorId: q.actor_id,
      action: q.action,
      objectType: q.object_type,
      objectId: q.object_id,
      since: msOf(q.since) ?? undefined,
      until: msOf(q.until) ?? undefined,
    })
    return c.json({ objects: events.map(presentAuditEvent) }, 200)
  })
}
