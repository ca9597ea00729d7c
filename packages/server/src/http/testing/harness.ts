import type { AddressInfo } from 'node:net'
import {
  type Actor,
  createApiKey,
  type Deps,
  type Group,
  login,
  type Organization,
  type Plan,
  type User,
} from '@gatehouse/core'
import { addMember, seedOrg, sessionActor, TEST_PASSWORD } from '@gatehouse/core/testing'
import pino, { type Logger } from 'pino'
import { afterAll, beforeAll, describe } from 'vitest'
import { buildApp } from '../../app.js'
import { loadConfig } from '../../config.js'
import { decisionCacheFor } from '../../main.js'
import { createNodeDeps } from '../../platform/node-deps.js'
import { createScryptHasher } from '../../platform/scrypt-hasher.js'
import {
  openPostgresTestStore,
  openSqliteTestStore,
  postgresTestTarget,
  type TestStore,
} from '../../storage/testing/test-stores.js'
import { authorizeFastLane } from '../fast-lane.js'
import { createMetrics, metricsSources } from '../metrics.js'
import { createNodeServer } from '../node-server.js'
import { createServices, type Services } from '../services.js'

/*
 * HTTP test support: a real Gatehouse server on a random loopback port, on SQLite or on
 * PostgreSQL, and fixtures that build a world through core's use cases (fast) so that tests
 * spend their requests on what they test.
 */

/** How a test request authenticates. */
export type Credential =
  | { readonly bearer: string }
  | { readonly basic: string }
  | { readonly session: string; readonly csrf: string; readonly omitCsrf?: boolean }
  | { readonly headers: Readonly<Record<string, string>> }

export interface Reply<T = unknown> {
  readonly status: number
  readonly headers: Headers
  readonly body: T
}

export interface RequestOptions {
  readonly auth?: Credential | undefined
  readonly body?: unknown
  readonly query?: Readonly<Record<string, string | readonly string[]>>
  readonly headers?: Readonly<Record<string, string>>
}

export interface Member {
  readonly user: User
  readonly actor: Actor
  readonly session: Credential
  readonly key: Credential
  readonly keySecret: string
}

export interface World {
  readonly org: Organization
  readonly groups: { owners: Group; engineers?: Group; viewers?: Group }
  readonly owner: Member
}

export interface Harness {
  readonly url: string
  readonly deps: Deps
  readonly services: Services
  readonly dialect: 'sqlite' | 'postgres'
  /** The database's tables, read directly (see TestStore.db). */
  readonly db: TestStore['db']
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<Reply<T>>
  /** A fresh org (Enterprise unless told) with an owner who has a session and an API key. */
  world(options?: { plan?: Plan }): Promise<World>
  /** A person in `world.org`, in the given groups, with a session and an API key. */
  member(world: World, groups?: Group[]): Promise<Member>
  /** A session for an existing person. */
  sessionFor(user: User): Promise<Credential>
}

/** Server settings a suite can change; each describeHttp block gets its own servers. */
export interface HarnessOptions {
  /** Take the client address from X-Forwarded-For, as GATEHOUSE_TRUST_PROXY=true does. */
  readonly trustProxy?: boolean
  /** Where the server logs (silent unless given): security tests read what it wrote. */
  readonly logger?: Logger
  /** false: every request takes the general path (to compare the two). */
  readonly fastLane?: boolean
  /** Environment settings for the server (GATEHOUSE_HEADERS_TIMEOUT_MS, say). */
  readonly env?: Readonly<Record<string, string>>
}

/** Cheap scrypt for tests: the production cost is tested in platform/scrypt-hasher.test.ts. */
const TEST_HASHER = createScryptHasher({ logN: 10, r: 8, p: 1 })

export async function startHarness(
  opened: TestStore,
  dialect: Harness['dialect'],
  options: HarnessOptions = {},
) {
  const env = {
    ...(options.trustProxy === true ? { GATEHOUSE_TRUST_PROXY: 'true' } : {}),
    ...options.env,
  }
  const config = loadConfig({ flags: { port: '0', db: 'sqlite::memory:' }, env })
  // With the production cache: every HTTP test also checks that writes reach the decision path.
  const deps = createNodeDeps(opened.store, {
    passwords: TEST_HASHER,
    cache: decisionCacheFor(config),
  })
  const services = createServices(deps, config, options.logger ?? pino({ level: 'silent' }))
  // As main.ts serves: the fast lane for /v1/authorize, then the app (unless a suite asks not).
  const metrics = createMetrics(metricsSources(services))
  const app = buildApp(services, { metrics })
  const handlers = {
    fetch: app.fetch,
    lane: options.fastLane === false ? undefined : authorizeFastLane(services, metrics),
  }
  const server = createNodeServer(() => handlers, config.timeouts)
  server.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`

  async function request<T>(method: string, path: string, options: RequestOptions = {}) {
    const headers = new Headers(options.headers)
    const auth = options.auth
    if (auth !== undefined) {
      if ('bearer' in auth) {
        headers.set('authorization', `Bearer ${auth.bearer}`)
      } else if ('basic' in auth) {
        headers.set('authorization', `Basic ${Buffer.from(auth.basic).toString('base64')}`)
      } else if ('session' in auth) {
        headers.append('cookie', `gatehouse_session=${auth.session}`)
        if (auth.omitCsrf !== true) {
          headers.set('x-csrf-token', auth.csrf)
        }
      } else {
        for (const [name, value] of Object.entries(auth.headers)) {
          headers.set(name, value)
        }
      }
    }
    let body: string | undefined
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
      if (!headers.has('content-type')) {
        headers.set('content-type', 'application/json')
      }
    }
    const target = new URL(path, url)
    for (const [name, value] of Object.entries(options.query ?? {})) {
      for (const v of typeof value === 'string' ? [value] : value) {
        target.searchParams.append(name, v)
      }
    }
    const res = await fetch(target, { method, headers, body })
    const text = await res.text()
    let parsed: unknown = text
    if ((res.headers.get('content-type') ?? '').includes('application/json') && text !== '') {
      parsed = JSON.parse(text)
    }
    return { status: res.status, headers: res.headers, body: parsed as T }
  }

  async function sessionFor(user: User): Promise<Credential> {
    const { token, csrfToken } = await login(deps, { email: user.email, password: TEST_PASSWORD })
    return { session: token, csrf: csrfToken }
  }

  async function credentialsFor(user: User, org: Organization): Promise<Member> {
    const actor = sessionActor(user)
    const { secret } = await createApiKey(deps, actor, { name: 'test key', orgId: org.id })
    return {
      user,
      actor,
      session: await sessionFor(user),
      key: { bearer: secret },
      keySecret: secret,
    }
  }

  const harness: Harness = {
    url,
    deps,
    services,
    dialect,
    db: opened.db,
    request,
    sessionFor,
    async world(options = {}) {
      const seeded = await seedOrg(deps, { plan: options.plan ?? 'enterprise' })
      return {
        org: seeded.org,
        groups: { ...seeded.groups },
        owner: await credentialsFor(seeded.owner, seeded.org),
      }
    },
    async member(world, groups = []) {
      const user = await addMember(deps, world.org, { groups })
      return credentialsFor(user, world.org)
    },
  }
  return {
    harness,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await opened.close()
    },
  }
}

/**
 * Runs `suite` once on SQLite and once on PostgreSQL (skipped, with the reason printed, when
 * GATEHOUSE_TEST_POSTGRES_URL is unset; a failure when GATEHOUSE_REQUIRE_POSTGRES=1). Each run
 * gets its own server and database; tests make their own orgs, so they do not see each other.
 */
export function describeHttp(
  title: string,
  suite: (h: () => Harness) => void,
  options: HarnessOptions = {},
): void {
  const pgTarget = postgresTestTarget()
  const targets: { name: Harness['dialect']; open: () => Promise<TestStore>; skip?: string }[] = [
    { name: 'sqlite', open: openSqliteTestStore },
    pgTarget.url === undefined
      ? { name: 'postgres', open: openSqliteTestStore, skip: pgTarget.skip }
      : { name: 'postgres', open: () => openPostgresTestStore(pgTarget.url) },
  ]
  for (const target of targets) {
    if (target.skip !== undefined) {
      console.warn(`${title} (postgres): ${target.skip}`)
    }
    describe.skipIf(target.skip !== undefined)(`${title} (${target.name})`, () => {
      let running: Awaited<ReturnType<typeof startHarness>> | undefined
      beforeAll(async () => {
        running = await startHarness(await target.open(), target.name, options)
      })
      afterAll(async () => {
        await running?.close()
      })
      suite(() => {
        if (running === undefined) {
          throw new Error('the test server is not running')
        }
        return running.harness
      })
    })
  }
}
