import { withDdlLock } from '@gatehouse/server'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, runCli } from './testing/harness.js'

const base = process.env.GATEHOUSE_TEST_POSTGRES_URL
const required = process.env.GATEHOUSE_REQUIRE_POSTGRES === '1'

if (base === undefined || base === '') {
  const reason = 'GATEHOUSE_TEST_POSTGRES_URL is not set'
  if (required) {
    describe('gatehouse on PostgreSQL', () => {
      it('runs because GATEHOUSE_REQUIRE_POSTGRES=1', () => {
        throw new Error(`${reason}, but GATEHOUSE_REQUIRE_POSTGRES=1 demands the PostgreSQL tests`)
      })
    })
  } else {
    console.warn(`[cli] skipping the PostgreSQL tests: ${reason}`)
    describe.skip(`gatehouse on PostgreSQL (skipped: ${reason})`, () => {
      it('bootstraps and verifies', () => undefined)
    })
  }
} else {
  const schema = `gh_cli_${Math.random().toString(36).slice(2, 10)}`
  const url = new URL(base)
  url.searchParams.set('schema', schema)
  const db = url.toString()

  describe('gatehouse on PostgreSQL', () => {
    beforeAll(async () => {
      // A schema left behind by an earlier crashed run would make the first assertions lie.
      await dropSchema()
    })

    afterAll(async () => {
      await dropSchema()
    })

    it('migrates, bootstraps, verifies and catches an edited event', async () => {
      const migrate = await runCli(['migrate', '--db', db])
      expect(migrate.stderr).toBe('')
      expect(migrate.stdout).toMatch(/\(postgres\): applied \d+ migrations?: 0001/)

      const created = await runCli(
        [
          'bootstrap',
          '--db',
          db,
          '--org',
          'acme',
          '--email',
          'owner@acme.test',
          '--password-stdin',
          '--json',
        ],
        { stdin: `${PASSWORD}\n` },
      )
      expect(created.stderr).toBe('')
      expect(created.code).toBe(0)
      const ids = JSON.parse(created.stdout) as { org_id: string; user_id: string }

      const duplicate = await runCli([
        'bootstrap',
        '--db',
        db,
        '--org',
        'acme',
        '--email',
        'owner@acme.test',
      ])
      expect(duplicate.stderr).toContain('ORG_NAME_TAKEN')
      expect(duplicate.code).toBe(5)

      const ok = await runCli(['audit', 'verify', '--db', db])
      expect(ok.stderr).toBe('')
      expect(ok.code).toBe(0)
      expect(ok.stdout).toBe('ok      acme: 1 event, chain intact\n')

      const client = new pg.Client({ connectionString: base })
      await client.connect()
      let eventId: string
      try {
        const row = await client.query<{ id: string }>(
          `SELECT id FROM "${schema}".audit_events WHERE org_id = $1 AND seq = 1`,
          [ids.org_id],
        )
        eventId = row.rows[0]?.id ?? ''
        const edit = `UPDATE "${schema}".audit_events SET action = 'x' WHERE org_id = $1 AND seq = 1`
        // The append-only trigger refuses the edit; a superuser turns it off and edits anyway.
        await expect(client.query(edit, [ids.org_id])).rejects.toThrow(
          'audit events are append-only',
        )
        await client.query(`ALTER TABLE "${schema}".audit_events DISABLE TRIGGER USER`)
        await client.query(edit, [ids.org_id])
      } finally {
        await client.end()
      }
      const broken = await runCli(['audit', 'verify', '--db', db, '--json'])
      expect(broken.code).toBe(6)
      expect(JSON.parse(broken.stdout)).toEqual({
        ok: false,
        orgs: [
          {
            org_id: ids.org_id,
            org_name: 'acme',
            events: 1,
            ok: false,
            break: { seq: 1, event_id: eventId, reason: 'hash_mismatch' },
          },
        ],
      })
    })
  })

  async function dropSchema(): Promise<void> {
    // Under the server's DDL lock, so the drop never overlaps a migration of another test.
    await withDdlLock(base ?? '', async () => {
      const client = new pg.Client({ connectionString: base })
      await client.connect()
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      } finally {
        await client.end()
      }
    })
  }
}
