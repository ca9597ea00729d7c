import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { createApiKey, createServiceAccount, type Plan } from '@gatehouse/core'
import { addMember, type SeededOrg, seedOrg, sessionActor } from '@gatehouse/core/testing'
import {
  buildApp,
  createNodeDeps,
  createScryptHasher,
  createServices,
  loadConfig,
  openStore,
  parseDatabaseUrl,
  type SqlStore,
  withDdlLock,
} from '@gatehouse/server'
import { serve } from '@hono/node-server'
import pg from 'pg'
import pino from 'pino'
import { afterAll, beforeAll, describe } from 'vitest'

/*
 * Test support for the client and the CLI: a real Gatehouse on a random loopback port, on
 * SQLite or PostgreSQL, built from the server's public exports. Worlds are seeded through core's
 * use cases (fast); what a test checks goes over HTTP.
 */

export type GroupName = 'owners' | 'engineers' | 'viewers'

export interface TestMember {
  readonly userId: string
  readonly email: string
  /** An API key of this member in the world's org (the secret). */
  readonly key: string
  readonly keyId: string
}

export interface TestWorld {
  readonly org: { readonly id: string; readonly name: string }
  readonly owner: TestMember
}

export interface TestGatehouse {
  readonly url: string
  readonly dialect: 'sqlite' | 'postgres'
  /** A fresh org (Enterprise unless told) whose owner has an API key. */
  world(options?: { plan?: Plan }): Promise<TestWorld>
  /** A member of `world.org` in the given built-in groups, with an API key. */
  member(world: TestWorld, groups?: readonly GroupName[]): Promise<TestMember>
  /** A service account of `world.org` (made by its owner) with one service token. */
  serviceToken(world: TestWorld, name: string): Promise<TestServiceToken>
}

export interface TestServiceToken {
  readonly serviceAccountId: string
  readonly tokenId: string
  /** The token's secret. */
  readonly token: string
}

/** Cheap scrypt: these tests are about the client, not about password hashing. */
const TEST_HASHER = createScryptHasher({ logN: 10, r: 8, p: 1 })

async function dropSchema(url: string, schema: string): Promise<void> {
  const target = parseDatabaseUrl(url)
  const connectionString = target.dialect === 'postgres' ? target.connectionString : url
  // Under the DDL lock: a drop must not overlap another store's migration.
  await withDdlLock(connectionString, async () => {
    const client = new pg.Client({ connectionString })
    await client.connect()
    try {
      await client.query(`drop schema if exists "${schema}" cascade`)
    } finally {
      await client.end()
    }
  })
}

/** Starts a Gatehouse on `databaseUrl` (PostgreSQL in a schema of its own). */
export async function startGatehouse(
  dialect: TestGatehouse['dialect'],
  postgresUrl?: string,
): Promise<{ gatehouse: TestGatehouse; close(): Promise<void> }> {
  const schema = `gh_client_${randomBytes(6).toString('hex')}`
  let store: SqlStore
  if (dialect === 'postgres') {
    if (postgresUrl === undefined) {
      throw new Error('PostgreSQL needs GATEHOUSE_TEST_POSTGRES_URL')
    }
    store = await openStore(postgresUrl, { schema })
  } else {
    store = await openStore('sqlite::memory:')
  }
  await store.migrate()
  const deps = createNodeDeps(store, { passwords: TEST_HASHER })
  // Listen first: the links the server hands out (invitations) must name its real port.
  let app: ReturnType<typeof buildApp> | undefined
  const server = serve({
    fetch: (request, env) =>
      app === undefined ? new Response(null, { status: 503 }) : app.fetch(request, env),
    port: 0,
    hostname: '127.0.0.1',
  })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  const config = loadConfig({
    flags: { port: String(port), db: 'sqlite::memory:' },
    env: { GATEHOUSE_PUBLIC_URL: url },
  })
  app = buildApp(createServices(deps, config, pino({ level: 'silent' })))

  const seededOrgs = new Map<string, SeededOrg>()

  async function keyFor(userId: string, email: string, orgId: string): Promise<TestMember> {
    const { apiKey, secret } = await createApiKey(deps, sessionActor(userId), {
      name: 'test key',
      orgId,
    })
    return { userId, email, key: secret, keyId: apiKey.id }
  }

  const gatehouse: TestGatehouse = {
    url,
    dialect,
    async world(options = {}) {
      const seeded = await seedOrg(deps, { plan: options.plan ?? 'enterprise' })
      seededOrgs.set(seeded.org.id, seeded)
      return {
        org: { id: seeded.org.id, name: seeded.org.name },
        owner: await keyFor(seeded.owner.id, seeded.owner.email, seeded.org.id),
      }
    },
    async member(world, groups = []) {
      const seeded = seededOrgs.get(world.org.id)
      if (seeded === undefined) {
        throw new Error('member() takes a world made by this Gatehouse')
      }
      const wanted = groups.map((name) => {
        const group = seeded.groups[name]
        if (group === undefined) {
          throw new Error(`the org has no ${name} group on its plan`)
        }
        return group
      })
      const user = await addMember(deps, seeded.org, { groups: wanted })
      return keyFor(user.id, user.email, world.org.id)
    },
    async serviceToken(world, name) {
      const { user, token } = await createServiceAccount(deps, sessionActor(world.owner.userId), {
        orgId: world.org.id,
        name,
        tokenName: `${name} token`,
      })
      if (token === undefined) {
        throw new Error('createServiceAccount issued no token')
      }
      return { serviceAccountId: user.id, tokenId: token.serviceToken.id, token: token.secret }
    },
  }
  return {
    gatehouse,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await store.close()
      if (dialect === 'postgres' && postgresUrl !== undefined) {
        await dropSchema(postgresUrl, schema)
      }
    },
  }
}

/**
 * Runs `suite` against a Gatehouse on SQLite and one on PostgreSQL (skipped, with the reason
 * printed, when GATEHOUSE_TEST_POSTGRES_URL is unset; a failure when
 * GATEHOUSE_REQUIRE_POSTGRES=1). Tests make their own worlds, so they do not see each other.
 */
export function describeGatehouse(title: string, suite: (g: () => TestGatehouse) => void): void {
  const postgresUrl = process.env.GATEHOUSE_TEST_POSTGRES_URL?.trim() || undefined
  if (postgresUrl === undefined && process.env.GATEHOUSE_REQUIRE_POSTGRES === '1') {
    throw new Error('GATEHOUSE_REQUIRE_POSTGRES=1 but GATEHOUSE_TEST_POSTGRES_URL is not set')
  }
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip = dialect === 'postgres' && postgresUrl === undefined
    if (skip) {
      console.warn(`${title} (postgres): skipped, set GATEHOUSE_TEST_POSTGRES_URL to run it`)
    }
    describe.skipIf(skip)(`${title} (${dialect})`, () => {
      let running: Awaited<ReturnType<typeof startGatehouse>> | undefined
      beforeAll(async () => {
        running = await startGatehouse(dialect, postgresUrl)
      })
      afterAll(async () => {
        await running?.close()
      })
      suite(() => {
        if (running === undefined) {
          throw new Error('the test Gatehouse is not running')
        }
        return running.gatehouse
      })
    })
  }
}
