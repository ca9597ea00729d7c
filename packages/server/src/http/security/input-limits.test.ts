import { createGroup } from '@gatehouse/core'
import { expect, it } from 'vitest'
import { documentationApp, MAX_BODY_BYTES } from '../../app.js'
import { openApiDocument } from '../openapi.js'
import { snapshotOf } from '../testing/fuzz/snapshot.js'
import { type Credential, describeHttp, type Harness, type Reply } from '../testing/harness.js'
import { LIMITS } from '../wire.js'

/*
 * Input hygiene: a NUL character in any request string is one 400 on both databases (PostgreSQL
 * cannot store it), and every cap on a request is enforced at its boundary — the cap passes,
 * one more is refused — with the error envelope.
 */

interface ErrorReply {
  error?: {
    code?: string
    message?: string
    request_id?: string
    details?: { issues?: { path: string; message: string }[] }
  }
}

const NUL_MESSAGE = 'Must not contain the NUL character (U+0000)'

/** A 400 VALIDATION_FAILED whose issues name `path`, with `message` when given. */
function expectRefused(reply: Reply<ErrorReply>, path: string, message?: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(400)
  expect(reply.body.error?.code).toBe('VALIDATION_FAILED')
  expect(reply.body.error?.request_id).toEqual(expect.any(String))
  const issue = reply.body.error?.details?.issues?.find((i) => i.path === path)
  expect(issue, JSON.stringify(reply.body.error?.details)).toBeDefined()
  if (message !== undefined) {
    expect(issue?.message).toBe(message)
  }
}

/** Sends the request and checks that it changed nothing stored. */
async function unchanged(h: Harness, send: () => Promise<Reply<ErrorReply>>) {
  const before = await snapshotOf(h.db)
  const reply = await send()
  expect(await snapshotOf(h.db)).toEqual(before)
  return reply
}

describeHttp('a NUL character in a request string', (h) => {
  it('in the unauthenticated login email: 400 naming the field, nothing stored', async () => {
    const reply = await unchanged(h(), () =>
      h().request<ErrorReply>('POST', '/auth/login', {
        body: { email: 'owner\u0000@example.com', password: 'whatever it is' },
      }),
    )
    expectRefused(reply, 'email', NUL_MESSAGE)
  })

  it('in a name of a created object (project, group, role) and a renamed one', async () => {
    const w = await h().world()
    for (const path of ['/v1/project', '/v1/group', '/v1/role']) {
      const reply = await unchanged(h(), () =>
        h().request<ErrorReply>('POST', path, { auth: w.owner.key, body: { name: 'a\u0000b' } }),
      )
      expectRefused(reply, 'name', NUL_MESSAGE)
    }
    const { group } = await createGroup(h().deps, w.owner.actor, {
      name: 'renamed later',
      orgName: w.org.name,
    })
    const reply = await unchanged(h(), () =>
      h().request<ErrorReply>('PATCH', `/v1/group/${group.id}`, {
        auth: w.owner.session,
        body: { name: 'x\u0000' },
      }),
    )
    expectRefused(reply, 'name', NUL_MESSAGE)
  })

  it("in the org's api_url", async () => {
    const w = await h().world()
    const reply = await unchanged(h(), () =>
      h().request<ErrorReply>('PATCH', `/v1/organization/${w.org.id}`, {
        auth: w.owner.session,
        body: { api_url: 'https://data.example.com/\u0000' },
      }),
    )
    expectRefused(reply, 'api_url', NUL_MESSAGE)
  })

  it('in a list filter: project_name, group_name, role_name, the audit log action, org_name', async () => {
    const w = await h().world()
    const filters: [string, string][] = [
      ['/v1/project', 'project_name'],
      ['/v1/group', 'group_name'],
      ['/v1/role', 'role_name'],
      ['/v1/audit_log', 'action'],
      ['/v1/api_key', 'org_name'],
    ]
    for (const [path, name] of filters) {
      const reply = await h().request<ErrorReply>('GET', path, {
        auth: w.owner.key,
        query: { [name]: 'a\u0000' },
      })
      expectRefused(reply, name, NUL_MESSAGE)
    }
  })

  it('in a repeated query value and in an array of a body', async () => {
    const w = await h().world()
    const listed = await h().request<ErrorReply>('GET', '/v1/user', {
      auth: w.owner.key,
      query: { email: ['someone@example.com', 'other\u0000@example.com'] },
    })
    expectRefused(listed, 'email.1', NUL_MESSAGE)
    const invited = await unchanged(h(), () =>
      h().request<ErrorReply>('PATCH', '/v1/organization/members', {
        auth: w.owner.key,
        body: {
          org_id: w.org.id,
          invite_users: { emails: ['new\u0000@example.com'], group_names: ['Viewers'] },
        },
      }),
    )
    expectRefused(invited, 'invite_users.emails.0', NUL_MESSAGE)
  })

  it("anywhere in a project's settings, keys included", async () => {
    const w = await h().world()
    const created = await h().request<{ id: string }>('POST', '/v1/project', {
      auth: w.owner.key,
      body: { name: 'with settings' },
    })
    for (const settings of [{ a: { b: ['ok', 'x\u0000'] } }, { 'key\u0000': 1 }]) {
      const reply = await unchanged(h(), () =>
        h().request<ErrorReply>('PATCH', `/v1/project/${created.body.id}`, {
          auth: w.owner.key,
          body: { settings },
        }),
      )
      expect(reply.status).toBe(400)
      expect(reply.body.error?.code).toBe('VALIDATION_FAILED')
    }
  })

  it('in a token of the public routes: setup, invitation accept, the SDK login body', async () => {
    const cases: [string, unknown, string][] = [
      [
        '/auth/setup',
        { token: 'x\u0000', org_name: 'o', email: 'a@example.com', password: 'long password' },
        'token',
      ],
      ['/v1/invitation/accept', { token: 'x\u0000', password: 'long password' }, 'token'],
      ['/v1/invitation/preview', { token: '\u0000' }, 'token'],
      ['/api/apikey/login', { token: 'sk-\u0000' }, 'token'],
    ]
    for (const [path, body, field] of cases) {
      const reply = await unchanged(h(), () => h().request<ErrorReply>('POST', path, { body }))
      expectRefused(reply, field, NUL_MESSAGE)
    }
  })

  it('in /v1/authorize on the fast lane (bearer) and the general path (session) alike', async () => {
    const w = await h().world()
    const body = {
      org_name: `${w.org.name}\u0000`,
      checks: [{ permission: 'read', object_type: 'organization', object_id: w.org.id }],
    }
    for (const auth of [w.owner.key, w.owner.session]) {
      expectRefused(
        await h().request<ErrorReply>('POST', '/v1/authorize', { auth, body }),
        'org_name',
        NUL_MESSAGE,
      )
    }
  })
})

describeHttp('caps on one request', (h) => {
  /** Two requests: `at(cap)` must pass, `at(cap + 1)` must be refused at `path`. */
  async function boundary(
    cap: number,
    path: string,
    send: (count: number) => Promise<Reply<ErrorReply>>,
  ): Promise<void> {
    const ok = await send(cap)
    expect(ok.status, `${path} at the cap: ${JSON.stringify(ok.body).slice(0, 300)}`).toBe(200)
    expectRefused(await send(cap + 1), path)
  }
  const uuids = (n: number, base: string) => Array.from({ length: n }, () => base)

  it(`limit on a list: ${LIMITS.page} passes, ${LIMITS.page + 1} is refused (not clamped)`, async () => {
    const w = await h().world()
    await boundary(LIMITS.page, 'limit', (n) =>
      h().request<ErrorReply>('GET', '/v1/project', {
        auth: w.owner.key,
        query: { limit: String(n) },
      }),
    )
  })

  it(`ids of a list filter: ${LIMITS.repeated} pass, one more is refused`, async () => {
    const w = await h().world()
    await boundary(LIMITS.repeated, 'ids', (n) =>
      h().request<ErrorReply>('GET', '/v1/group', {
        auth: w.owner.session,
        query: { ids: uuids(n, w.groups.owners.id) },
      }),
    )
  })

  it(`add_acls and remove_acls of one batch: ${LIMITS.aclBatch} each pass, one more is refused`, async () => {
    const w = await h().world()
    const item = {
      object_type: 'organization',
      object_id: w.org.id,
      group_id: w.groups.owners.id,
      permission: 'read',
    }
    for (const list of ['add_acls', 'remove_acls']) {
      await boundary(LIMITS.aclBatch, list, (n) =>
        h().request<ErrorReply>('POST', '/v1/acl/batch_update', {
          auth: w.owner.key,
          body: { [list]: Array.from({ length: n }, () => item) },
        }),
      )
    }
  })

  it(`member lists of a group: ${LIMITS.groupMembers} pass, one more is refused`, async () => {
    const w = await h().world()
    const { group } = await createGroup(h().deps, w.owner.actor, {
      name: 'big group',
      orgName: w.org.name,
    })
    for (const list of ['add_member_users', 'remove_member_users']) {
      await boundary(LIMITS.groupMembers, list, (n) =>
        h().request<ErrorReply>('PATCH', `/v1/group/${group.id}`, {
          auth: w.owner.key,
          body: { [list]: uuids(n, w.owner.user.id) },
        }),
      )
    }
    await boundary(LIMITS.groupMembers, 'member_users', (n) =>
      h().request<ErrorReply>('PUT', '/v1/group', {
        auth: w.owner.key,
        body: { name: 'replaced group', member_users: uuids(n, w.owner.user.id) },
      }),
    )
  })

  it(`permission lists of a role: ${LIMITS.roleMembers} pass, one more is refused`, async () => {
    const w = await h().world()
    await boundary(LIMITS.roleMembers, 'member_permissions', (n) =>
      h().request<ErrorReply>('PUT', '/v1/role', {
        auth: w.owner.key,
        body: {
          name: 'big role',
          member_permissions: Array.from({ length: n }, () => ({ permission: 'read' })),
        },
      }),
    )
  })

  it(`invitations in one request: ${LIMITS.members} pass, one more is refused`, async () => {
    const w = await h().world()
    let round = 0
    await boundary(LIMITS.members, 'invite_users.emails', (n) => {
      round++
      return h().request<ErrorReply>('PATCH', '/v1/organization/members', {
        auth: w.owner.key,
        body: {
          org_id: w.org.id,
          invite_users: {
            emails: Array.from({ length: n }, (_, i) => `invitee-${round}-${i}@example.com`),
            group_names: ['Viewers'],
          },
        },
      })
    })
  })

  it(`checks of /v1/authorize: ${LIMITS.authorizeChecks} pass, one more is refused, on both paths`, async () => {
    const w = await h().world()
    const check = { permission: 'read', object_type: 'organization', object_id: w.org.id }
    for (const auth of [w.owner.key, w.owner.session] as Credential[]) {
      await boundary(LIMITS.authorizeChecks, 'checks', (n) =>
        h().request<ErrorReply>('POST', '/v1/authorize', {
          auth,
          body: { checks: Array.from({ length: n }, () => check) },
        }),
      )
    }
  })

  it(`nesting of a project's settings: ${LIMITS.jsonDepth} levels pass, one more is refused`, async () => {
    const w = await h().world()
    const created = await h().request<{ id: string }>('POST', '/v1/project', {
      auth: w.owner.key,
      body: { name: 'deep settings' },
    })
    const nested = (levels: number) => {
      let value: unknown = 1
      // The settings object itself is the first level.
      for (let i = 1; i < levels; i++) {
        value = { a: value }
      }
      return value
    }
    await boundary(LIMITS.jsonDepth, 'settings', (n) =>
      h().request<ErrorReply>('PATCH', `/v1/project/${created.body.id}`, {
        auth: w.owner.key,
        body: { settings: { deep: nested(n) } },
      }),
    )
    // Far deeper than any stack: refused as the others, never a 5xx.
    const deep = `{"settings":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`
    const reply = await h().request<ErrorReply>('PATCH', `/v1/project/${created.body.id}`, {
      auth: w.owner.key,
      body: deep,
    })
    expectRefused(reply, 'settings')
  })

  it('a body of exactly 1 MiB is read; one byte more is 413 with the envelope, on /v1/authorize too', async () => {
    const w = await h().world()
    const check = { permission: 'read', object_type: 'organization', object_id: w.org.id }
    const padded = (size: number) => {
      const json = JSON.stringify({ checks: [check] })
      return `${json.slice(0, -1)}${' '.repeat(size - json.length)}}`
    }
    for (const auth of [w.owner.key, w.owner.session] as Credential[]) {
      const atCap = await h().request<ErrorReply>('POST', '/v1/authorize', {
        auth,
        body: padded(MAX_BODY_BYTES),
      })
      expect(atCap.status).toBe(200)
      const over = await h().request<ErrorReply>('POST', '/v1/authorize', {
        auth,
        body: padded(MAX_BODY_BYTES + 1),
      })
      expect(over.status).toBe(413)
      expect(over.body.error?.code).toBe('PAYLOAD_TOO_LARGE')
      expect(over.body.error?.message).toBe('The request body is too large')
      expect(over.body.error?.request_id).toEqual(expect.any(String))
    }
  })
})

it('every free-text string a request takes refuses NUL in the OpenAPI document too', () => {
  const doc = openApiDocument(documentationApp()) as unknown as {
    paths: Record<string, Record<string, Record<string, unknown>>>
    components: { schemas: Record<string, unknown> }
  }
  const unguarded: string[] = []
  const visit = (schema: unknown, where: string, seen: Set<unknown>) => {
    if (typeof schema !== 'object' || schema === null || seen.has(schema)) {
      return
    }
    seen.add(schema)
    const s = schema as Record<string, unknown>
    if (typeof s.$ref === 'string') {
      const name = s.$ref.replace('#/components/schemas/', '')
      visit(doc.components.schemas[name], `${where}→${name}`, seen)
      return
    }
    const types = Array.isArray(s.type) ? s.type : [s.type]
    const free = s.enum === undefined && s.format === undefined && s.const === undefined
    if (types.includes('string') && free && s.pattern !== '^[^\\u0000]*$') {
      unguarded.push(where)
    }
    for (const [key, child] of Object.entries(s)) {
      if (key === 'properties') {
        for (const [name, property] of Object.entries(child as Record<string, unknown>)) {
          visit(property, `${where}.${name}`, seen)
        }
      } else if (key === 'allOf') {
        // `allOf: [{ $ref }, { type: [string, null] }]` is how a nullable reference is spelled:
        // the bare type only adds null to what the reference allows.
        for (const member of child as Record<string, unknown>[]) {
          if (Object.keys(member).join() !== 'type') {
            visit(member, where, seen)
          }
        }
      } else if (typeof child === 'object') {
        visit(child, where, seen)
      }
    }
  }
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const where = `${method.toUpperCase()} ${path}`
      for (const p of (op.parameters ?? []) as { name: string; schema: unknown }[]) {
        visit(p.schema, `${where} ${p.name}`, new Set())
      }
      const body = op.requestBody as { content?: Record<string, { schema: unknown }> } | undefined
      visit(body?.content?.['application/json']?.schema, `${where} body`, new Set())
    }
  }
  expect(unguarded).toEqual([])
})
