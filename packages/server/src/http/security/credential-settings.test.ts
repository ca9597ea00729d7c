import { createServiceToken, ERRORS, type ErrorCode } from '@gatehouse/core'
import { addMember, auditEvents } from '@gatehouse/core/testing'
import { beforeAll, expect, it } from 'vitest'
import { type Credential, describeHttp, type Member, type World } from '../testing/harness.js'

/*
 * A credential cannot re-open what an owner closed: the org settings that govern credentials
 * (service_tokens_can_mint, direct_ownership_grants) change only from an owner's own session.
 * Every credential kind × every governed setting, over HTTP: the status, the rule's exact words,
 * an unchanged org and a `denied` audit event on every refusal. Then what an owner-level service
 * token may do with service accounts, as docs/permissions.md states it.
 */

interface ErrorReply {
  error?: { code?: string; message?: string }
}
interface OrgBody {
  service_tokens_can_mint: boolean
  direct_ownership_grants: boolean
}

type Setting = keyof OrgBody
const SETTINGS: readonly Setting[] = ['service_tokens_can_mint', 'direct_ownership_grants']

interface Caller {
  readonly name: string
  readonly auth: Credential
  readonly headers?: Record<string, string>
  /** undefined: allowed (200). */
  readonly refusal?: ErrorCode
}

describeHttp('org settings that govern credentials', (h) => {
  let w: World
  let engineer: Member
  let secondOwner: Member
  let ownerToken: string
  let callers: Caller[]

  beforeAll(async () => {
    w = await h().world()
    const { engineers } = w.groups
    if (engineers === undefined) {
      throw new Error('an Enterprise org has Engineers')
    }
    engineer = await h().member(w, [engineers])
    secondOwner = await h().member(w, [w.groups.owners])
    const bot = await addMember(h().deps, w.org, {
      kind: 'service_account',
      name: 'admin bot',
      groups: [w.groups.owners],
    })
    ownerToken = (
      await createServiceToken(h().deps, w.owner.actor, { name: 'ops', serviceAccountId: bot.id })
    ).secret
    const needsSession = 'CREDENTIAL_SETTING_NEEDS_SESSION'
    callers = [
      { name: "the owner's session", auth: w.owner.session },
      {
        name: "the owner's session impersonating another owner",
        auth: w.owner.session,
        headers: { 'x-bt-impersonate-user': secondOwner.user.id },
        refusal: needsSession,
      },
      {
        name: "the owner's session impersonating an engineer",
        auth: w.owner.session,
        headers: { 'x-bt-impersonate-user': engineer.user.id },
        refusal: needsSession,
      },
      { name: "the owner's API key", auth: w.owner.key, refusal: needsSession },
      {
        name: "the owner's API key impersonating another owner",
        auth: w.owner.key,
        headers: { 'x-bt-impersonate-user': secondOwner.user.id },
        refusal: needsSession,
      },
      { name: 'an owner-level service token', auth: { bearer: ownerToken }, refusal: needsSession },
      { name: "an engineer's session", auth: engineer.session, refusal: 'OWNER_ONLY_SETTING' },
      // The credential is refused for what it is, before anyone asks whose it is.
      { name: "an engineer's API key", auth: engineer.key, refusal: needsSession },
    ]
  })

  async function settingsNow(): Promise<OrgBody> {
    const reply = await h().request<OrgBody>('GET', `/v1/organization/${w.org.id}`, {
      auth: w.owner.session,
    })
    expect(reply.status).toBe(200)
    return {
      service_tokens_can_mint: reply.body.service_tokens_can_mint,
      direct_ownership_grants: reply.body.direct_ownership_grants,
    }
  }

  async function setAsOwner(body: Partial<OrgBody>): Promise<void> {
    const reply = await h().request('PATCH', `/v1/organization/${w.org.id}`, {
      auth: w.owner.session,
      body,
    })
    expect(reply.status).toBe(200)
  }

  it('answers every credential kind × every governed setting as the rule says, both ways', async () => {
    const problems: string[] = []
    let cells = 0
    for (const setting of SETTINGS) {
      // Both directions: closing what is open, and re-opening what an owner closed.
      for (const start of [true, false]) {
        for (const caller of callers) {
          await setAsOwner({ [setting]: start })
          const before = await settingsNow()
          const events = (await auditEvents(h().deps, w.org.id)).length
          const reply = await h().request<ErrorReply & Partial<OrgBody>>(
            'PATCH',
            `/v1/organization/${w.org.id}`,
            { auth: caller.auth, headers: caller.headers, body: { [setting]: !start } },
          )
          cells++
          const where = `${caller.name}, ${setting} ${start} → ${!start}`
          const after = await settingsNow()
          if (caller.refusal === undefined) {
            if (reply.status !== 200 || after[setting] !== !start) {
              problems.push(
                `${where}: expected 200, got ${reply.status} ${JSON.stringify(reply.body)}`,
              )
            }
            continue
          }
          const code = caller.refusal
          if (
            reply.status !== 403 ||
            reply.body.error?.code !== code ||
            reply.body.error.message !== ERRORS[code].message
          ) {
            problems.push(
              `${where}: expected 403 ${code}, got ${reply.status} ${JSON.stringify(reply.body)}`,
            )
          }
          if (JSON.stringify(after) !== JSON.stringify(before)) {
            problems.push(`${where}: the org changed (${JSON.stringify(after)})`)
          }
          const logged = await auditEvents(h().deps, w.org.id)
          const denial = logged.at(-1)
          if (
            logged.length !== events + 1 ||
            denial?.outcome !== 'denied' ||
            denial.action !== 'organization.update' ||
            denial.reason !== code
          ) {
            problems.push(`${where}: no denial audited (${JSON.stringify(denial)})`)
          }
        }
      }
    }
    expect(problems).toEqual([])
    expect(cells).toBe(SETTINGS.length * 2 * callers.length)
    await setAsOwner({ service_tokens_can_mint: true, direct_ownership_grants: true })
  })

  it('keeps an owner-level service token from re-opening minting and then minting', async () => {
    const target = await addMember(h().deps, w.org, { kind: 'service_account', name: 'target' })
    const mint = () =>
      h().request<ErrorReply>('POST', '/v1/service_token', {
        auth: { bearer: ownerToken },
        body: { name: `minted-${Math.random()}`, service_account_id: target.id },
      })
    expect((await mint()).status).toBe(200)
    await setAsOwner({ service_tokens_can_mint: false })
    const reopen = await h().request<ErrorReply>('PATCH', `/v1/organization/${w.org.id}`, {
      auth: { bearer: ownerToken },
      body: { service_tokens_can_mint: true },
    })
    expect(reopen.status).toBe(403)
    expect(reopen.body.error?.message).toBe(ERRORS.CREDENTIAL_SETTING_NEEDS_SESSION.message)
    const refused = await mint()
    expect(refused.status).toBe(403)
    expect(refused.body.error?.code).toBe('SERVICE_TOKEN_MINTING_DISABLED')
    expect((await settingsNow()).service_tokens_can_mint).toBe(false)
    await setAsOwner({ service_tokens_can_mint: true })
  })

  it('lets an owner-level service token create service accounts, their tokens only where the org allows', async () => {
    const attempts: {
      body: unknown
      path: string
      method: string
      open: number
      closed: number
    }[] = [
      { method: 'POST', path: '/v1/service_account', body: { name: 'a' }, open: 200, closed: 200 },
      {
        method: 'POST',
        path: '/v1/service_account',
        body: { name: 'b', token_name: 'first' },
        open: 200,
        closed: 403,
      },
      {
        method: 'PATCH',
        path: '/v1/organization/members',
        body: { invite_users: { service_accounts: [{ name: 'c' }] } },
        open: 200,
        closed: 200,
      },
      {
        method: 'PATCH',
        path: '/v1/organization/members',
        body: { invite_users: { service_accounts: [{ name: 'd', token_name: 'first' }] } },
        open: 200,
        closed: 403,
      },
    ]
    const problems: string[] = []
    for (const allowed of [true, false]) {
      await setAsOwner({ service_tokens_can_mint: allowed })
      for (const a of attempts) {
        const reply = await h().request<ErrorReply>(a.method, a.path, {
          auth: { bearer: ownerToken },
          body: a.body,
        })
        const expected = allowed ? a.open : a.closed
        const codeOk =
          expected !== 403 || reply.body.error?.code === 'SERVICE_TOKEN_MINTING_DISABLED'
        if (reply.status !== expected || !codeOk) {
          problems.push(
            `${a.method} ${a.path} ${JSON.stringify(a.body)} (minting ${allowed ? 'on' : 'off'}): ` +
              `expected ${expected}, got ${reply.status} ${JSON.stringify(reply.body)}`,
          )
        }
      }
    }
    expect(problems).toEqual([])
    await setAsOwner({ service_tokens_can_mint: true })
  })
})
