import type { Kysely } from 'kysely'

/*
 * Lists of ten thousand rows (members, keys, tokens, groups, invitations) page newest first
 * within an org, with an optional search. An index in that order lets the database walk an
 * org's rows from the newest and stop at the page's limit, searched or not, instead of sorting
 * every row of the org for each page. The search itself (`%text%`, see search.ts) cannot use a
 * b-tree index; it is checked on the rows that walk visits, so a search that matches little
 * reads up to the whole org once — bounded by the org, never the table.
 * Plain indexes: the same statements on SQLite and PostgreSQL.
 */
const INDEXES: readonly (readonly [name: string, table: string, columns: readonly string[]])[] = [
  ['api_keys_org_created_idx', 'api_keys', ['org_id', 'created_at', 'id']],
  ['api_keys_org_user_created_idx', 'api_keys', ['org_id', 'user_id', 'created_at', 'id']],
  ['service_tokens_org_created_idx', 'service_tokens', ['org_id', 'created_at', 'id']],
  ['groups_org_created_idx', 'groups', ['org_id', 'created_at', 'id']],
  // Members list by the user's creation time, joined to the org's memberships by primary key.
  ['users_created_idx', 'users', ['created_at', 'id']],
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, columns] of INDEXES) {
    await db.schema
      .createIndex(name)
      .on(table)
      .columns([...columns])
      .execute()
  }
}
