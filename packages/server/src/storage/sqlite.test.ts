import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runStoreContract } from '@gatehouse/core/testing'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { connect } from './connect.js'
import { MIGRATIONS } from './migrations/index.js'
import { openStore } from './open-store.js'
import { openSqliteTestStore } from './testing/test-stores.js'

/** Every migration, in the order a fresh database applies them. */
const ALL_MIGRATIONS = Object.keys(MIGRATIONS)

runStoreContract('sqlite', openSqliteTestStore)

const dirs: string[] = []

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-sqlite-'))
  dirs.push(dir)
  return dir
}

afterEach(() => {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true })
  }
})

describe('SQLite connection', () => {
  it('runs in WAL mode with foreign keys on, synchronous FULL and a busy timeout', async () => {
    const conn = await connect(`sqlite:${join(tempDir(), 'gh.db')}`)
    try {
      const pragma = async (name: string) =>
        (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(conn.db)).rows[0]
      expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' })
      expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 })
      // 2 is FULL: the WAL is synced at every commit.
      expect(await pragma('synchronous')).toEqual({ synchronous: 2 })
      expect(await pragma('busy_timeout')).toEqual({ timeout: 5000 })
    } finally {
      await conn.close()
    }
  })

  it('creates the parent directories of the database file', async () => {
    const file = join(tempDir(), 'nested', 'deeper', 'gatehouse.db')
    const store = await openStore(`sqlite:${file}`)
    await store.migrate()
    await store.close()
    expect(existsSync(file)).toBe(true)
  })

  it('applies the migrations once: a second run applies nothing and fails nothing', async () => {
    const file = join(tempDir(), 'gh.db')
    const store = await openStore(`sqlite:${file}`)
    expect(store.dialect).toBe('sqlite')
    expect(await store.migrate()).toEqual(ALL_MIGRATIONS)
    expect(await store.migrate()).toEqual([])
    await store.close()
    const again = await openStore(`sqlite:${file}`)
    expect(await again.migrate()).toEqual([])
    await again.close()
  })

  it('keeps committed data across a close and reopen of the file', async () => {
    const file = join(tempDir(), 'gh.db')
    const store = await openStore(`sqlite:${file}`)
    await store.migrate()
    await store.transaction((tx) =>
      tx.users.insert({
        id: '11111111-1111-4111-8111-111111111111',
        kind: 'user',
        email: 'durable@example.com',
        givenName: null,
        familyName: null,
        avatarUrl: null,
        passwordHash: null,
        serviceAccountOrgId: null,
        createdAt: 1,
        deletedAt: null,
      }),
    )
    await store.close()
    const reopened = await openStore(`sqlite:${file}`)
    const user = await reopened.transaction((tx) => tx.users.findByEmail('DURABLE@example.com'))
    await reopened.close()
    expect(user?.id).toBe('11111111-1111-4111-8111-111111111111')
  })

  it('enforces foreign keys', async () => {
    const store = await openStore('sqlite::memory:')
    await store.migrate()
    await expect(
      store.transaction((tx) =>
        tx.members.add({ orgId: 'no-such-org', userId: 'no-such-user', createdAt: 1 }),
      ),
    ).rejects.toThrow(/FOREIGN KEY/)
    await store.close()
  })
})
