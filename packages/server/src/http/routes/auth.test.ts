import { request as httpRequest } from 'node:http'
import { addMember, TEST_PASSWORD } from '@gatehouse/core/testing'
import { expect, it, vi } from 'vitest'
import { type Credential, describeHttp, type Harness, type Reply } from '../testing/harness.js'

interface SessionBody {
  user: { id: string; email: string; given_name: string | null; family_name: string | null }
  organizations: { id: string; name: string; plan: string }[]
  impersonator_user_id: string | null
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

interface SetCookie {
  readonly value: string
  readonly attributes: readonly string[]
}

/** The response's Set-Cookie headers by cookie name; attribute names lower-cased. */
function setCookies(headers: Headers): Map<string, SetCookie> {
  const found = new Map<string, SetCookie>()
  for (const line of headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
    const eq = pair.indexOf('=')
    found.set(pair.slice(0, eq), {
      value: decodeURIComponent(pair.slice(eq + 1)),
      attributes: attributes.map((a) => {
        const at = a.indexOf('=')
        return at < 0 ? a.toLowerCase() : `${a.slice(0, at).toLowerCase()}=${a.slice(at + 1)}`
      }),
    })
  }
  return found
}

function loginBody(email: string, password = TEST_PASSWORD) {
  return { email, password }
}

/** Logs in over HTTP and returns the session credential that the response's cookies carry. */
async function logIn(
  h: Harness,
  email: string,
  password = TEST_PASSWORD,
  headers: Record<string, string> = {},
): Promise<{ reply: Reply<SessionBody>; session: Credential & { session: string; csrf: string } }> {
  const reply = await h.request<SessionBody>('POST', '/auth/login', {
    body: loginBody(email, password),
    headers,
  })
  expect(reply.status).toBe(200)
  const cookies = setCookies(reply.headers)
  const session = cookies.get('gatehouse_session')?.value
  const csrf = cookies.get('gatehouse_csrf')?.value
  if (session === undefined || csrf === undefined) {
    throw new Error('login set no session or CSRF cookie')
  }
  return { reply, session: { session, csrf } }
}

/**
 * A POST on a connection of its own, closed afterwards. The server may answer an oversized body
 * before reading all of it; such a socket must not go back into fetch's shared pool, where the
 * next test's request could land on it while the server is closing it.
 */
function postAlone(
  base: string,
  path: string,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const payload = Buffer.from(JSON.stringify(body))
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(path, base),
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', reject)
      },
    )
    // The server may close while the upload is still going; an error before the answer fails.
    req.on('error', reject)
    req.end(payload)
  })
}

async function liveSessionIds(h: Harness, userId: string): Promise<string[]> {
  const now = h.deps.clock.now()
  const sessions = await h.deps.store.transaction((tx) => tx.sessions.listForUser(userId, now))
  return sessions.filter((s) => s.revokedAt === null).map((s) => s.id)
}

// First, and on databases of its own: setup only works while no organization exists.
describeHttp('auth: first-run setup', (h) => {
  it('creates the first org and its owner with the one-time token, once', async () => {
    const body = {
      org_name: 'first',
      email: 'first-owner@example.com',
      password: 'a long enough password',
    }
    const wrong = await h().request<ErrorReply>('POST', '/auth/setup', {
      body: { ...body, token: 'not-the-token' },
    })
    expect(wrong.status).toBe(404)
    expect(wrong.body.error).toMatchObject({
      code: 'SETUP_NOT_AVAILABLE',
      message: 'Setup is not available: the link is unknown, used or expired',
    })

    const token = h().services.setup.issue()
    const invalid = await h().request<ErrorReply>('POST', '/auth/setup', {
      body: { ...body, token, admin: true },
    })
    expect(invalid.status).toBe(400)
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED')
    expect(await h().deps.store.transaction((tx) => tx.orgs.listAll())).toEqual([])

    const done = await h().request<SessionBody>('POST', '/auth/setup', {
      body: { ...body, token, plan: 'pro' },
    })
    expect(done.status).toBe(200)
    expect(done.body.user.email).toBe('first-owner@example.com')
    expect(done.body.organizations).toEqual([
      { id: expect.any(String), name: 'first', plan: 'pro' },
    ])
    expect(done.body.impersonator_user_id).toBeNull()
    const cookie = setCookies(done.headers).get('gatehouse_session')?.value
    expect(cookie).toBeDefined()
    const me = await h().request<SessionBody>('GET', '/auth/session', {
      headers: { cookie: `gatehouse_session=${cookie}` },
    })
    expect(me.body.user.id).toBe(done.body.user.id)
    // The new owner's password is the one chosen at setup.
    await logIn(h(), body.email, body.password)

    const again = await h().request<ErrorReply>('POST', '/auth/setup', {
      body: { ...body, org_name: 'second', token },
    })
    expect(again.status).toBe(404)
    expect(again.body.error.code).toBe('SETUP_NOT_AVAILABLE')
    // A fresh token is of no use either once an organization exists.
    const late = await h().request<ErrorReply>('POST', '/auth/setup', {
      body: { ...body, org_name: 'second', token: h().services.setup.issue() },
    })
    expect(late.status).toBe(404)
    const orgs = await h().deps.store.transaction((tx) => tx.orgs.listAll())
    expect(orgs.map((o) => o.name)).toEqual(['first'])
  })
})

describeHttp('auth', (h) => {
  it('logs in with an HttpOnly SameSite=Lax session cookie and a readable CSRF cookie', async () => {
    const w = await h().world()
    const reply = await h().request<SessionBody>('POST', '/auth/login', {
      body: loginBody(` ${w.owner.user.email.toUpperCase()} `),
    })
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({
      user: { id: w.owner.user.id, email: w.owner.user.email, given_name: null, family_name: null },
      organizations: [{ id: w.org.id, name: w.org.name, plan: 'enterprise' }],
      impersonator_user_id: null,
    })
    const cookies = setCookies(reply.headers)
    const session = cookies.get('gatehouse_session')
    const csrf = cookies.get('gatehouse_csrf')
    expect(session?.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=Lax', 'path=/']),
    )
    expect(session?.value).toMatch(/^[0-9A-Za-z]{43}$/)
    // The page's script reads this one to send it back in x-csrf-token.
    expect(csrf?.attributes).not.toContain('httponly')
    expect(csrf?.value).toMatch(/^[0-9A-Za-z]{43}$/)
    expect(csrf?.value).not.toBe(session?.value)
    // Plain http here, so no Secure: the browser would drop the cookie.
    expect(session?.attributes).not.toContain('secure')
  })

  it('gives every login a new session, also to a browser that already has one', async () => {
    const w = await h().world()
    const before = await liveSessionIds(h(), w.owner.user.id)
    const first = await logIn(h(), w.owner.user.email)
    // A cross-site form cannot swap a logged-in browser's session: with a live cookie, logging
    // in again is a write like any other and needs the CSRF token.
    const forged = await h().request<ErrorReply>('POST', '/auth/login', {
      body: loginBody(w.owner.user.email),
      auth: { ...first.session, omitCsrf: true },
    })
    expect(forged.status).toBe(403)
    expect(forged.body.error.code).toBe('CSRF_FAILED')
    const second = await h().request('POST', '/auth/login', {
      body: loginBody(w.owner.user.email),
      auth: first.session,
    })
    expect(second.status).toBe(200)
    const rotated = setCookies(second.headers).get('gatehouse_session')?.value
    expect(rotated).toBeDefined()
    expect(rotated).not.toBe(first.session.session)
    const after = await liveSessionIds(h(), w.owner.user.id)
    const added = after.filter((id) => !before.includes(id))
    expect(added).toHaveLength(2)
    expect(new Set(added).size).toBe(2)
  })

  it('logs out on the server: the old cookie is refused afterwards', async () => {
    const w = await h().world()
    const { session } = await logIn(h(), w.owner.user.email)
    expect((await h().request('GET', '/auth/session', { auth: session })).status).toBe(200)

    const out = await h().request<{ status: string }>('POST', '/auth/logout', { auth: session })
    expect(out.status).toBe(200)
    expect(out.body).toEqual({ status: 'success' })
    const cleared = setCookies(out.headers).get('gatehouse_session')
    expect(cleared?.value).toBe('')

    for (const [method, path] of [
      ['GET', '/auth/session'],
      ['GET', '/v1/project'],
    ] as const) {
      const replay = await h().request<ErrorReply>(method, path, { auth: session })
      expect(replay.status).toBe(401)
      expect(replay.body.error.code).toBe('UNAUTHENTICATED')
    }
    // Other sessions of the same person are not affected.
    expect((await h().request('GET', '/auth/session', { auth: w.owner.session })).status).toBe(200)
  })

  it('refuses logout without credentials, with an API key, and without the CSRF token', async () => {
    const w = await h().world()
    const none = await h().request<ErrorReply>('POST', '/auth/logout')
    expect(none.status).toBe(401)
    const key = await h().request<ErrorReply>('POST', '/auth/logout', { auth: w.owner.key })
    expect(key.status).toBe(403)
    expect(key.body.error.code).toBe('PERMISSION_DENIED')
    const { session } = await logIn(h(), w.owner.user.email)
    const forged = await h().request<ErrorReply>('POST', '/auth/logout', {
      auth: { ...session, omitCsrf: true },
    })
    expect(forged.status).toBe(403)
    expect(forged.body.error.code).toBe('CSRF_FAILED')
    // A cross-site form cannot log the victim out: the session still works.
    expect((await h().request('GET', '/auth/session', { auth: session })).status).toBe(200)
  })

  it('says who is calling: with a session, with an API key, and not without credentials', async () => {
    const a = await h().world()
    const b = await h().world({ plan: 'pro' })
    const both = await h().member(b)
    // The same person in two orgs: a session sees both, an API key only its own org.
    await addMember(h().deps, a.org, { email: both.user.email })
    const session = await h().sessionFor(both.user)

    const bySession = await h().request<SessionBody>('GET', '/auth/session', { auth: session })
    expect(bySession.status).toBe(200)
    expect(bySession.body.user.id).toBe(both.user.id)
    expect(bySession.body.organizations.map((o) => o.id).sort()).toEqual(
      [a.org.id, b.org.id].sort(),
    )

    const byKey = await h().request<SessionBody>('GET', '/auth/session', { auth: both.key })
    expect(byKey.status).toBe(200)
    expect(byKey.body.user.id).toBe(both.user.id)
    expect(byKey.body.organizations).toEqual([{ id: b.org.id, name: b.org.name, plan: 'pro' }])

    const anonymous = await h().request<ErrorReply>('GET', '/auth/session')
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Credentials are missing or invalid',
      request_id: expect.any(String),
    })
    const garbage = await h().request<ErrorReply>('GET', '/auth/session', {
      headers: { cookie: 'gatehouse_session=not-a-session' },
    })
    expect(garbage.status).toBe(401)
  })

  it('needs the session’s CSRF token on cookie-authenticated writes', async () => {
    const w = await h().world()
    const { session } = await logIn(h(), w.owner.user.email)
    const other = await logIn(h(), w.owner.user.email)
    const attempts: [string, Credential][] = [
      ['none', { ...session, omitCsrf: true }],
      ['garbage', { ...session, csrf: 'x' }],
      ['the session token itself', { ...session, csrf: session.session }],
      ["another session's token", { ...session, csrf: other.session.csrf }],
    ]
    for (const [label, auth] of attempts) {
      const refused = await h().request<ErrorReply>('POST', '/v1/project', {
        auth,
        body: { name: `p-${label}` },
      })
      expect(refused.status, label).toBe(403)
      expect(refused.body.error).toMatchObject({
        code: 'CSRF_FAILED',
        message: 'This request needs the CSRF token of your session in the x-csrf-token header',
      })
    }
    const listed = await h().request<{ objects: unknown[] }>('GET', '/v1/project', {
      auth: { ...session, omitCsrf: true },
    })
    expect(listed.status).toBe(200)
    expect(listed.body.objects).toEqual([])

    const created = await h().request<{ name: string }>('POST', '/v1/project', {
      auth: session,
      body: { name: 'with-csrf' },
    })
    expect(created.status).toBe(200)
    expect(created.body.name).toBe('with-csrf')
  })

  it('answers an unknown user and a wrong password with the same bytes', async () => {
    const w = await h().world()
    const send = async (email: string, password: string) => {
      const res = await fetch(`${h().url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'same-request-id' },
        body: JSON.stringify({ email, password }),
      })
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        cookies: res.headers.getSetCookie(),
        text: await res.text(),
      }
    }
    const unknown = await send('nobody-at-all@example.com', TEST_PASSWORD)
    const wrong = await send(w.owner.user.email, 'not the password')
    expect(unknown.status).toBe(401)
    expect(wrong).toEqual(unknown)
    expect(JSON.parse(unknown.text)).toEqual({
      error: {
        code: 'UNAUTHENTICATED',
        message: 'Credentials are missing or invalid',
        request_id: 'same-request-id',
      },
    })
    expect(unknown.cookies).toEqual([])
  })

  it('refuses bad login input with 400, and a 1 MB password without hashing it', async () => {
    const w = await h().world()
    const email = w.owner.user.email
    for (const body of [
      {},
      { email },
      { email, password: TEST_PASSWORD, remember: true },
      { email: 42, password: TEST_PASSWORD },
      'not json',
    ]) {
      const reply = await h().request<ErrorReply>('POST', '/auth/login', { body })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    // 1024 characters but over 1024 bytes: core's own limit, before any hashing.
    const wide = await h().request<ErrorReply>('POST', '/auth/login', {
      body: loginBody(email, 'é'.repeat(1000)),
    })
    expect(wide.status).toBe(400)
    expect(wide.body.error.code).toBe('PASSWORD_TOO_LONG')

    const verify = vi.spyOn(h().deps.passwords, 'verify')
    const hash = vi.spyOn(h().deps.passwords, 'hash')
    try {
      for (const [size, status, code] of [
        [1_000_000, 400, 'VALIDATION_FAILED'],
        [1024 * 1024, 413, 'PAYLOAD_TOO_LARGE'],
      ] as const) {
        const started = performance.now()
        const reply = await postAlone(h().url, '/auth/login', loginBody(email, 'p'.repeat(size)))
        const ms = performance.now() - started
        expect(reply.status).toBe(status)
        expect((JSON.parse(reply.text) as ErrorReply).error.code).toBe(code)
        expect(ms).toBeLessThan(200)
      }
      expect(verify).not.toHaveBeenCalled()
      expect(hash).not.toHaveBeenCalled()
    } finally {
      verify.mockRestore()
      hash.mockRestore()
    }
  })

  it('throttles failed logins per account: the 101st attempt is 429 with Retry-After', async () => {
    const w = await h().world()
    const email = w.owner.user.email
    // Without trustProxy, X-Forwarded-For is the caller's to make up: it must not buy attempts.
    const failures = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        h().request<ErrorReply>('POST', '/auth/login', {
          body: loginBody(email, `wrong password ${i}`),
          headers: { 'x-forwarded-for': `192.0.2.${i}` },
        }),
      ),
    )
    expect(failures.map((f) => f.status)).toEqual(Array(100).fill(401))

    for (const password of ['wrong again', TEST_PASSWORD]) {
      const limited = await h().request<ErrorReply>('POST', '/auth/login', {
        body: loginBody(email, password),
        headers: { 'x-forwarded-for': '198.51.100.99' },
      })
      expect(limited.status).toBe(429)
      expect(limited.body.error).toMatchObject({
        code: 'RATE_LIMITED',
        message: 'Too many requests; retry later',
      })
      const retryAfter = Number(limited.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThan(3500)
      expect(retryAfter).toBeLessThanOrEqual(3600)
      expect(setCookies(limited.headers).size).toBe(0)
    }
    // Sessions opened before the attack keep working.
    expect((await h().request('GET', '/auth/session', { auth: w.owner.session })).status).toBe(200)
  })

  it('changes the password: needs the current one, ends the other sessions', async () => {
    const w = await h().world()
    const email = w.owner.user.email
    const current = await logIn(h(), email)
    const elsewhere = await logIn(h(), email)
    const next = 'a brand new password'

    const wrong = await h().request<ErrorReply>('POST', '/auth/password', {
      auth: current.session,
      body: { current_password: 'not the password', new_password: next },
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.error.code).toBe('VALIDATION_FAILED')
    const short = await h().request<ErrorReply>('POST', '/auth/password', {
      auth: current.session,
      body: { current_password: TEST_PASSWORD, new_password: 'short' },
    })
    expect(short.status).toBe(400)
    expect(short.body.error.code).toBe('PASSWORD_TOO_SHORT')
    const unknownField = await h().request<ErrorReply>('POST', '/auth/password', {
      auth: current.session,
      body: { current_password: TEST_PASSWORD, new_password: next, user_id: w.owner.user.id },
    })
    expect(unknownField.status).toBe(400)
    expect(unknownField.body.error.code).toBe('VALIDATION_FAILED')
    // Nothing changed so far: the other session still works.
    expect((await h().request('GET', '/auth/session', { auth: elsewhere.session })).status).toBe(
      200,
    )

    const changed = await h().request<{ status: string }>('POST', '/auth/password', {
      auth: current.session,
      body: { current_password: TEST_PASSWORD, new_password: next },
    })
    expect(changed.status).toBe(200)
    expect(changed.body).toEqual({ status: 'success' })

    expect((await h().request('GET', '/auth/session', { auth: current.session })).status).toBe(200)
    for (const gone of [elsewhere.session, w.owner.session]) {
      expect((await h().request('GET', '/auth/session', { auth: gone })).status).toBe(401)
    }
    const old = await h().request('POST', '/auth/login', { body: loginBody(email) })
    expect(old.status).toBe(401)
    await logIn(h(), email, next)
  })

  it('refuses a password change without a session of your own', async () => {
    const w = await h().world()
    const member = await h().member(w)
    const body = { current_password: TEST_PASSWORD, new_password: 'a brand new password' }

    const none = await h().request<ErrorReply>('POST', '/auth/password', { body })
    expect(none.status).toBe(401)
    const key = await h().request<ErrorReply>('POST', '/auth/password', {
      auth: member.key,
      body,
    })
    expect(key.status).toBe(403)
    expect(key.body.error.code).toBe('PERMISSION_DENIED')
    const impersonated = await h().request<ErrorReply>('POST', '/auth/password', {
      auth: w.owner.session,
      headers: { 'x-bt-impersonate-user': member.user.id },
      body,
    })
    expect(impersonated.status).toBe(403)
    expect(impersonated.body.error).toMatchObject({
      code: 'IMPERSONATION_CANNOT_CHANGE_IDENTITY',
      message: "Impersonated requests cannot change the user's password or email",
    })
    // The member's password is unchanged.
    await logIn(h(), member.user.email)
  })
})

describeHttp(
  'auth behind a trusted proxy',
  (h) => {
    it('throttles the attacking address, not the account owner at another address', async () => {
      const w = await h().world()
      const email = w.owner.user.email
      const attacker = { 'x-forwarded-for': '203.0.113.66, 10.0.0.1' }
      const failures = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          h().request('POST', '/auth/login', {
            body: loginBody(email, `guess ${i}`),
            headers: attacker,
          }),
        ),
      )
      expect(failures.map((f) => f.status)).toEqual(Array(100).fill(401))
      const limited = await h().request<ErrorReply>('POST', '/auth/login', {
        body: loginBody(email),
        headers: attacker,
      })
      expect(limited.status).toBe(429)
      expect(limited.body.error.code).toBe('RATE_LIMITED')
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)

      // The victim, from an address that never failed, still gets in: no malicious lockout.
      const victim = await logIn(h(), email, TEST_PASSWORD, {
        'x-forwarded-for': '198.51.100.20',
      })
      expect(victim.reply.body.user.id).toBe(w.owner.user.id)
      // The attacker's address stays refused, whatever it tries on this account.
      const still = await h().request('POST', '/auth/login', {
        body: loginBody(email),
        headers: attacker,
      })
      expect(still.status).toBe(429)
      // Another person's login from the attacker's address is not refused for this account's sake.
      const bystander = await h().member(w)
      await logIn(h(), bystander.user.email, TEST_PASSWORD, attacker)
    })
  },
  { trustProxy: true },
)
