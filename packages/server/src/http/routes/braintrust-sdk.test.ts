import diagnostics from 'node:diagnostics_channel'
import type { Socket } from 'node:net'
import { createServiceToken } from '@gatehouse/core'
import { addMember } from '@gatehouse/core/testing'
import { login } from 'braintrust'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeHttp } from '../testing/harness.js'

/*
 * Braintrust's own SDK, unchanged, logs in to Gatehouse: `login({ apiKey, appUrl, orgName })`
 * reads /api/apikey/login and then sends its API calls to the org's api_url. Every socket the
 * process opens while these tests run must go to loopback, so a login that quietly reached
 * braintrust.dev (a default URL, telemetry) fails here.
 */

const hosts: string[] = []
function onSocket(message: unknown): void {
  const { socket } = message as { socket: Socket }
  socket.once('lookup', (_err, _address, _family, host: string) => hosts.push(host))
  socket.once('connectionAttempt', (ip: string) => hosts.push(ip))
}
const saved = { api: process.env.BRAINTRUST_API_URL, app: process.env.BRAINTRUST_APP_URL }

beforeAll(() => {
  // The SDK prefers these to what the server says; the test is about what the server says.
  delete process.env.BRAINTRUST_API_URL
  delete process.env.BRAINTRUST_APP_URL
  diagnostics.subscribe('net.client.socket', onSocket)
})
afterAll(() => {
  diagnostics.unsubscribe('net.client.socket', onSocket)
  Object.assign(process.env, {
    ...(saved.api === undefined ? {} : { BRAINTRUST_API_URL: saved.api }),
    ...(saved.app === undefined ? {} : { BRAINTRUST_APP_URL: saved.app }),
  })
  expect(hosts.length).toBeGreaterThan(0)
  expect(hosts.filter((h) => h !== '127.0.0.1' && h !== '::1' && h !== 'localhost')).toEqual([])
})

/** What the SDK's logged-in state can do: a call to the api_url it was given, with the key. */
async function orgsSeenThroughApiUrl(state: Awaited<ReturnType<typeof login>>) {
  const listed = (await state.apiConn().get_json('v1/organization')) as {
    objects: { name: string }[]
  }
  return listed.objects.map((o) => o.name)
}

describeHttp('braintrust SDK login', (h) => {
  it('logs in with an API key and a service token, the org chosen by name', async () => {
    const a = await h().world()
    const b = await h().world()
    const person = await h().member(a)
    await addMember(h().deps, b.org, { email: person.user.email })

    const byKey = await login({
      apiKey: a.owner.keySecret,
      appUrl: h().url,
      orgName: a.org.name,
      forceLogin: true,
    })
    expect(byKey.orgName).toBe(a.org.name)
    expect(byKey.orgId).toBe(a.org.id)
    // No org setting, no GATEHOUSE_PUBLIC_URL: the origin the SDK reached the server at.
    expect(byKey.apiUrl).toBe(h().url)
    expect(await orgsSeenThroughApiUrl(byKey)).toEqual([a.org.name])

    const sa = await addMember(h().deps, b.org, { kind: 'service_account', name: 'sdk bot' })
    const { secret } = await createServiceToken(h().deps, b.owner.actor, {
      name: 'sdk',
      serviceAccountId: sa.id,
      orgId: b.org.id,
    })
    const byToken = await login({
      apiKey: secret,
      appUrl: h().url,
      orgName: b.org.name,
      forceLogin: true,
    })
    expect(byToken.orgName).toBe(b.org.name)
    expect(byToken.apiUrl).toBe(h().url)
    expect(byToken.loggedIn).toBe(true)

    // A key bound to org a cannot log into org b, by name: the SDK's own refusal.
    await expect(
      login({ apiKey: a.owner.keySecret, appUrl: h().url, orgName: b.org.name, forceLogin: true }),
    ).rejects.toThrow(/Organization .* not found/)
  })

  it("uses the org's own api_url when it has one", async () => {
    const w = await h().world()
    const patched = await h().request('PATCH', `/v1/organization/${w.org.id}`, {
      auth: w.owner.session,
      body: { api_url: `${h().url}/` },
    })
    expect(patched.status).toBe(200)
    const state = await login({
      apiKey: w.owner.keySecret,
      appUrl: h().url,
      orgName: w.org.name,
      forceLogin: true,
    })
    expect(state.apiUrl).toBe(`${h().url}/`)
    expect(await orgsSeenThroughApiUrl(state)).toEqual([w.org.name])
  })
})

describeHttp(
  'braintrust SDK login behind GATEHOUSE_PUBLIC_URL',
  (h) => {
    it('answers the configured public URL when the org has none', async () => {
      const w = await h().world()
      const reply = await h().request<{ org_info: { api_url: string }[] }>(
        'POST',
        '/api/apikey/login',
        { auth: w.owner.key },
      )
      expect(reply.body.org_info.map((o) => o.api_url)).toEqual(['https://gatehouse.example.com'])
    })
  },
  { env: { GATEHOUSE_PUBLIC_URL: 'https://gatehouse.example.com/' } },
)
