import { ERRORS } from '@gatehouse/core'
import { auditEvents } from '@gatehouse/core/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { documentationApp } from '../../app.js'
import { openApiDocument } from '../openapi.js'
import { type RouteAccess, routeAccess } from '../route-docs.js'
import { describeHttp, type Member, type Reply } from '../testing/harness.js'
import { buildMatrixContext, type MatrixContext } from '../testing/matrix-context.js'
import { type Expect, SAMPLES, type Sample, type SampleRequest } from '../testing/route-samples.js'

/*
 * Every registered route, four callers: nobody, another tenant's owner, a member of the org who
 * lacks the permission, and the org's owner. The routes come from the same OpenAPI document that
 * the docs and the route guard read, so a new route is in this matrix the moment it exists.
 */

interface ErrorReply {
  error?: { code?: string; message?: string; request_id?: string }
}

const ROUTES = routeAccess(openApiDocument(documentationApp()))
const PROTECTED = ROUTES.filter((r) => r.auth !== 'public')
const SOME_ID = '7c9e6679-7425-40de-944b-e07fc1f0d4aa'

function templateOf(route: RouteAccess): RegExp {
  const source = route.path
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+')
  return new RegExp(`^${source}$`)
}

function sampleOf(route: RouteAccess): Sample {
  const sample = SAMPLES[route.operationId]
  if (sample === undefined) {
    throw new Error(`no SAMPLES row for ${route.operationId}`)
  }
  return sample
}

function label(route: RouteAccess): string {
  return `${route.method} ${route.path} (${route.operationId})`
}

/** Checks a reply against what the row says; returns a line per mismatch. */
function mismatch(route: RouteAccess, who: string, reply: Reply, expected: Expect): string[] {
  const body = reply.body as ErrorReply
  const got = `${reply.status} ${body.error?.code ?? ''} ${JSON.stringify(body).slice(0, 160)}`
  const problems: string[] = []
  if (reply.status >= 500) {
    problems.push(`${label(route)} as ${who}: a 5xx (${got})`)
    return problems
  }
  if (reply.status !== expected.status) {
    problems.push(`${label(route)} as ${who}: expected ${expected.status}, got ${got}`)
    return problems
  }
  if (expected.code !== undefined) {
    if (body.error?.code !== expected.code) {
      problems.push(`${label(route)} as ${who}: expected code ${expected.code}, got ${got}`)
    } else if (body.error.message !== ERRORS[expected.code].message) {
      problems.push(`${label(route)} as ${who}: the message is not the rule's (${got})`)
    }
  }
  return problems
}

async function send(
  ctx: MatrixContext,
  route: RouteAccess,
  request: SampleRequest,
  caller: Member,
  kind: 'key' | 'session' = 'key',
): Promise<Reply> {
  const auth = request.auth ?? (kind === 'session' ? caller.session : caller.key)
  return ctx.h.request(route.method, request.path, {
    auth,
    body: request.body,
    query: request.query,
  })
}

/** What A's owner sees of A: any change made by another tenant shows up here. */
async function snapshotOfA(ctx: MatrixContext): Promise<unknown> {
  const { h, a } = ctx
  const query = { org_name: a.org.name }
  const paths = [
    `/v1/organization/${a.org.id}`,
    '/v1/project',
    '/v1/group',
    '/v1/role',
    '/v1/acl/list_org',
    '/v1/user',
    '/v1/invitation',
    '/v1/service_account',
    '/v1/service_token',
  ]
  const out: Record<string, unknown> = {}
  for (const path of paths) {
    const reply = await h.request('GET', path, { auth: a.owner.session, query })
    expect(reply.status, path).toBe(200)
    out[path] = reply.body
  }
  const keys = await h.request('GET', '/v1/api_key', {
    auth: a.owner.session,
    query: { ...query, scope: 'org' },
  })
  expect(keys.status).toBe(200)
  out.api_keys = keys.body
  out.audit_events = (await auditEvents(h.deps, a.org.id)).length
  return out
}

describe('route matrix coverage', () => {
  it('has a SAMPLES row for every registered route, and no row for a route that is gone', () => {
    const ids = ROUTES.map((r) => r.operationId)
    expect(ids.length).toBeGreaterThan(40)
    expect(ids.filter((id) => id === '')).toEqual([])
    expect(ids.filter((id) => SAMPLES[id] === undefined)).toEqual([])
    expect(Object.keys(SAMPLES).filter((id) => !ids.includes(id))).toEqual([])
  })

  it('gives a reason for every member 2xx and every cross-org answer that is not a 404', () => {
    const unexplained = ROUTES.filter((r) => {
      const s = sampleOf(r)
      return (s.member.status < 300 && !s.member.why) || (s.cross.status !== 404 && !s.cross.why)
    }).map(label)
    expect(unexplained).toEqual([])
  })
})

describeHttp('route matrix', (h) => {
  let ctx: MatrixContext
  beforeAll(async () => {
    ctx = await buildMatrixContext(h())
  })

  it('refuses every non-public route without credentials (401), before looking at the body', async () => {
    const problems: string[] = []
    for (const route of PROTECTED) {
      const path = route.path.replace(/\{[^}]+\}/g, SOME_ID)
      const attempts: { body?: unknown; headers?: Record<string, string> }[] = [
        {},
        { body: '{"not json', headers: { 'content-type': 'application/json' } },
        { body: { unknown_field: ['x'], name: 7 } },
      ]
      // GET requests carry no body (fetch refuses one).
      for (const attempt of route.method === 'GET' ? attempts.slice(0, 1) : attempts) {
        const reply = await h().request<ErrorReply>(route.method, path, attempt)
        if (reply.status !== 401 || reply.body.error?.code !== 'UNAUTHENTICATED') {
          problems.push(`${label(route)}: ${reply.status} ${JSON.stringify(reply.body)}`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it("gives another org's owner a 404 for anything of org A, and leaves A unchanged", async () => {
    // Every request is built first: building makes fresh objects in A, which the snapshot shows.
    // B's owner tries each with its API key (bound to B) and its session (bound to no org).
    const prepared: {
      route: RouteAccess
      sample: Sample
      request: SampleRequest
      kind: 'key' | 'session'
    }[] = []
    for (const route of ROUTES) {
      const sample = sampleOf(route)
      for (const kind of sample.crossWith?.kinds ?? (['key', 'session'] as const)) {
        const request = await sample.build(ctx, 'cross', ctx.b.owner)
        prepared.push({ route, sample, request, kind })
      }
    }
    const before = await snapshotOfA(ctx)
    const problems: string[] = []
    const idsOfA = [
      ctx.a.org.id,
      ctx.project,
      ctx.group,
      ctx.role,
      ctx.acl,
      ctx.apiKey,
      ctx.serviceAccount,
      ctx.serviceToken,
      ctx.a.owner.user.id,
      ctx.nobody.user.id,
    ]
    for (const { route, sample, request, kind } of prepared) {
      const reply = await send(ctx, route, request, ctx.b.owner, kind)
      const who = `B's owner (${kind})`
      problems.push(...mismatch(route, who, reply, sample.cross))
      if (reply.status < 300 && sample.cross.mayNameA === undefined) {
        const text = JSON.stringify(reply.body)
        for (const id of idsOfA) {
          if (text.includes(id)) {
            problems.push(`${label(route)}: the answer to B's owner names ${id} of org A`)
          }
        }
      }
    }
    const after = await snapshotOfA(ctx)
    expect(problems).toEqual([])
    expect(after).toEqual(before)
  })

  it('gives a member without the permission the declared status, with the rule on 403s', async () => {
    const problems: string[] = []
    for (const route of ROUTES) {
      const sample = sampleOf(route)
      const caller = sample.member.as === 'viewer' ? ctx.viewer : ctx.nobody
      const request = await sample.build(ctx, 'member', caller)
      expect(request.path, label(route)).toMatch(templateOf(route))
      const reply = await send(ctx, route, request, caller, sample.auth)
      problems.push(...mismatch(route, sample.member.as, reply, sample.member))
    }
    expect(problems).toEqual([])
  })

  it("lets the org's owner make every sample request (the samples are valid)", async () => {
    const problems: string[] = []
    for (const route of ROUTES) {
      const sample = sampleOf(route)
      const request = await sample.build(ctx, 'owner', ctx.a.owner)
      expect(request.path, label(route)).toMatch(templateOf(route))
      const reply = await send(ctx, route, request, ctx.a.owner, sample.auth)
      problems.push(...mismatch(route, 'owner', reply, sample.owner ?? { status: 200 }))
    }
    expect(problems).toEqual([])
  })
})
