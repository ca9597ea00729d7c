import { type Kysely, sql } from 'kysely'
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

/**
 * The stored state. On PostgreSQL, each table's rows are reduced to a digest in the database
 * (one round trip instead of every row through the driver: the full run's state grows to
 * thousands of rows); a difference then names the table, and `snapshotOf(db, 'rows')` the rows.
 */
export async function snapshotOf(
  db: Kysely<Database>,
  detail: 'digest' | 'rows' = 'digest',
): Promise<Snapshot> {
  if (detail === 'digest' && (await isPostgres(db))) {
    return digestOf(db)
  }
  return rowsOf(db)
}

const dialects = new WeakMap<object, boolean>()

async function isPostgres(db: Kysely<Database>): Promise<boolean> {
  let known = dialects.get(db)
  if (known === undefined) {
    const { rows } = await sql<{ v: string }>`select sqlite_version() as v`
      .execute(db)
      .catch(() => ({ rows: [] }))
    known = rows.length === 0
    dialects.set(db, known)
  }
  return known
}

const columnLists = new WeakMap<object, Map<string, string[]>>()

async function digestOf(db: Kysely<Database>): Promise<Snapshot> {
  let columns = columnLists.get(db)
  if (columns === undefined) {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() order by table_name, ordinal_position`.execute(db)
    columns = new Map()
    for (const row of rows) {
      const ignored: readonly string[] = IGNORED_COLUMNS[row.table_name as Table] ?? []
      if (!ignored.includes(row.column_name)) {
        columns.set(row.table_name, [...(columns.get(row.table_name) ?? []), row.column_name])
      }
    }
    columnLists.set(db, columns)
  }
  const parts = TABLES.map((table) => {
    const list = sql.join((columns.get(table) ?? []).map((c) => sql.ref(c)))
    return sql`select ${table}::text as t, md5(coalesce(string_agg(r, ',' order by r), '')) as d
      from (select row(${list})::text as r from ${sql.table(table)}) s`
  })
  parts.push(sql`select 'audit_events (not denied)' as t,
    md5(coalesce(string_agg(org_id || '/' || seq || '/' || id, ',' order by org_id, seq), '')) as d
    from audit_events where outcome <> 'denied'`)
  const { rows } = await sql<{
    t: string
    d: string
  }>`${sql.join(parts, sql` union all `)}`.execute(db)
  return new Map(rows.map((r) => [r.t, [r.d]]))
}

async function rowsOf(db: Kysely<Database>): Promise<Snapshot> {
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
