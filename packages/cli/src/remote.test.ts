import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { allPages, credentialStatus, PAGE_SIZE, shortTime } from './commands/remote.js'
import { runCli } from './testing/harness.js'

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('admin commands: reaching the server', () => {
  it('needs GATEHOUSE_TOKEN, and never takes the credential as a flag', async () => {
    const missing = await runCli(['keys', 'list'], { env: { GATEHOUSE_URL: 'http://127.0.0.1:1' } })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('error: USAGE: GATEHOUSE_TOKEN is not set')
    expect(missing.stdout).toBe('')
    const flag = await runCli(['keys', 'list', '--token', 'sk-x'], { env: {} })
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain("Unknown option '--token'")
  })

  it('refuses a URL that is not http(s), masking any password in it', async () => {
    const env = { GATEHOUSE_TOKEN: 'sk-test' }
    const notUrl = await runCli(['keys', 'list', '--url', 'nowhere'], { env })
    expect(notUrl.code).toBe(2)
    expect(notUrl.stderr).toContain("'nowhere' is not a URL")
    const ftp = await runCli(['tokens', 'list', '--url', 'ftp://admin:hunter2@host/'], { env })
    expect(ftp.code).toBe(2)
    expect(ftp.stderr).toContain("'ftp://admin:***@host/' is not an http(s) URL")
    expect(ftp.stderr).not.toContain('hunter2')
  })

  it('exits 1 with NETWORK when nothing answers, naming the URL but not the token', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`
    const env = { GATEHOUSE_URL: url, GATEHOUSE_TOKEN: 'sk-secret-token' }
    const text = await runCli(['members', 'list'], { env })
    expect(text.code).toBe(1)
    expect(text.stderr).toBe(`error: NETWORK: Could not reach the Gatehouse server at ${url}\n`)
    const json = await runCli(['keys', 'revoke', 'x', '--json'], { env })
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stderr)).toEqual({
      error: { code: 'NETWORK', message: `Could not reach the Gatehouse server at ${url}` },
    })
    expect(text.stderr + json.stderr).not.toContain('sk-secret-token')
  })

  it('has help for each command group', async () => {
    for (const group of ['keys', 'members', 'tokens']) {
      const result = await runCli([group])
      expect(result.code).toBe(0)
      expect(result.stdout).toContain(`Usage: gatehouse ${group} <command>`)
    }
    const unknown = await runCli(['keys', 'rotate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("Unknown command 'keys rotate'")
    expect(unknown.stderr).toContain("See 'gatehouse keys --help'.")
  })
})

describe('admin commands: helpers', () => {
  it('follows the cursor until a page comes back short', async () => {
    const ids = Array.from({ length: PAGE_SIZE * 2 + 3 }, (_, i) => ({ id: `id-${i}` }))
    const cursors: (string | undefined)[] = []
    const all = await allPages(async (after) => {
      cursors.push(after)
      const start = after === undefined ? 0 : ids.findIndex((x) => x.id === after) + 1
      return { objects: ids.slice(start, start + PAGE_SIZE) }
    })
    expect(all).toEqual(ids)
    expect(cursors).toEqual([undefined, `id-${PAGE_SIZE - 1}`, `id-${PAGE_SIZE * 2 - 1}`])
  })

  it('shows times to the minute and tells active, expired and revoked credentials apart', () => {
    expect(shortTime('2026-11-26T17:05:42.123Z')).toBe('2026-11-26 17:05')
    expect(shortTime(null)).toBe('-')
    const now = Date.parse('2026-11-26T12:00:00Z')
    expect(credentialStatus({ revoked_at: null, expires_at: null }, now)).toBe('active')
    expect(credentialStatus({ revoked_at: null, expires_at: '2026-11-27T00:00:00Z' }, now)).toBe(
      'active',
    )
    expect(credentialStatus({ revoked_at: null, expires_at: '2026-11-26T11:59:59Z' }, now)).toBe(
      'expired',
    )
    expect(
      credentialStatus(
        { revoked_at: '2026-11-26T10:00:00Z', expires_at: '2020-01-01T00:00:00Z' },
        now,
      ),
    ).toBe('revoked')
  })
})
