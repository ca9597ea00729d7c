import { createProject, type Tx } from '@gatehouse/core'
import { createNodeDeps, openStore } from '@gatehouse/server'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PASSWORD, runCli, tempSqlite } from './testing/harness.js'

let db: ReturnType<typeof tempSqlite>

beforeEach(() => {
  db = tempSqlite()
})

afterEach(() => {
  db.cleanup()
})

async function bootstrap(org: string): Promise<{ org_id: string; user_id: string }> {
  const result = await runCli(
    [
      'bootstrap',
      '--db',
      db.url,
      '--org',
      org,
      '--email',
      `owner@${org}.test`,
      '--password-stdin',
      '--json',
    ],
    { stdin: PASSWORD },
  )
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout) as { org_id: string; user_id: string }
}

/** Adds audited events to the org through a real use case (one per project). */
async function createProjects(ids: { org_id: string; user_id: string }, names: string[]) {
  const store = await openStore(db.url)
  try {
    const deps = createNodeDeps(store)
    const actor = {
      userId: ids.user_id,
      credential: { kind: 'session', id: null, orgId: null },
      impersonatorId: null,
    } as const
    for (const name of names) {
      await createProject(deps, actor, { orgId: ids.org_id, name })
    }
  } finally {
    await store.close()
  }
}

async function eventId(orgId: string, seq: number): Promise<string> {
  const store = await openStore(db.url)
  try {
    const events = await store.transaction((tx: Tx) => tx.audit.scan(orgId, seq - 1, 1))
    return events[0]?.id ?? ''
  } finally {
    await store.close()
  }
}

/**
 * Tampers with the file directly, as someone with disk access would: the append-only triggers
 * refuse the edit first, so the tamperer drops them, and verify must still see what was done.
 */
function sqlite(statement: string, ...params: unknown[]): void {
  const conn = new Database(db.file)
  try {
    expect(() => conn.prepare(statement).run(...params)).toThrow('audit events are append-only')
    conn.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete')
    conn.prepare(statement).run(...params)
  } finally {
    conn.close()
  }
}

describe('gatehouse audit verify', () => {
  it('says every chain is intact', async () => {
    const acme = await bootstrap('acme')
    await bootstrap('beta')
    await createProjects(acme, ['one', 'two'])
    const result = await runCli(['audit', 'verify', '--db', db.url])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(
      'ok      acme: 3 events, chain intact\nok      beta: 1 event, chain intact\n',
    )
  })

  it('reports an edited event by org, seq, id and reason, and exits 6', async () => {
    const acme = await bootstrap('acme')
    await bootstrap('beta')
    const id = await eventId(acme.org_id, 1)
    expect(id).not.toBe('')
    sqlite(`UPDATE audit_events SET action = 'x' WHERE seq = 1 AND org_id = ?`, acme.org_id)

    const text = await runCli(['audit', 'verify', '--db', db.url])
    expect(text.code).toBe(6)
    expect(text.stdout).toContain(
      `BROKEN  acme: first broken event seq 1 (id ${id}): hash_mismatch`,
    )
    expect(text.stdout).toContain('ok      beta: 1 event, chain intact')
    expect(text.stderr).toBe('1 of 2 audit chains are broken.\n')

    const json = await runCli(['audit', 'verify', '--db', db.url, '--json'])
    expect(json.code).toBe(6)
    const body = JSON.parse(json.stdout) as { ok: boolean; orgs: Record<string, unknown>[] }
    expect(body.ok).toBe(false)
    expect(body.orgs).toContainEqual({
      org_id: acme.org_id,
      org_name: 'acme',
      events: 1,
      ok: false,
      break: { seq: 1, event_id: id, reason: 'hash_mismatch' },
    })

    const other = await runCli(['audit', 'verify', '--db', db.url, '--org', 'beta'])
    expect(other.code).toBe(0)
  })

  it('finds an event removed from the middle of a chain', async () => {
    const acme = await bootstrap('acme')
    await createProjects(acme, ['one', 'two'])
    const third = await eventId(acme.org_id, 3)
    sqlite('DELETE FROM audit_events WHERE seq = 2 AND org_id = ?', acme.org_id)
    const result = await runCli(['audit', 'verify', '--db', db.url, '--org', 'acme'])
    expect(result.code).toBe(6)
    expect(result.stdout).toContain(`first broken event seq 3 (id ${third}): seq_gap`)
  })

  it('names an unknown org with exit 4', async () => {
    await bootstrap('acme')
    const result = await runCli(['audit', 'verify', '--db', db.url, '--org', 'nope'])
    expect(result.code).toBe(4)
    expect(result.stderr).toBe('error: ORG_NOT_FOUND: Organization not found\n')
  })

  it('has nothing to verify on an empty database', async () => {
    const result = await runCli(['audit', 'verify', '--db', db.url])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('No organization yet')
  })
})
