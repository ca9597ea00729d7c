import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, runCli } from './testing/harness.js'
import {
  assertBuilt,
  dropTestSchema,
  type ServerProcess,
  startServer,
  stopServer,
} from './testing/server-process.js'

/*
 * Login throttling behind three `gatehouse serve` processes on one PostgreSQL schema: failed
 * logins spread over the nodes are refused at the count one node refuses, guesses sent to all
 * nodes at once get no more through than the limit, and the owner, from an address that never
 * failed, still logs in. Small limits (settings) keep it quick; the nodes trust X-Forwarded-For
 * so that one test client can be many addresses.
 */

const base = process.env.GATEHOUSE_TEST_POSTGRES_URL
const required = process.env.GATEHOUSE_REQUIRE_POSTGRES === '1'

// Every failed login below runs the production password hash: few attempts keep it quick.
const ACCOUNT_LIMIT = 3
const IP_LIMIT = 5
const WINDOW_S = 3600
const OWNER = 'owner@throttle.test'

interface Attempt {
  readonly status: number
  readonly code: string | undefined
  readonly retryAfter: string | null
}

if (base === undefined || base === '') {
  const reason = 'GATEHOUSE_TEST_POSTGRES_URL is not set'
  if (required) {
    describe('login throttling across three nodes', () => {
      it('runs because GATEHOUSE_REQUIRE_POSTGRES=1', () => {
        throw new Error(`${reason}, but GATEHOUSE_REQUIRE_POSTGRES=1 demands the PostgreSQL tests`)
      })
    })
  } else {
    console.warn(`[cli] skipping the multi-node throttle test: ${reason}`)
    describe.skip(`login throttling across three nodes (skipped: ${reason})`, () => {
      it('refuses at the count one node refuses', () => undefined)
    })
  }
} else {
  const schema = `mnt_${randomBytes(6).toString('hex')}`
  const dbUrl = new URL(base)
  dbUrl.searchParams.set('schema', schema)
  const db = dbUrl.toString()
  const children: ChildProcess[] = []
  const nodes: ServerProcess[] = []
  let addresses = 0

  /** An address no other attempt of this run used. */
  const freshIp = () => `198.18.${(++addresses >> 8) & 255}.${addresses & 255}`

  describe('login throttling across three nodes', () => {
    beforeAll(async () => {
      assertBuilt()
      const boot = await runCli(
        [
          'bootstrap',
          '--db',
          db,
          '--org',
          'throttled',
          '--email',
          OWNER,
          '--password-stdin',
          '--json',
        ],
        { stdin: `${PASSWORD}\n` },
      )
      expect(boot.stderr).toBe('')
      const settings = {
        GATEHOUSE_TRUST_PROXY: 'true',
        GATEHOUSE_LOGIN_ACCOUNT_LIMIT: String(ACCOUNT_LIMIT),
        GATEHOUSE_LOGIN_IP_LIMIT: String(IP_LIMIT),
        GATEHOUSE_LOGIN_WINDOW_MS: String(WINDOW_S * 1000),
      }
      nodes.push(
        ...(await Promise.all(
          ['1', '2', '3'].map((n) => startServer(`node ${n}`, db, children, settings)),
        )),
      )
    }, 60_000)

    afterAll(async () => {
      await Promise.all(children.map(stopServer))
      await dropTestSchema(base, schema)
    }, 60_000)

    it('refuses an account after the limit counted over all nodes, as one node does', async () => {
      // The owner's account, attacked from one address through all three nodes in turn.
      const attacker = freshIp()
      const spread = await failuresUntilRefused(OWNER, attacker, [0, 1, 2])
      // The same on one node alone (an unknown account: the throttle runs before the lookup).
      const single = await failuresUntilRefused('single@throttle.test', freshIp(), [0])
      expect(single).toBe(ACCOUNT_LIMIT)
      expect(spread).toBe(single)
      // The attacker is refused on every node, even with the right password.
      for (const n of nodes) {
        expectRefused(await attempt(n, OWNER, PASSWORD, attacker))
      }
      // The owner, from an address that never failed, still gets in, on every node.
      const home = freshIp()
      for (const n of nodes) {
        expect((await attempt(n, OWNER, PASSWORD, home)).status).toBe(200)
      }
    }, 60_000)

    it('refuses an address after the limit over all accounts and nodes', async () => {
      const ip = freshIp()
      for (let i = 0; i < IP_LIMIT; i++) {
        const reply = await attempt(node(i), `nobody-${i}@throttle.test`, 'wrong', ip)
        expect(reply.status, `attempt ${i + 1} on node ${(i % 3) + 1}`).toBe(401)
      }
      for (const n of nodes) {
        expectRefused(await attempt(n, 'someone-new@throttle.test', 'wrong', ip))
      }
    }, 60_000)

    it('lets no more than the limit through when guesses hit all nodes at once', async () => {
      const ip = freshIp()
      const guesses = 3 * ACCOUNT_LIMIT
      const replies = await Promise.all(
        Array.from({ length: guesses }, (_, i) =>
          attempt(node(i), 'burst@throttle.test', `wrong ${i}`, ip),
        ),
      )
      const statuses = replies.map((r) => r.status)
      expect(statuses.filter((s) => s === 401)).toHaveLength(ACCOUNT_LIMIT)
      expect(statuses.filter((s) => s === 429)).toHaveLength(guesses - ACCOUNT_LIMIT)
      for (const reply of replies.filter((r) => r.status === 429)) {
        expectRefused(reply)
      }
    }, 60_000)
  })

  function node(i: number): ServerProcess {
    const found = nodes[i % nodes.length]
    if (found === undefined) {
      throw new Error('the nodes did not start')
    }
    return found
  }

  async function attempt(n: ServerProcess, email: string, password: string, ip: string) {
    const res = await fetch(`${n.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ email, password }),
    })
    const body = (await res.json()) as { error?: { code?: string } }
    return {
      status: res.status,
      code: body.error?.code,
      retryAfter: res.headers.get('retry-after'),
    } satisfies Attempt
  }

  function expectRefused(reply: Attempt): void {
    expect(reply.status).toBe(429)
    expect(reply.code).toBe('RATE_LIMITED')
    const seconds = Number(reply.retryAfter)
    expect(Number.isInteger(seconds)).toBe(true)
    expect(seconds).toBeGreaterThan(WINDOW_S - 120)
    expect(seconds).toBeLessThanOrEqual(WINDOW_S)
  }

  /** Wrong passwords, one after another over the given nodes: how many got a 401 before a 429. */
  async function failuresUntilRefused(
    email: string,
    ip: string,
    over: readonly number[],
  ): Promise<number> {
    // Without any throttle, three nodes counting alone would allow three times the limit.
    const bound = 3 * ACCOUNT_LIMIT + 1
    for (let i = 0; i < bound; i++) {
      const reply = await attempt(node(over[i % over.length] ?? 0), email, 'wrong', ip)
      if (reply.status === 429) {
        expectRefused(reply)
        return i
      }
      expect(reply.status).toBe(401)
    }
    return bound
  }
}
