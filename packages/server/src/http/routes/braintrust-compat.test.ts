import { Writable } from 'node:stream'
import { createServiceToken } from '@gatehouse/core'
import { addMember } from '@gatehouse/core/testing'
import pino from 'pino'
import { expect, it } from 'vitest'
import { buildApp } from '../../app.js'
import { createServices } from '../services.js'
import { describeHttp } from '../testing/harness.js'

interface OrgInfo {
  id: string
  name: string
  api_url: string
  proxy_url: string | null
  realtime_url: string | null
  git_metadata: null
}
interface LoginBody {
  org_info: OrgInfo[]
}
interface SelfBody {
  id: string
  email: string
  given_name: string | null
  family_name: string | null
  organizations: { id: string; name: string }[]
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

describeHttp('braintrust compatibility', (h) => {
  it('lists the org of a key from the Authorization header or the legacy body token', async () => {
    const w = await h().world()
    const expected: OrgInfo = {
      id: w.org.id,
      name: w.org.name,
      api_url: h().url,
      proxy_url: w.org.proxyUrl,
      realtime_url: w.org.realtimeUrl,
      git_metadata: null,
    }
    const byHeader = await h().request<LoginBody>('POST', '/api/apikey/login', {
      auth: w.owner.key,
    })
    expect(byHeader.status).toBe(200)
    expect(byHeader.body).toEqual({ org_info: [expected] })
    // Braintrust's Rust SDK and `bt` CLI: a JSON content type and no body at all.
    const emptyJson = await h().request<LoginBody>('POST', '/api/apikey/login', {
      auth: w.owner.key,
      headers: { 'content-type': 'application/json' },
    })
    expect(emptyJson.body).toEqual({ org_info: [expected] })
    const byBody = await h().request<LoginBody>('POST', '/api/apikey/login', {
      body: { token: w.owner.keySecret },
    })
    expect(byBody.status).toBe(200)
    expect(byBody.body).toEqual({ org_info: [expected] })
    const both = await h().request<LoginBody>('POST', '/api/apikey/login', {
      auth: w.owner.key,
      body: { token: w.owner.keySecret },
    })
    expect(both.status).toBe(200)
  })

  it('lists only the bound org of a key, every org of a session, and a service token org', async () => {
    const a = await h().world()
    const b = await h().world()
    const person = await h().member(a)
    await addMember(h().deps, b.org, { email: person.user.email })
    const byKey = await h().request<LoginBody>('POST', '/api/apikey/login', { auth: person.key })
    expect(byKey.body.org_info.map((o) => o.id)).toEqual([a.org.id])
    const bySession = await h().request<LoginBody>('POST', '/api/apikey/login', {
      auth: person.session,
    })
    expect(bySession.body.org_info.map((o) => o.id).sort()).toEqual([a.org.id, b.org.id].sort())

    const sa = await addMember(h().deps, b.org, { kind: 'service_account', name: 'bot' })
    const { secret } = await createServiceToken(h().deps, b.owner.actor, {
      name: 't',
      serviceAccountId: sa.id,
      orgId: b.org.id,
    })
    const byToken = await h().request<LoginBody>('POST', '/api/apikey/login', {
      body: { token: secret },
    })
    expect(byToken.body.org_info.map((o) => o.id)).toEqual([b.org.id])

    const me = await h().request<SelfBody>('POST', '/api/self/me', { auth: person.session })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({
      id: person.user.id,
      email: person.user.email,
      given_name: null,
      family_name: null,
    })
    expect(me.body.organizations.map((o) => o.id).sort()).toEqual([a.org.id, b.org.id].sort())
    const meByKey = await h().request<SelfBody>('POST', '/api/self/me', { auth: person.key })
    expect(meByKey.body.organizations).toEqual([{ id: a.org.id, name: a.org.name }])
  })

  it('refuses bad bodies with 400, and two different credentials in one request', async () => {
    const a = await h().world()
    const b = await h().world()
    for (const body of [
      { token: a.owner.keySecret, org_name: a.org.name },
      { token: 42 },
      { token: '' },
      '{"token":',
      [],
    ]) {
      const reply = await h().request<ErrorReply>('POST', '/api/apikey/login', { body })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
      expect(JSON.stringify(reply.body)).not.toContain(a.owner.keySecret)
    }
    const mixed = await h().request<ErrorReply>('POST', '/api/apikey/login', {
      auth: a.owner.key,
      body: { token: b.owner.keySecret },
    })
    expect(mixed.status).toBe(400)
    const withSession = await h().request<ErrorReply>('POST', '/api/apikey/login', {
      auth: a.owner.session,
      body: { token: b.owner.keySecret },
    })
    expect(withSession.status).toBe(400)
    const inUrl = await h().request<ErrorReply>('POST', '/api/apikey/login', {
      query: { token: a.owner.keySecret },
    })
    expect(inUrl.status).toBe(400)
    expect(inUrl.body.error.code).toBe('CREDENTIAL_IN_URL')
    const meExtra = await h().request<ErrorReply>('POST', '/api/self/me', {
      auth: a.owner.key,
      body: { user_id: b.owner.user.id },
    })
    expect(meExtra.status).toBe(400)
    expect(meExtra.body.error.code).toBe('VALIDATION_FAILED')
  })

  it('is 401 without a credential, and for an unknown or revoked body token', async () => {
    const w = await h().world()
    const member = await h().member(w)
    const keys = await h().request<{ objects: { id: string }[] }>('GET', '/v1/api_key', {
      auth: member.key,
    })
    await h().request('DELETE', `/v1/api_key/${keys.body.objects[0]?.id}`, { auth: member.key })
    for (const body of [
      undefined,
      {},
      { token: 'sk-not-a-key' },
      { token: `sk-${'a'.repeat(38)}` },
      { token: member.keySecret },
    ]) {
      const reply = await h().request<ErrorReply>('POST', '/api/apikey/login', { body })
      expect(reply.status).toBe(401)
      expect(reply.body.error.code).toBe('UNAUTHENTICATED')
    }
    const me = await h().request<ErrorReply>('POST', '/api/self/me')
    expect(me.status).toBe(401)
    const meRevoked = await h().request<ErrorReply>('POST', '/api/self/me', { auth: member.key })
    expect(meRevoked.status).toBe(401)
  })

  it('never logs the body token, and logs the principal it stood for', async () => {
    const w = await h().world()
    const lines: string[] = []
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'))
        done()
      },
    })
    const services = createServices(h().deps, h().services.config, pino({ level: 'trace' }, sink))
    const app = buildApp(services)
    const res = await app.request('/api/apikey/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: w.owner.keySecret }),
    })
    expect(res.status).toBe(200)
    const bad = await app.request('/api/apikey/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: `${w.owner.keySecret}x` }),
    })
    expect(bad.status).toBe(401)
    const log = lines.join('')
    expect(lines.length).toBeGreaterThan(0)
    expect(log).not.toContain(w.owner.keySecret)
    expect(log).toContain(w.owner.user.id)
  })
})
