import { rmSync } from 'node:fs'
import { join } from 'node:path'
import {
  type Actor,
  bootstrapOrganization,
  type Deps,
  LruDecisionCache,
  listApiKeys,
  listOrgApiKeys,
  listUsers,
  type Tx,
} from '@gatehouse/core'
import { createNodeDeps, openStore, systemClock } from '@gatehouse/server'
import { DATA_DIR } from '../support/paths.js'
import { prepareSqliteDatabase } from '../world/prepare-database.js'
import { type Spread, spreadOf } from './percentiles.js'

/*
 * The lists phase: one org with `rows` members and `rows` API keys on SQLite, listed through
 * core's use cases as the HTTP handlers call them (the org's world loaded, the page read, the
 * rows shaped), so what a Settings page waits for minus the socket. Each search is set beside
 * the unfiltered first page of the same list in the same run.
 */

export interface ListsOptions {
  readonly rows: number
  readonly repeats: number
  readonly pageSize: number
}

export interface ListCase {
  readonly list:
    | 'members'
    | 'own API keys'
    | 'org API keys'
    | 'members, store only'
    | 'org API keys, store only'
  readonly name: string
  /** The case of the same list this one is compared with (itself for the baseline). */
  readonly baseline: string
  readonly returned: number
  readonly ms: Spread
}

export interface ListsReport {
  readonly dialect: 'sqlite'
  readonly rows: number
  readonly pageSize: number
  readonly repeats: number
  readonly seedMs: number
  readonly cases: readonly ListCase[]
}

/** Every tenth row carries the word the searches look for; one row is found by its own text. */
const NEEDLE_EVERY = 10

async function seed(deps: Deps, rows: number) {
  const { org, user: owner } = await bootstrapOrganization(deps, {
    orgName: 'lists',
    email: 'owner@lists.example',
    password: 'a long bench password',
  })
  const base = deps.clock.now()
  await deps.store.transaction(async (tx) => {
    for (let i = 1; i < rows; i++) {
      const id = deps.crypto.uuid()
      await tx.users.insert({
        id,
        kind: 'user',
        email: `member-${i}@lists.example`,
        givenName: `Given${i}`,
        familyName: i % NEEDLE_EVERY === 0 ? 'Needle' : 'Hay',
        avatarUrl: null,
        passwordHash: null,
        serviceAccountOrgId: null,
        createdAt: base + i,
        deletedAt: null,
      })
      await tx.members.add({ orgId: org.id, userId: id, createdAt: base + i })
    }
    for (let i = 0; i < rows; i++) {
      const id = deps.crypto.uuid()
      await tx.apiKeys.insert({
        id,
        orgId: org.id,
        userId: owner.id,
        name: i % NEEDLE_EVERY === 0 ? `needle key ${i}` : `hay key ${i}`,
        previewName: 'sk-be…nc',
        secretHash: deps.crypto.sha256Hex(`bench key ${id}`),
        createdAt: base + i,
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
      })
    }
    await tx.orgs.bumpAuthzVersion(org.id)
  })
  return { org, owner }
}

async function timed<T extends readonly unknown[]>(
  repeats: number,
  run: () => Promise<T>,
): Promise<{ ms: Spread; returned: number }> {
  let returned = 0
  // Warm-up: the org's world into the decision cache, SQLite's pages into memory.
  for (let i = 0; i < 3; i++) {
    returned = (await run()).length
  }
  const samples: number[] = []
  for (let i = 0; i < repeats; i++) {
    const started = performance.now()
    returned = (await run()).length
    samples.push(performance.now() - started)
  }
  return { ms: spreadOf(samples), returned }
}

/** The lists phase on a fresh SQLite file of its own, removed at the end. */
export async function measureLists(
  options: ListsOptions,
  log: (line: string) => void,
): Promise<ListsReport> {
  const path = join(DATA_DIR, 'lists.db')
  const store = await openStore(await prepareSqliteDatabase(path))
  try {
    const deps = createNodeDeps(store, { cache: new LruDecisionCache({ clock: systemClock }) })
    const seedStarted = performance.now()
    const { org, owner } = await seed(deps, options.rows)
    const seedMs = performance.now() - seedStarted
    log(`  seeded ${options.rows} members and ${options.rows} API keys in ${Math.round(seedMs)} ms`)
    const actor: Actor = {
      userId: owner.id,
      credential: { kind: 'session', id: null, orgId: null },
      impersonatorId: null,
      requestId: null,
    }
    const limit = options.pageSize
    const orgId = org.id
    const middle = Math.floor(options.rows / 2)
    // A cursor five pages into the needle matches: paging within a search.
    const needles = await listUsers(deps, actor, { orgId, search: 'needle', limit: limit * 5 })
    const deepCursor = needles[needles.length - 1]?.id
    const keyNeedles = await listOrgApiKeys(deps, actor, {
      orgId,
      search: 'needle',
      limit: limit * 5,
    })
    const deepKeyCursor = keyNeedles[keyNeedles.length - 1]?.apiKey.id

    type Run = () => Promise<readonly unknown[]>
    const plan: [ListCase['list'], string, Run][] = [
      ['members', 'first page', () => listUsers(deps, actor, { orgId, limit })],
      [
        'members',
        `q matching 1 in ${NEEDLE_EVERY} (family name), first page`,
        () => listUsers(deps, actor, { orgId, limit, search: 'NEEDLE' }),
      ],
      [
        'members',
        `q matching 1 in ${NEEDLE_EVERY}, sixth page (starting_after)`,
        () => listUsers(deps, actor, { orgId, limit, search: 'needle', startingAfter: deepCursor }),
      ],
      [
        'members',
        'q matching one member (email)',
        () => listUsers(deps, actor, { orgId, limit, search: `member-${middle}@` }),
      ],
      [
        'members',
        'q matching nothing (reads the whole org)',
        () => listUsers(deps, actor, { orgId, limit, search: 'no such person' }),
      ],
      ['own API keys', 'first page', () => listApiKeys(deps, actor, { orgId, limit })],
      [
        'own API keys',
        `q matching 1 in ${NEEDLE_EVERY}, first page`,
        () => listApiKeys(deps, actor, { orgId, limit, search: 'needle' }),
      ],
      ['org API keys', 'first page', () => listOrgApiKeys(deps, actor, { orgId, limit })],
      [
        'org API keys',
        `q matching 1 in ${NEEDLE_EVERY}, first page`,
        () => listOrgApiKeys(deps, actor, { orgId, limit, search: 'needle' }),
      ],
      [
        'org API keys',
        `q matching 1 in ${NEEDLE_EVERY}, sixth page (starting_after)`,
        () =>
          listOrgApiKeys(deps, actor, {
            orgId,
            limit,
            search: 'needle',
            startingAfter: deepKeyCursor,
          }),
      ],
      [
        'org API keys',
        'q matching one key',
        () => listOrgApiKeys(deps, actor, { orgId, limit, search: `key ${middle + 1}` }),
      ],
      [
        'org API keys',
        'q matching nothing (reads the whole org)',
        () => listOrgApiKeys(deps, actor, { orgId, limit, search: 'no such key' }),
      ],
    ]
    // The store's query alone (no org world, no shaping): what the search itself costs.
    const inStore =
      <T>(read: (tx: Tx) => Promise<T[]>): Run =>
      () =>
        deps.store.transaction(read)
    plan.push(
      ['members, store only', 'first page', inStore((tx) => tx.users.list({ orgId, limit }))],
      [
        'members, store only',
        `q matching 1 in ${NEEDLE_EVERY}, first page`,
        inStore((tx) => tx.users.list({ orgId, limit, search: 'needle' })),
      ],
      [
        'members, store only',
        'q matching nothing (reads the whole org)',
        inStore((tx) => tx.users.list({ orgId, limit, search: 'no such person' })),
      ],
      [
        'org API keys, store only',
        'first page',
        inStore((tx) => tx.apiKeys.list({ orgId, limit })),
      ],
      [
        'org API keys, store only',
        'q matching nothing (reads the whole org)',
        inStore((tx) =>
          tx.apiKeys.list({ orgId, limit, includeRevoked: true, search: 'no such key' }),
        ),
      ],
    )
    const cases: ListCase[] = []
    for (const [list, name, run] of plan) {
      const { ms, returned } = await timed(options.repeats, run)
      cases.push({ list, name, baseline: 'first page', returned, ms })
      log(`  ${list}, ${name}: p50 ${ms.p50.toFixed(1)} ms, ${returned} rows`)
    }
    return {
      dialect: 'sqlite',
      rows: options.rows,
      pageSize: limit,
      repeats: options.repeats,
      seedMs,
      cases,
    }
  } finally {
    await store.close()
    for (const suffix of ['', '-wal', '-shm']) {
      rmSync(`${path}${suffix}`, { force: true })
    }
  }
}
