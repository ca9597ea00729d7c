import type { Kysely } from 'kysely'
import type { Database } from '../../../storage/schema.js'

/*
 * The whole stored state of a test database, to tell whether a request changed anything. Left
 * out, because they change on requests that are refused by design: the audit log's denial
 * events (and the chain head they move), a session's last-seen time, and the last-used times
 * of keys and tokens (written in batches, off the request path). The success events of the
 * audit log are compared by id: the log is append-only, so a new one is what a change leaves.
 */

type Table = keyof Database

const IGNORED_COLUMNS: Partial<Record<Table, readonly string[]>> = {
  sessions: ['last_seen_at'],
  api_keys: ['last_used_at'],
  service_tokens: ['last_used_at'],
}

const TABLES: readonly Table[] = [
  'organizations',
  'users',
  'memberships',
  'projects',
  'groups',
  'group_users',
  'group_member_groups',
  'roles',
  'role_permissions',
  'role_roles',
  'acls',
  'api_keys',
  'service_tokens',
  'invitations',
  'sessions',
]

export type Snapshot = ReadonlyMap<string, readonly string[]>

export async function snapshotOf(db: Kysely<Database>): Promise<Snapshot> {
  const tables = new Map<string, string[]>()
  const reads = TABLES.map(async (table) => {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[]
    const ignored = IGNORED_COLUMNS[table] ?? []
    const lines = rows.map((row) =>
      JSON.stringify(
        Object.keys(row)
          .filter((column) => !ignored.includes(column))
          .sort()
          // PostgreSQL returns bigint columns as strings, SQLite as numbers: compare as text.
          .map((column) => [column, row[column] === null ? null : String(row[column])]),
      ),
    )
    tables.set(table, lines.sort())
  })
  const audit = db
    .selectFrom('audit_events')
    .select(['id', 'org_id', 'seq'])
    .where('outcome', '<>', 'denied')
    .execute()
    .then((rows) => {
      tables.set(
        'audit_events (not denied)',
        rows.map((r) => `${r.org_id}/${r.seq}/${r.id}`).sort(),
      )
    })
  await Promise.all([...reads, audit])
  return tables
}

/** What differs between two snapshots, table by table (empty: nothing changed). */
export function differences(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = []
  for (const [table, rows] of after) {
    const old = new Set(before.get(table) ?? [])
    const now = new Set(rows)
    const added = rows.filter((r) => !old.has(r))
    const removed = [...old].filter((r) => !now.has(r))
    if (added.length > 0 || removed.length > 0) {
      out.push(
        `${table}: +${added.length} -${removed.length}` +
          (added[0] === undefined ? '' : ` e.g. + ${added[0].slice(0, 300)}`) +
          (removed[0] === undefined ? '' : ` e.g. - ${removed[0].slice(0, 300)}`),
      )
    }
  }
  return out
}
