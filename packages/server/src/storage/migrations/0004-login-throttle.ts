import type { Kysely } from 'kysely'

/**
 * The login throttle's failures, shared by every node on the database: one row per counted
 * attempt. Read by account and by IP within the window, and pruned oldest first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('login_failures_account_idx')
    .on('login_failures')
    .columns(['account', 'at'])
    .execute()
  await db.schema
    .createIndex('login_failures_ip_idx')
    .on('login_failures')
    .columns(['ip', 'at'])
    .execute()
  await db.schema.createIndex('login_failures_at_idx').on('login_failures').column('at').execute()
}
