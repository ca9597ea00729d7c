import { checksumOf, generateSecret, hashSecret, type Store } from '@gatehouse/core'
import { TEST_PASSWORD } from '@gatehouse/core/testing'
import pino from 'pino'
import { expect, it } from 'vitest'
import { MAX_BODY_BYTES } from '../../app.js'
import { type Credential, describeHttp, type Harness, type Reply } from '../testing/harness.js'

/*
 * Secrets stay secret and failures stay closed. A scenario issues one secret of every kind (and
 * types some passwords), then the server's own log, the audit log and every read of the API are
 * searched for them. Malformed credentials, huge bodies and a failing database must end in a
 * 4xx or a generic 500, never in a 2xx or a leak.
 */

interface ErrorReply {
  error?: { code?: string; message?: string; request_id?: string; details?: unknown }
}

/** Everything the servers log, one JSON line per entry (both databases' runs share it). */
const logLines: string[] = []
const logger = pino(
  { level: 'info' },
  {
    write(line: string) {
      logLines.push(line)
    },
  },
)

/** Every secret the tests below issued or typed, by what it is, for the final search of the log. */
const issued = new Map<string, string>()

const WRONG_PASSWORD = 'not-the-password-Xq7'
const NEW_ACCOUNT_PASSWORD = 'invitee chooses this one 42'
const CHANGED_PASSWORD = 'the owner rotated to this 77'

function cookieOf(reply: Reply, name: string): string {
  for (const line of reply.headers.getSetCookie()) {
    const [pair] = line.split(';')
    const [key, ...value] = (pair ?? '').split('=')
    if (key?.trim() === name) {
      return value.join('=')
    }
  }
  throw new Error(`no ${name} cookie was set`)
}

/** The header value a client that sends UTF-8 puts on the wire (fetch wants a byte string). */
function utf8Header(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1')
}

/** Makes the store's next `failures` transactions fail, as a database that went away would. */
function failTransactions(store: Store, failures: number, skip = 0): () => void {
  const original = store.transaction.bind(store)
  let calls = 0
  const failing: Store['transaction'] = (fn) => {
    calls++
    if (calls > skip && calls <= skip + failures) {
      return Promise.reject(new Error('the database went away (simulated)'))
    }
    return original(fn)
  }
  Object.defineProperty(store, 'transaction', {
    value: failing,
    configurable: true,
    writable: true,
  })
  return () => {
    Object.defineProperty(store, 'transaction', {
      value: original,
      configurable: true,
      writable: true,
    })
  }
}

/**
 * Runs the scenario: login, an API key, a service account with a token, an invitation that is
 * previewed and accepted, failed logins, bad keys, a key in a URL and a password change. Returns
 * every secret that was issued or typed, and every reply.
 */
async function scenario(h: Harness) {
  const w = await h.world()
  const replies: { path: string; reply: Reply }[] = []
  const call = async <T>(...args: Parameters<Harness['request']>) => {
    const reply = await h.request<T>(...args)
    replies.push({ path: args[1], reply })
    return reply
  }

  const login = await call('POST', '/auth/login', {
    body: { email: w.owner.user.email, password: TEST_PASSWORD },
  })
  expect(login.status).toBe(200)
  const sessionToken = cookieOf(login, 'gatehouse_session')
  const csrfToken = cookieOf(login, 'gatehouse_csrf')
  const session: Credential = { session: sessionToken, csrf: csrfToken }

  const key = await call<{ id: string; key: string }>('POST', '/v1/api_key', {
    auth: session,
    body: { name: 'ci' },
  })
  expect(key.status).toBe(200)
  const apiKey = key.body.key

  const account = await call<{
    service_account: { id: string }
    token: { id: string; key: string }
  }>('POST', '/v1/service_account', {
    auth: session,
    body: { name: 'deployer', token_name: 'first' },
  })
  expect(account.status).toBe(200)
  const serviceToken = account.body.token.key

  const invited = await call<{ invitations: { invite_url: string }[] }>(
    'PATCH',
    '/v1/organization/members',
    {
      auth: session,
      body: { invite_users: { emails: ['new.person@example.com'], group_names: ['Engineers'] } },
    },
  )
  expect(invited.status).toBe(200)
  const inviteUrl = invited.body.invitations[0]?.invite_url ?? ''
  const inviteToken = decodeURIComponent(inviteUrl.split('/invite/')[1] ?? '')
  expect(inviteToken.length).toBeGreaterThan(20)
  // The invitation page carries the token in its path (503 while the web UI is not built).
  expect([200, 503]).toContain((await call('GET', new URL(inviteUrl).pathname)).status)
  expect(
    (await call('POST', '/v1/invitation/preview', { body: { token: inviteToken } })).status,
  ).toBe(200)
  const accepted = await call('POST', '/v1/invitation/accept', {
    body: { token: inviteToken, password: NEW_ACCOUNT_PASSWORD },
  })
  expect(accepted.status).toBe(200)

  for (const email of [w.owner.user.email, 'no.such.person@example.com']) {
    const failed = await call('POST', '/auth/login', { body: { email, password: WRONG_PASSWORD } })
    expect(failed.status).toBe(401)
  }

  const unknownKey = generateSecret(h.deps.crypto, 'api_key')
  for (const bad of [unknownKey, `${apiKey.slice(0, -1)}${apiKey.endsWith('0') ? '1' : '0'}`]) {
    expect((await call('GET', '/v1/project', { auth: { bearer: bad } })).status).toBe(401)
  }
  for (const [name, value] of [
    ['api_key', apiKey],
    ['token', serviceToken],
    ['q', apiKey],
  ] as const) {
    const inUrl = await call<ErrorReply>('GET', '/v1/project', { query: { [name]: value } })
    expect(inUrl.status).toBe(400)
    expect(inUrl.body.error?.code).toBe('CREDENTIAL_IN_URL')
  }

  expect((await call('GET', '/v1/project', { auth: { bearer: apiKey } })).status).toBe(200)
  expect((await call('POST', '/api/self/me', { auth: { basic: `${serviceToken}:` } })).status).toBe(
    200,
  )
  const changed = await call('POST', '/auth/password', {
    auth: session,
    body: { current_password: TEST_PASSWORD, new_password: CHANGED_PASSWORD },
  })
  expect(changed.status).toBe(200)

  const secrets: Record<string, string> = {
    'API key': apiKey,
    'API key hash': hashSecret(h.deps.crypto, apiKey),
    'fixture API key': w.owner.keySecret,
    'service token': serviceToken,
    'service token hash': hashSecret(h.deps.crypto, serviceToken),
    'session cookie': sessionToken,
    'session hash': hashSecret(h.deps.crypto, sessionToken),
    'CSRF token': csrfToken,
    'invitation token': inviteToken,
    'invitation token hash': hashSecret(h.deps.crypto, inviteToken),
    password: TEST_PASSWORD,
    'wrong password': WRONG_PASSWORD,
    "invitee's password": NEW_ACCOUNT_PASSWORD,
    'changed password': CHANGED_PASSWORD,
    'unknown key': unknownKey,
  }
  for (const [name, secret] of Object.entries(secrets)) {
    issued.set(`${name} (${h.dialect})`, secret)
  }
  return {
    w,
    apiKey,
    serviceToken,
    secrets,
    replies,
    tokenId: account.body.token.id,
    keyId: key.body.id,
  }
}

function leaks(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, secret]) => text.includes(secret))
    .map(([name]) => name)
}

describeHttp(
  'secrets and failures',
  (h) => {
    it('never shows an issued secret, a password or a hash in the log, the audit log or any read', async () => {
      const { w, apiKey, secrets, replies, tokenId, keyId } = await scenario(h())
      expect(leaks(logLines.join('\n'), secrets)).toEqual([])

      const auth = { bearer: apiKey }
      const audit = await h().request<{ objects: { action: string }[] }>('GET', '/v1/audit_log', {
        auth,
        query: { limit: '1000' },
      })
      expect(audit.status).toBe(200)
      // The scenario's changes are all there, so the search below searched something.
      const actions = audit.body.objects.map((e) => e.action)
      for (const action of ['api_key.create', 'service_account.create', 'invitation.create']) {
        expect(actions).toContain(action)
      }
      expect(leaks(JSON.stringify(audit.body), secrets)).toEqual([])

      const reads = [
        ['/v1/api_key', { scope: 'org' }],
        ['/v1/api_key', {}],
        [`/v1/api_key/${keyId}`, {}],
        ['/v1/service_token', {}],
        [`/v1/service_token/${tokenId}`, {}],
        ['/v1/service_account', {}],
        ['/v1/invitation', {}],
        ['/v1/user', {}],
        ['/v1/organization', {}],
        [`/v1/organization/${w.org.id}`, {}],
        ['/v1/group', {}],
        ['/v1/acl/list_org', {}],
        ['/auth/session', {}],
      ] as const
      for (const [path, query] of reads) {
        const reply = await h().request('GET', path, { auth, query })
        expect(reply.status, path).toBe(200)
        expect(leaks(JSON.stringify(reply.body), secrets), path).toEqual([])
      }
      const me = await h().request('POST', '/api/self/me', { auth })
      expect(leaks(JSON.stringify(me.body), secrets)).toEqual([])

      // Each reply carries its request id, and the log has one summary line for it.
      const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>)
      for (const entry of entries) {
        expect(typeof entry.request_id, JSON.stringify(entry)).toBe('string')
      }
      for (const { path, reply } of replies) {
        const id = reply.headers.get('x-request-id')
        expect(id).toMatch(/^[A-Za-z0-9._-]{1,64}$/)
        const lines = entries.filter((e) => e.request_id === id && e.msg === 'request')
        expect(lines.length, `log lines of request ${id}`).toBe(1)
        expect(lines[0]?.status).toBe(reply.status)
        // The route template (never the path itself, which may hold an invitation token).
        const route = String(lines[0]?.route)
        const pattern = new RegExp(`^${route.replace(/:[^/]+/g, '[^/]+')}$`)
        expect(path, `route ${route} of ${reply.status}`).toMatch(pattern)
      }
    })

    it('refuses a body over the limit with 413 PAYLOAD_TOO_LARGE, with or without a credential', async () => {
      const w = await h().world()
      issued.set(`413 test key (${h().dialect})`, w.owner.keySecret)
      const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) })
      expect(big.length).toBeGreaterThan(MAX_BODY_BYTES)
      // Twice each: the second request must not be stuck behind the unread rest of the first.
      for (const auth of [undefined, w.owner.key, undefined, w.owner.key]) {
        const reply = await h().request<ErrorReply>('POST', '/v1/project', { auth, body: big })
        expect(reply.status).toBe(413)
        expect(reply.body.error?.code).toBe('PAYLOAD_TOO_LARGE')
        expect(reply.headers.get('x-request-id')).toBeTruthy()
        expect(reply.headers.get('connection')).toBe('close')
      }
      // Without a length up front: the limit applies while the body streams in.
      const chunk = new TextEncoder().encode(' '.repeat(64 * 1024))
      let sent = 0
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 32) {
            controller.enqueue(chunk)
          } else {
            controller.close()
          }
        },
      })
      const init = {
        method: 'POST',
        body: stream,
        duplex: 'half',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${w.owner.keySecret}`,
        },
      }
      const streamed = await fetch(`${h().url}/v1/project`, init as RequestInit)
      expect(streamed.status).toBe(413)
      expect(((await streamed.json()) as ErrorReply).error?.code).toBe('PAYLOAD_TOO_LARGE')
      const list = await h().request<{ objects: unknown[] }>('GET', '/v1/project', {
        auth: w.owner.key,
      })
      expect(list.body.objects).toEqual([])
    })

    it('answers malformed credentials with 401, never a 5xx', async () => {
      const w = await h().world()
      issued.set(`malformed test key (${h().dialect})`, w.owner.keySecret)
      const real = w.owner.keySecret
      const body = real.slice(0, -6)
      const malformed = [
        '',
        'sk-',
        'bt-st-',
        `sk-${'A'.repeat(10 * 1024)}`,
        utf8Header('sk-ключ🔑ключ🔑ключ🔑ключ🔑ключ🔑ключ🔑'),
        utf8Header(`${body.slice(0, -2)}é🔑${checksumOf(body)}`),
        `${body}${checksumOf(`${body}x`)}`,
        `${real}${real}`,
        real.toUpperCase(),
        ' \t ',
      ]
      const headers: string[] = []
      for (const token of malformed) {
        headers.push(`Bearer ${token}`)
        headers.push(`Basic ${Buffer.from(`${token}:x`, 'latin1').toString('base64')}`)
      }
      headers.push('Basic !!!not-base64!!!', 'Basic ', 'Bearer', 'Token abc', `Digest ${real}`)
      const problems: string[] = []
      for (const authorization of headers) {
        const reply = await h().request<ErrorReply>('GET', '/v1/project', {
          headers: { authorization },
        })
        if (reply.status !== 401 || reply.body.error?.code !== 'UNAUTHENTICATED') {
          problems.push(
            `${authorization.slice(0, 40)}: ${reply.status} ${JSON.stringify(reply.body)}`,
          )
        }
      }
      // A malformed impersonation target is no reason for a 5xx either.
      for (const target of ['', 'x'.repeat(5000), utf8Header('ünïcødé🔑'), '../../etc/passwd']) {
        const reply = await h().request('GET', '/v1/project', {
          auth: w.owner.key,
          headers: { 'x-bt-impersonate-user': target },
        })
        if (reply.status >= 500 || reply.status < 400) {
          problems.push(`impersonating ${target.slice(0, 20)}: ${reply.status}`)
        }
      }
      expect(problems).toEqual([])
      // The real key still works: nothing above locked it or the server up.
      expect((await h().request('GET', '/v1/project', { auth: w.owner.key })).status).toBe(200)
    })

    it('fails closed with a generic 500 when the database fails, then recovers', async () => {
      const w = await h().world()
      issued.set(`failure test key (${h().dialect})`, w.owner.keySecret)
      const store = h().deps.store
      // First while authenticating the key, then inside the use case after authentication.
      for (const skip of [0, 1]) {
        const restore = failTransactions(store, 1, skip)
        let reply: Reply<ErrorReply>
        try {
          reply = await h().request<ErrorReply>('GET', '/v1/project', { auth: w.owner.key })
        } finally {
          restore()
        }
        expect(reply.status).toBe(500)
        expect(reply.body).toEqual({
          error: {
            code: 'INTERNAL',
            message: 'Internal error',
            request_id: reply.headers.get('x-request-id'),
          },
        })
        expect(JSON.stringify(reply.body)).not.toContain('simulated')
      }
      const restore = failTransactions(store, 1)
      try {
        const readyz = await h().request('GET', '/readyz')
        expect(readyz.status).toBe(500)
      } finally {
        restore()
      }
      expect((await h().request('GET', '/v1/project', { auth: w.owner.key })).status).toBe(200)
      // The operator learns what failed from the log; the caller never does.
      expect(logLines.some((line) => line.includes('the database went away (simulated)'))).toBe(
        true,
      )
    })

    it('has logged no secret of any test above, whatever went wrong', () => {
      expect(issued.size).toBeGreaterThan(10)
      expect(leaks(logLines.join('\n'), Object.fromEntries(issued))).toEqual([])
    })
  },
  { logger },
)
