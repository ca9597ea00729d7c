import { createApiKey, updateMembers } from '@gatehouse/core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { documentationApp } from '../../app.js'
import { openApiDocument } from '../openapi.js'
import { type FuzzPools, type FuzzRequest, generateRequest } from '../testing/fuzz/generate.js'
import { type FuzzOperation, operationsOf } from '../testing/fuzz/openapi-operations.js'
import { seededRng, seedOf } from '../testing/fuzz/prng.js'
import { differences, type Snapshot, snapshotOf } from '../testing/fuzz/snapshot.js'
import { type Credential, describeHttp, type Harness } from '../testing/harness.js'
import { buildMatrixContext, type MatrixContext } from '../testing/matrix-context.js'

/*
 * Requests generated from the served OpenAPI document, for every operation in it, sent by an
 * org's owner (its session, with the CSRF header, or its API key) against a seeded org, one at a
 * time. After each one the whole stored state is read again. What must hold:
 *  - no answer is a 5xx;
 *  - a 4xx changes nothing (see testing/fuzz/snapshot.ts for what "nothing" leaves out);
 *  - every 4xx is the error envelope { error: { code, message, request_id } }.
 *
 * GATEHOUSE_FUZZ_RUNS: requests per operation (CI's default is small; 500 for the full run).
 * GATEHOUSE_FUZZ_SEED: the run's seed (a number, or `random`); each operation derives its own
 * from it, so one operation's failure replays alone. A failure prints the seed.
 */

const RUNS = Number(process.env.GATEHOUSE_FUZZ_RUNS ?? '') || 12
const SEED =
  process.env.GATEHOUSE_FUZZ_SEED === 'random'
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.GATEHOUSE_FUZZ_SEED ?? '') || 20_261_203
/** GATEHOUSE_FUZZ_ONLY: a comma-separated list of operationIds, to replay a failure. */
const ONLY = (process.env.GATEHOUSE_FUZZ_ONLY ?? '').split(',').filter((id) => id !== '')

/** The operations, known before any server runs so that each test is named after its own. */
const DOCUMENTED = operationsOf(openApiDocument(documentationApp()) as never).filter(
  (o) => ONLY.length === 0 || ONLY.includes(o.operationId),
)

/** One request may take this long (a megabyte through the parser, on a busy machine). */
const REQUEST_TIMEOUT_MS = 20_000

interface Outcome {
  readonly status: number
  readonly text: string
  readonly contentType: string
}

interface Tally {
  requests: number
  sendMs: number
  snapshotMs: number
  byStatus: Map<number, number>
  failures: number
}

interface Session {
  session: Credential & { session: string; csrf: string }
  key: string
}

async function credentials(h: Harness, ctx: MatrixContext): Promise<Session> {
  const session = (await h.sessionFor(ctx.a.owner.user)) as Session['session']
  const { secret } = await createApiKey(h.deps, ctx.a.owner.actor, {
    name: 'fuzz key',
    orgId: ctx.a.org.id,
  })
  return { session, key: secret }
}

function headersFor(request: FuzzRequest, creds: Session): Headers {
  const headers = new Headers()
  if (request.contentType !== undefined) {
    headers.set('content-type', request.contentType)
  }
  const cookie = `gatehouse_session=${creds.session.session}`
  switch (request.auth) {
    case 'session':
      headers.set('cookie', cookie)
      headers.set('x-csrf-token', creds.session.csrf)
      break
    case 'key':
      headers.set('authorization', `Bearer ${creds.key}`)
      break
    case 'session-without-csrf':
      headers.set('cookie', cookie)
      break
    case 'bad-bearer':
      headers.set('authorization', `Bearer sk-${'A'.repeat(40)}`)
      break
    case 'key-and-session':
      headers.set('cookie', cookie)
      headers.set('x-csrf-token', creds.session.csrf)
      headers.set('authorization', `Bearer ${creds.key}`)
      break
    case 'impersonate':
    case 'none':
      break
  }
  if (request.impersonate !== undefined) {
    headers.set('x-bt-impersonate-user', request.impersonate)
  }
  return headers
}

async function send(h: Harness, request: FuzzRequest, creds: Session): Promise<Outcome> {
  const query = request.query.length === 0 ? '' : `?${request.query.join('&')}`
  const res = await fetch(`${h.url}${request.path}${query}`, {
    method: request.method,
    headers: headersFor(request, creds),
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  return {
    status: res.status,
    text: await res.text(),
    contentType: res.headers.get('content-type') ?? '',
  }
}

/** What is wrong with a 4xx's body, if anything. */
function envelopeProblem(outcome: Outcome): string | undefined {
  if (!outcome.contentType.includes('application/json')) {
    return `content-type ${outcome.contentType || '(none)'}`
  }
  let parsed: { error?: { code?: unknown; message?: unknown; request_id?: unknown } }
  try {
    parsed = JSON.parse(outcome.text)
  } catch {
    return 'the body is not JSON'
  }
  const error = parsed.error
  for (const field of ['code', 'message', 'request_id'] as const) {
    if (typeof error?.[field] !== 'string' || error[field] === '') {
      return `error.${field} is missing`
    }
  }
  return undefined
}

function describeRequest(request: FuzzRequest): string {
  const query = request.query.length === 0 ? '' : `?${request.query.join('&')}`
  const body =
    request.body === undefined
      ? 'no body'
      : `${request.body.length} bytes: ${JSON.stringify(request.body.slice(0, 240))}`
  return (
    `${request.method} ${request.path.slice(0, 200)}${query.slice(0, 300)} as ${request.auth}` +
    ` [${request.mutations.join(', ') || 'plausible'}] content-type=${request.contentType} ${body}`
  )
}

/** Names, emails and ids that exist in the seeded world, so requests reach past the 404s. */
async function poolsOf(h: Harness, ctx: MatrixContext): Promise<FuzzPools> {
  const viewers = ctx.a.groups.viewers
  const invited = await updateMembers(h.deps, ctx.a.owner.actor, {
    orgName: ctx.a.org.name,
    inviteUsers: {
      emails: [ctx.fresh.email()],
      groupIds: viewers === undefined ? [] : [viewers.id],
    },
  })
  const org = await h.deps.store.transaction((tx) => tx.orgs.find(ctx.a.org.id))
  return {
    ids: [
      ctx.a.org.id,
      ctx.b.org.id,
      ctx.project,
      ctx.group,
      ctx.role,
      ctx.acl,
      ctx.apiKey,
      ctx.serviceAccount,
      ctx.serviceToken,
      ctx.a.owner.user.id,
      ctx.b.owner.user.id,
      ctx.nobody.user.id,
      ctx.viewer.user.id,
      ctx.a.groups.owners.id,
      ...(ctx.a.groups.engineers === undefined ? [] : [ctx.a.groups.engineers.id]),
      ...(viewers === undefined ? [] : [viewers.id]),
      ...invited.invitations.map((i) => i.id),
    ],
    orgNames: [org?.name ?? ctx.a.org.name, ctx.b.org.name],
    emails: [ctx.a.owner.user.email, ctx.nobody.user.email, ctx.b.owner.user.email],
    names: ['Owners', 'Engineers', 'Viewers', 'Owner', 'Engineer', 'Viewer'],
    tokens: invited.invitations.map((i) => i.token),
  }
}

describeHttp('fuzzing every operation of the OpenAPI document', (h) => {
  let operations = new Map<string, FuzzOperation>()
  let ctx: MatrixContext
  let pools: FuzzPools
  const tally: Tally = { requests: 0, sendMs: 0, snapshotMs: 0, byStatus: new Map(), failures: 0 }

  beforeAll(async () => {
    const served = await fetch(`${h().url}/openapi.json`)
    operations = new Map(
      operationsOf((await served.json()) as never).map((o) => [o.operationId, o]),
    )
    ctx = await buildMatrixContext(h())
    pools = await poolsOf(h(), ctx)
  })

  afterAll(() => {
    const statuses = [...tally.byStatus].sort(([a], [b]) => a - b)
    console.info(
      `fuzz (${h().dialect}): ${operations.size} operations, ${tally.requests} requests ` +
        `(${RUNS} each, seed ${SEED}), ${tally.failures} failures; statuses ` +
        statuses.map(([s, n]) => `${s}×${n}`).join(' ') +
        `; ${Math.round(tally.sendMs)} ms sending, ${Math.round(tally.snapshotMs)} ms snapshotting`,
    )
  })

  it('covers every operation of the served document', () => {
    const served = [...operations.keys()].filter((id) => ONLY.length === 0 || ONLY.includes(id))
    expect(served.sort()).toEqual(DOCUMENTED.map((o) => o.operationId).sort())
    expect(operations.size).toBeGreaterThanOrEqual(59)
  })

  for (const documented of DOCUMENTED) {
    const title = `${documented.operationId} (${documented.method} ${documented.path}): ${RUNS} requests`
    it(title, async () => {
      const op = operations.get(documented.operationId)
      if (op === undefined) {
        throw new Error(`${documented.operationId} is not in the served /openapi.json`)
      }
      const opSeed = seedOf(SEED, op.operationId)
      const rng = seededRng(opSeed)
      let creds = await credentials(h(), ctx)
      let before: Snapshot = await snapshotOf(h().db)
      const failures: string[] = []
      let previous = 'nothing'
      for (let run = 0; run < RUNS; run++) {
        const request = generateRequest(op, rng, pools)
        let outcome: Outcome
        try {
          const sent = performance.now()
          outcome = await send(h(), request, creds)
          tally.sendMs += performance.now() - sent
        } catch (err) {
          const cause = (err as { cause?: unknown }).cause
          failures.push(
            `#${run} no answer (${String(err)}; ${String(cause)}): ${describeRequest(request)}` +
              ` (after ${previous})`,
          )
          before = await snapshotOf(h().db)
          continue
        }
        tally.requests++
        if (process.env.GATEHOUSE_FUZZ_TRACE === '1') {
          console.info(`#${run} ${outcome.status} ${describeRequest(request).slice(0, 300)}`)
        }
        tally.byStatus.set(outcome.status, (tally.byStatus.get(outcome.status) ?? 0) + 1)
        const snapped = performance.now()
        const after = await snapshotOf(h().db)
        tally.snapshotMs += performance.now() - snapped
        const reply = `${outcome.status} ${outcome.text.slice(0, 300)}`
        if (outcome.status >= 500) {
          failures.push(`#${run} a ${reply} to ${describeRequest(request)}`)
        } else if (outcome.status >= 400) {
          const changed = differences(before, after)
          if (changed.length > 0) {
            failures.push(
              `#${run} a ${reply} changed ${changed.join('; ')} — ${describeRequest(request)}`,
            )
          }
          const problem = envelopeProblem(outcome)
          if (problem !== undefined) {
            failures.push(
              `#${run} a ${reply} without the envelope (${problem}) — ${describeRequest(request)}`,
            )
          }
        }
        before = after
        previous = `${outcome.status} to ${describeRequest(request).slice(0, 200)}`
        // A request that ended the session (logout) or the key leaves the next ones nothing to
        // test: new credentials, outside the compared window.
        if (
          outcome.status < 300 &&
          ['logout', 'deleteApiKey', 'changePassword'].includes(op.operationId)
        ) {
          creds = await credentials(h(), ctx)
          before = await snapshotOf(h().db)
        }
      }
      tally.failures += failures.length
      if (failures.length > 0) {
        console.error(
          `fuzz ${op.operationId} (${h().dialect}) failed: GATEHOUSE_FUZZ_SEED=${SEED} ` +
            `GATEHOUSE_FUZZ_RUNS=${RUNS} (operation seed ${opSeed})\n${failures.slice(0, 20).join('\n')}`,
        )
      }
      expect(failures, `${op.operationId}: GATEHOUSE_FUZZ_SEED=${SEED}`).toEqual([])
    }, 600_000)
  }
})
