import type { ChildProcess } from 'node:child_process'
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '@gatehouse/server'
import SqliteDatabase from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PASSWORD, runCli, tempSqlite } from './testing/harness.js'
import {
  assertBuilt,
  logIn,
  sessionHeaders,
  startServer,
  stopServer,
} from './testing/server-process.js'

/*
 * `gatehouse backup` and `gatehouse restore`. The round trip runs under writes: a server keeps
 * creating projects while the backup is taken, and the restored copy holds every project that
 * was acknowledged before the backup started, and its audit chain verifies.
 */

const EMAIL = 'owner@backup.test'
const WRITERS = 3

async function bootstrap(url: string): Promise<void> {
  const boot = await runCli(
    ['bootstrap', '--db', url, '--org', 'backup', '--email', EMAIL, '--password-stdin', '--json'],
    { stdin: `${PASSWORD}\n` },
  )
  expect(boot.code, boot.stderr).toBe(0)
}

function errorOf(stderr: string): { code: string; message: string } {
  return (JSON.parse(stderr) as { error: { code: string; message: string } }).error
}

function projectNames(file: string): string[] {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true })
  try {
    return (db.prepare('SELECT name FROM projects').all() as { name: string }[]).map((r) => r.name)
  } finally {
    db.close()
  }
}

describe('gatehouse backup and restore (SQLite)', () => {
  let live: ReturnType<typeof tempSqlite>
  let spare: ReturnType<typeof tempSqlite>
  const children: ChildProcess[] = []

  // One bootstrap (a password hash) for all the tests; each starts from a copy of its file.
  let template: ReturnType<typeof tempSqlite> | undefined
  beforeAll(async () => {
    template = tempSqlite()
    await bootstrap(template.url)
  })
  afterAll(() => template?.cleanup())

  beforeEach(() => {
    live = tempSqlite()
    spare = tempSqlite()
    // The CLI closed the database, so the one file holds all of it (no -wal).
    copyFileSync(template?.file ?? '', live.file)
  })

  afterEach(async () => {
    await Promise.all(children.map(stopServer))
    children.length = 0
    live.cleanup()
    spare.cleanup()
  })

  it('restores, into a new path, a backup taken under writes: every write acknowledged before it, an intact chain', async () => {
    assertBuilt()
    const server = await startServer('backup server', live.url, children)
    const session = await logIn(server.url, EMAIL, PASSWORD)
    const acked: string[] = []
    let writing = true
    let serial = 0
    const writer = async (): Promise<void> => {
      while (writing) {
        const name = `p${serial++}`
        const res = await fetch(`${server.url}/v1/project`, {
          method: 'POST',
          headers: sessionHeaders(session),
          body: JSON.stringify({ name }),
        })
        expect(res.status).toBe(200)
        await res.arrayBuffer()
        acked.push(name)
      }
    }
    const writers = Array.from({ length: WRITERS }, writer)
    try {
      while (acked.length < 30) {
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      const before = [...acked]
      const file = join(spare.dir, 'backups', 'gatehouse-backup.db')
      const backup = await runCli(['backup', '--db', live.url, '--to', file, '--json'])
      expect(backup.code, backup.stderr).toBe(0)
      const during = acked.length - before.length
      // Writes went on while the backup ran: it is taken online, not from a paused server.
      while (acked.length < before.length + during + 10) {
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      writing = false
      await Promise.all(writers)

      const report = JSON.parse(backup.stdout) as {
        file: string
        bytes: number
        migrations: string[]
      }
      expect(report.file).toBe(file)
      expect(report.bytes).toBeGreaterThan(0)
      expect(report.migrations.length).toBeGreaterThan(0)
      // One self-contained file: no -wal beside it, no temporary left.
      expect(readdirSync(join(spare.dir, 'backups'))).toEqual(['gatehouse-backup.db'])

      const restoredUrl = `sqlite:${join(spare.dir, 'restored', 'gatehouse.db')}`
      const restore = await runCli(['restore', '--db', restoredUrl, '--from', file, '--json'])
      expect(restore.code, restore.stderr).toBe(0)
      const verify = await runCli(['audit', 'verify', '--db', restoredUrl, '--json'])
      expect(verify.code, verify.stdout).toBe(0)
      const restored = projectNames(join(spare.dir, 'restored', 'gatehouse.db'))
      expect(restored).toEqual(expect.arrayContaining(before))
      // The copy is one moment: what it holds is a prefix of what the server acknowledged.
      expect(restored.length).toBeLessThan(acked.length)
      expect(acked).toEqual(expect.arrayContaining(restored))

      // And a server runs on it: the owner logs in and sees the restored projects.
      const again = await startServer('restored server', restoredUrl, children)
      const s = await logIn(again.url, EMAIL, PASSWORD)
      const listed = await fetch(`${again.url}/v1/project?limit=1000`, {
        headers: sessionHeaders(s),
      })
      const body = (await listed.json()) as { objects: { name: string }[] }
      expect(body.objects.map((p) => p.name).sort()).toEqual([...restored].sort())
    } finally {
      writing = false
      await Promise.allSettled(writers)
    }
  }, 60_000)

  it('refuses to restore over a database that a process has open, even with --force', async () => {
    const backup = await runCli(['backup', '--db', live.url, '--to', join(spare.dir, 'b.db')])
    expect(backup.code, backup.stderr).toBe(0)
    expect(backup.stdout).toMatch(/^Backed up sqlite:.* to .*b\.db \(\d+ bytes, migrations up to /)
    const store = await openStore(live.url)
    try {
      // Opened and read, as a server has it: idle, no transaction open.
      await store.migrate()
      const refused = await runCli([
        'restore',
        '--db',
        live.url,
        '--from',
        join(spare.dir, 'b.db'),
        '--force',
        '--json',
      ])
      expect(refused.code).toBe(5)
      expect(errorOf(refused.stderr).code).toBe('DATABASE_IN_USE')
    } finally {
      await store.close()
    }
    // Closed: --force replaces it, without it the existing file stays.
    const kept = await runCli([
      'restore',
      '--db',
      live.url,
      '--from',
      join(spare.dir, 'b.db'),
      '--json',
    ])
    expect(kept.code).toBe(5)
    expect(errorOf(kept.stderr)).toEqual({
      code: 'RESTORE_TARGET_EXISTS',
      message: 'The database file already exists: pass --force to replace it',
      details: { file: live.file },
    })
    const forced = await runCli([
      'restore',
      '--db',
      live.url,
      '--from',
      join(spare.dir, 'b.db'),
      '--force',
    ])
    expect(forced.code, forced.stderr).toBe(0)
    expect(forced.stdout).toContain("Run 'gatehouse audit verify' next.")
    expect((await runCli(['audit', 'verify', '--db', live.url])).code).toBe(0)
  })

  it('refuses a file that is not a Gatehouse database at this version, and replaces nothing', async () => {
    const target = `sqlite:${join(spare.dir, 'target.db')}`
    const junk = join(spare.dir, 'junk.db')
    writeFileSync(junk, 'not a database at all, just some bytes '.repeat(200))
    const other = join(spare.dir, 'other.db')
    const plain = new SqliteDatabase(other)
    plain.exec('CREATE TABLE notes (body TEXT)')
    plain.close()
    const older = join(spare.dir, 'older.db')
    expect((await runCli(['backup', '--db', live.url, '--to', older])).code).toBe(0)
    const edit = new SqliteDatabase(older)
    edit.exec(`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', 'x')`)
    edit.close()

    const cases: [string, number, string][] = [
      [join(spare.dir, 'missing.db'), 4, 'FILE_NOT_FOUND'],
      [junk, 2, 'BACKUP_NOT_GATEHOUSE'],
      [other, 2, 'BACKUP_NOT_GATEHOUSE'],
      [older, 2, 'BACKUP_MIGRATION_MISMATCH'],
    ]
    for (const [from, exit, code] of cases) {
      const res = await runCli(['restore', '--db', target, '--from', from, '--json'])
      expect(res.code, from).toBe(exit)
      expect(errorOf(res.stderr).code, from).toBe(code)
      expect(existsSync(join(spare.dir, 'target.db')), from).toBe(false)
    }
    // Nothing half-done is left beside the target.
    expect(readdirSync(spare.dir).sort()).toEqual(['junk.db', 'older.db', 'other.db'])
  })

  it('refuses a backup file that exists, and a database that does not', async () => {
    const file = join(spare.dir, 'exists.db')
    writeFileSync(file, 'keep me')
    const exists = await runCli(['backup', '--db', live.url, '--to', file, '--json'])
    expect(exists.code).toBe(5)
    expect(errorOf(exists.stderr).code).toBe('BACKUP_FILE_EXISTS')
    const missing = await runCli([
      'backup',
      '--db',
      `sqlite:${join(spare.dir, 'nothing-here.db')}`,
      '--to',
      join(spare.dir, 'b.db'),
      '--json',
    ])
    expect(missing.code).toBe(4)
    expect(errorOf(missing.stderr).code).toBe('FILE_NOT_FOUND')
    expect(existsSync(join(spare.dir, 'nothing-here.db'))).toBe(false)
    const usage = await runCli(['backup', '--db', live.url])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain("Missing required option '--to'")
  })
})

describe('gatehouse backup and restore on PostgreSQL', () => {
  // No connection is made: the command knows from the URL alone that pg_dump is the tool.
  const url = 'postgres://nobody@127.0.0.1:1/none?schema=gatehouse'
  let spare: ReturnType<typeof tempSqlite>
  beforeAll(() => {
    spare = tempSqlite()
  })
  afterAll(() => spare.cleanup())

  it('says that pg_dump and pg_restore are the tools, exit 2', async () => {
    for (const argv of [
      ['backup', '--db', url, '--to', join(spare.dir, 'b.db'), '--json'],
      ['restore', '--db', url, '--from', join(spare.dir, 'b.db'), '--json'],
    ]) {
      const res = await runCli(argv)
      expect(res.code).toBe(2)
      expect(errorOf(res.stderr)).toEqual({
        code: 'BACKUP_USE_PG_DUMP',
        message:
          'PostgreSQL is backed up with pg_dump and restored with pg_restore (see docs/operations.md)',
      })
    }
    const text = await runCli(['backup', '--db', url, '--to', join(spare.dir, 'b.db')])
    expect(text.stderr).toContain('error: BACKUP_USE_PG_DUMP: PostgreSQL is backed up with pg_dump')
  })
})
