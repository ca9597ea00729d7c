import { createGroup, createProject, updateMembers } from '@gatehouse/core'
import { addMember } from '@gatehouse/core/testing'
import { expect, it } from 'vitest'
import { type Credential, describeHttp, type Harness, type World } from '../testing/harness.js'
import { LIMITS } from '../wire.js'

/*
 * `q` on the list endpoints: searched in storage, paged within the matches, literal `%` and `_`,
 * bounded in length, never across orgs, and no way around a refusal.
 */

interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}
interface Listed {
  id: string
  name?: string
  email?: string | null
  given_name?: string | null
}

async function list(
  harness: Harness,
  path: string,
  auth: Credential,
  query: Record<string, string>,
): Promise<Listed[]> {
  const reply = await harness.request<{ objects: Listed[] }>('GET', path, { auth, query })
  expect(reply.status, `${path} ${JSON.stringify(query)}`).toBe(200)
  return reply.body.objects
}

/** Every page of `path` at `limit` per page, following `starting_after`. */
async function allPages(
  harness: Harness,
  path: string,
  auth: Credential,
  query: Record<string, string>,
  limit: number,
): Promise<Listed[][]> {
  const pages: Listed[][] = []
  let after: string | undefined
  for (;;) {
    const page = await list(harness, path, auth, {
      ...query,
      limit: String(limit),
      ...(after === undefined ? {} : { starting_after: after }),
    })
    if (page.length === 0) {
      return pages
    }
    pages.push(page)
    after = page[page.length - 1]?.id
  }
}

/** An API key row for `userId` straight through the store (no secret is ever used). */
async function insertKey(harness: Harness, world: World, userId: string, name: string) {
  const { deps } = harness
  const id = deps.crypto.uuid()
  await deps.store.transaction((tx) =>
    tx.apiKeys.insert({
      id,
      orgId: world.org.id,
      userId,
      name,
      previewName: 'sk-te…st',
      secretHash: deps.crypto.sha256Hex(`test key ${id}`),
      createdAt: deps.clock.now(),
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    }),
  )
  return id
}

const SEARCHED_LISTS = [
  '/v1/user',
  '/v1/invitation',
  '/v1/api_key',
  '/v1/service_account',
  '/v1/service_token',
  '/v1/group',
  '/v1/project',
  '/v1/role',
  '/v1/audit_log',
] as const

describeHttp('list search', (h) => {
  it('finds members by email or full name, ignoring case, and pages within the matches', async () => {
    const w = await h().world()
    const matching: string[] = []
    for (let i = 0; i < 7; i++) {
      const user = await addMember(h().deps, w.org, {
        name: `Searchable ${i}`,
        email: `person-${i}@s.example`,
      })
      matching.push(user.id)
      await addMember(h().deps, w.org, { name: `Other ${i}`, email: `other-${i}@s.example` })
    }
    const other = await h().world()
    const foreign = await addMember(h().deps, other.org, { name: 'Searchable outsider' })

    const pages = await allPages(h(), '/v1/user', w.owner.key, { q: 'SEARCHABLE' }, 3)
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1])
    // Newest first across the pages, every match exactly once, nothing else.
    expect(pages.flat().map((u) => u.id)).toEqual([...matching].reverse())
    expect(pages.flat().map((u) => u.id)).not.toContain(foreign.id)

    const ids = async (query: Record<string, string>) =>
      (await list(h(), '/v1/user', w.owner.key, query)).map((u) => u.id)
    expect(await ids({ q: 'person-3@' })).toEqual([matching[3]])
    // The full name spans the given and the family name.
    expect(await ids({ q: 'searchable 6' })).toEqual([matching[6]])
    // Backwards from a cursor, within the matches.
    expect(await ids({ q: 'searchable', ending_before: matching[2] ?? '', limit: '2' })).toEqual([
      matching[4],
      matching[3],
    ])
    // With Braintrust's exact filters too.
    expect(await ids({ q: 'searchable', given_name: 'Searchable 1' })).toEqual([matching[1]])
    expect(await ids({ q: 'outsider' })).toEqual([])
    // The other org's rows stay out of reach by name too.
    const refused = await h().request<ErrorReply>('GET', '/v1/user', {
      auth: w.owner.key,
      query: { q: 'outsider', org_name: other.org.name },
    })
    expect(refused.status).toBe(404)
    expect(refused.body.error.code).toBe('ORG_NOT_FOUND')
  })

  it('matches % and _ literally', async () => {
    const w = await h().world()
    const percent = await addMember(h().deps, w.org, { name: '50% off' })
    const underscore = await addMember(h().deps, w.org, { email: 'first_last@s.example' })
    // Decoys that a pattern (rather than a literal) would match.
    await addMember(h().deps, w.org, { name: '50 x off', email: 'firstXlast@s.example' })
    const ids = async (q: string) =>
      (await list(h(), '/v1/user', w.owner.key, { q })).map((u) => u.id)
    expect(await ids('%')).toEqual([percent.id])
    expect(await ids('0% o')).toEqual([percent.id])
    expect(await ids('t_l')).toEqual([underscore.id])
    expect(await ids('%_%')).toEqual([])
  })

  it('searches invitations, keys, service accounts and tokens, groups, projects, roles and the audit log', async () => {
    const w = await h().world()
    const member = await h().member(w)
    await updateMembers(h().deps, w.owner.actor, {
      orgId: w.org.id,
      inviteUsers: { emails: ['needle@corp.example', 'hay@corp.example'], groupName: 'Engineers' },
    })
    const ownKey = await insertKey(h(), w, w.owner.user.id, 'Needle laptop')
    await insertKey(h(), w, w.owner.user.id, 'hay laptop')
    const memberKey = await insertKey(h(), w, member.user.id, 'needle CI')
    const bot = await addMember(h().deps, w.org, { kind: 'service_account', name: 'Needle bot' })
    await addMember(h().deps, w.org, { kind: 'service_account', name: 'hay bot' })
    const token = h().deps.crypto.uuid()
    await h().deps.store.transaction((tx) =>
      tx.serviceTokens.insert({
        id: token,
        orgId: w.org.id,
        serviceAccountId: bot.id,
        name: 'needle deploy',
        previewName: 'bt-st-te…st',
        secretHash: h().deps.crypto.sha256Hex(`test token ${token}`),
        createdAt: h().deps.clock.now(),
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
      }),
    )
    const { group } = await createGroup(h().deps, w.owner.actor, {
      orgId: w.org.id,
      name: 'Support',
      description: 'Holds the NEEDLE',
    })
    const { project } = await createProject(h().deps, w.owner.actor, {
      orgId: w.org.id,
      name: 'needle-project',
    })
    await createProject(h().deps, w.owner.actor, { orgId: w.org.id, name: 'hay-project' })

    const ids = async (path: string, query: Record<string, string> = {}) =>
      (await list(h(), path, w.owner.session, { q: 'needle', ...query })).map((o) => o.id)
    const invitations = await list(h(), '/v1/invitation', w.owner.key, { q: 'NEEDLE' })
    expect(invitations.map((i) => i.email)).toEqual(['needle@corp.example'])
    expect(await ids('/v1/api_key')).toEqual([ownKey])
    expect(await ids('/v1/api_key', { scope: 'org' })).toEqual([memberKey, ownKey])
    expect(await ids('/v1/service_account')).toEqual([bot.id])
    expect(await ids('/v1/service_token')).toEqual([token])
    expect(await ids('/v1/group')).toEqual([group.id])
    expect(await ids('/v1/project')).toEqual([project.id])
    expect(await ids('/v1/project', { project_name: 'hay-project' })).toEqual([])
    expect(await ids('/v1/role', { q: 'read only' })).toHaveLength(1)
    // The audit log: the action, the object type, the object id.
    const created = await list(h(), '/v1/audit_log', w.owner.key, { q: 'project.create' })
    expect(created).toHaveLength(2)
    const byObject = await list(h(), '/v1/audit_log', w.owner.key, { q: project.id.toUpperCase() })
    expect(byObject.map((e) => (e as { object_id?: string }).object_id)).toEqual([project.id])
  })

  it(`refuses a q longer than ${LIMITS.search} characters on every searched list`, async () => {
    const w = await h().world()
    for (const path of SEARCHED_LISTS) {
      const tooLong = await h().request<ErrorReply>('GET', path, {
        auth: w.owner.session,
        query: { q: 'x'.repeat(LIMITS.search + 1) },
      })
      expect(tooLong.status, path).toBe(400)
      expect(tooLong.body.error.code, path).toBe('VALIDATION_FAILED')
      const longest = await h().request('GET', path, {
        auth: w.owner.session,
        query: { q: 'x'.repeat(LIMITS.search) },
      })
      expect(longest.status, path).toBe(200)
    }
  })

  it('gives a member without the permission the same refusal with a q as without', async () => {
    const w = await h().world()
    const viewer = await h().member(w, w.groups.viewers ? [w.groups.viewers] : [])
    const refusals: [string, Record<string, string>][] = [
      ['/v1/invitation', {}],
      ['/v1/api_key', { scope: 'org' }],
      ['/v1/service_account', {}],
      ['/v1/service_token', {}],
      ['/v1/audit_log', {}],
    ]
    for (const [path, query] of refusals) {
      const without = await h().request<ErrorReply>('GET', path, { auth: viewer.key, query })
      const withQ = await h().request<ErrorReply>('GET', path, {
        auth: viewer.key,
        query: { ...query, q: 'a' },
      })
      expect(without.status, path).toBe(403)
      expect(withQ.status, path).toBe(403)
      expect(withQ.body.error.code, path).toBe(without.body.error.code)
      expect(withQ.body.error.message, path).toBe(without.body.error.message)
    }
  })
})
