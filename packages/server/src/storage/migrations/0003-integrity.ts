import { type Kysely, SqliteAdapter, sql } from 'kysely'

/*
 * Guards in the database itself, under the use cases' own checks:
 * - a live name is unique in its org (projects, groups, org roles): a partial unique index, so
 *   soft-deleted names stay reusable;
 * - the audit log is append-only: triggers refuse to change or delete an event, or to move a
 *   chain head back (a superuser can still drop them; `gatehouse audit verify` still sees that);
 * - the ids that name a user (the creator of a project, group or role; who sent and who used an
 *   invitation) are foreign keys.
 * Triggers and adding a foreign key to an existing column are the two things SQL spells
 * differently in SQLite and PostgreSQL, so this migration, like connect.ts, asks which it runs on.
 */

const NAMED = ['projects', 'groups', 'roles'] as const

function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter
}

/**
 * A live name taken twice (possible before this migration, when two creates raced) keeps its
 * oldest holder; each later one gets its id appended, so the unique index can be built and no
 * row is lost.
 */
async function renameDuplicates(db: Kysely<unknown>, table: (typeof NAMED)[number]) {
  const t = sql.table(table)
  await sql`
    update ${t} set name = name || ' (' || id || ')'
    where deleted_at is null and org_id is not null and exists (
      select 1 from ${t} as older
      where older.org_id = ${t}.org_id and older.name = ${t}.name and older.deleted_at is null
        and (older.created_at < ${t}.created_at
          or (older.created_at = ${t}.created_at and older.id < ${t}.id)))
  `.execute(db)
}

async function uniqueLiveNames(db: Kysely<unknown>): Promise<void> {
  for (const table of NAMED) {
    await renameDuplicates(db, table)
    await db.schema.dropIndex(`${table}_org_name_idx`).execute()
    await db.schema
      .createIndex(`${table}_org_live_name_key`)
      .on(table)
      .columns(['org_id', 'name'])
      .unique()
      .where(sql.ref('deleted_at'), 'is', null)
      .execute()
  }
}

const APPEND_ONLY = 'audit events are append-only'
const HEAD_FORWARD = 'an audit chain head only moves forward'

async function appendOnlyAuditSqlite(db: Kysely<unknown>): Promise<void> {
  for (const op of ['update', 'delete']) {
    await sql`
      create trigger ${sql.id(`audit_events_no_${op}`)} before ${sql.raw(op)} on audit_events
      begin select raise(abort, ${sql.lit(APPEND_ONLY)}); end
    `.execute(db)
  }
  await sql`
    create trigger audit_heads_no_delete before delete on audit_heads
    begin select raise(abort, ${sql.lit(HEAD_FORWARD)}); end
  `.execute(db)
  await sql`
    create trigger audit_heads_forward before update on audit_heads
    when new.seq < old.seq or new.org_id <> old.org_id
    begin select raise(abort, ${sql.lit(HEAD_FORWARD)}); end
  `.execute(db)
}

async function appendOnlyAuditPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function gatehouse_audit_append_only() returns trigger language plpgsql as $$
    begin
      raise exception ${sql.lit(APPEND_ONLY)} using errcode = 'P0001';
    end $$
  `.execute(db)
  await sql`
    create function gatehouse_audit_head_forward() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or new.seq < old.seq or new.org_id <> old.org_id then
        raise exception ${sql.lit(HEAD_FORWARD)} using errcode = 'P0001';
      end if;
      return new;
    end $$
  `.execute(db)
  await sql`
    create trigger audit_events_append_only before update or delete on audit_events
    for each row execute function gatehouse_audit_append_only()
  `.execute(db)
  // TRUNCATE skips row triggers: refuse it too.
  await sql`
    create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function gatehouse_audit_append_only()
  `.execute(db)
  await sql`
    create trigger audit_heads_forward before update or delete on audit_heads
    for each row execute function gatehouse_audit_head_forward()
  `.execute(db)
}

/** [table, column] pairs that name a user and had no foreign key. */
const USER_REFERENCES = [
  ['projects', 'user_id'],
  ['groups', 'user_id'],
  ['roles', 'user_id'],
  ['invitations', 'invited_by'],
  ['invitations', 'accepted_user_id'],
] as const

async function userForeignKeysPostgres(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of USER_REFERENCES) {
    await db.schema
      .alterTable(table)
      .addForeignKeyConstraint(`${table}_${column}_fkey`, [column], 'users', ['id'])
      .execute()
  }
}

/**
 * SQLite cannot add a constraint to a column: each table is rebuilt with it (SQLite's documented
 * procedure), with foreign keys off so that the tables that reference it are left alone, and
 * checked before the commit. The copy keeps every column, in order, and its indexes.
 */
async function userForeignKeysSqlite(db: Kysely<unknown>): Promise<void> {
  const tables = [...new Set(USER_REFERENCES.map(([table]) => table))]
  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await sql`begin immediate`.execute(db)
    try {
      for (const table of tables) {
        await rebuildWithUserReferences(db, table)
      }
      const broken = await sql`pragma foreign_key_check`.execute(db)
      if (broken.rows.length > 0) {
        throw new Error(
          `0003-integrity: ${broken.rows.length} rows name a user that does not exist`,
        )
      }
      await sql`commit`.execute(db)
    } catch (err) {
      await sql`rollback`.execute(db)
      throw err
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db)
  }
}

interface SqliteMasterRow {
  type: string
  name: string
  sql: string | null
}

async function rebuildWithUserReferences(db: Kysely<unknown>, table: string): Promise<void> {
  const master = await sql<SqliteMasterRow>`
    select type, name, sql from sqlite_master where tbl_name = ${table} and sql is not null
  `.execute(db)
  const create = master.rows.find((r) => r.type === 'table')?.sql
  if (create === undefined || create === null) {
    throw new Error(`0003-integrity: no table ${table}`)
  }
  let definition = create
  for (const [t, column] of USER_REFERENCES) {
    if (t !== table) {
      continue
    }
    // `"user_id" text,` becomes `"user_id" text references "users" ("id"),`
    const declared = new RegExp(`("${column}" text)(?=[,)])`)
    if (!declared.test(definition)) {
      throw new Error(`0003-integrity: ${table}.${column} is not declared as expected`)
    }
    definition = definition.replace(declared, '$1 references "users" ("id")')
  }
  const rebuilt = `${table}_0003`
  const head = `create table "${table}"`
  if (!definition.toLowerCase().startsWith(head)) {
    throw new Error(`0003-integrity: unexpected definition of ${table}`)
  }
  await sql.raw(`create table "${rebuilt}"${definition.slice(head.length)}`).execute(db)
  await sql.raw(`insert into "${rebuilt}" select * from "${table}"`).execute(db)
  await sql.raw(`drop table "${table}"`).execute(db)
  await sql.raw(`alter table "${rebuilt}" rename to "${table}"`).execute(db)
  for (const index of master.rows.filter((r) => r.type === 'index')) {
    await sql.raw(index.sql ?? '').execute(db)
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await uniqueLiveNames(db)
  if (isSqlite(db)) {
    await appendOnlyAuditSqlite(db)
    await userForeignKeysSqlite(db)
  } else {
    await appendOnlyAuditPostgres(db)
    await userForeignKeysPostgres(db)
  }
}
