import { Kysely, PostgresDialect, type SqlBool, sql } from 'kysely'
import pg from 'pg'
import type { Connection } from '../connection.js'
import type { Database } from '../schema.js'
import { withDdlLock } from './ddl-lock.js'
import { AUTHZ_CHANNEL, listenPostgres } from './listen-postgres.js'

const PG_INT8_OID = 20

/*
 * lockNames' advisory locks use the two-int form, whose key space PostgreSQL keeps apart from
 * the one-bigint form (the DDL lock): this class, and a hash of the schema and the name. The
 * schema is in the hash because tests run many schemas on one database. A hash collision only
 * makes one caller wait for another's short transaction.
 */
const NAMED_LOCK_CLASS = 0x67_68_6c_6b

/**
 * Opens a pool on `schema` (created if missing), with bigint columns read as numbers.
 * `schema` is a checked identifier (see connect.ts).
 */
export async function connectPostgres(
  connectionString: string,
  schema: string | undefined,
  maxConnections: number | undefined,
): Promise<Connection> {
  const pool = new pg.Pool({
    connectionString,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    ...(maxConnections === undefined ? {} : { max: maxConnections }),
    // Times and counters are bigint columns; epoch milliseconds fit a double exactly.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === PG_INT8_OID && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client losing its server emits here; unhandled, it would end the process. The next
  // query gets a fresh client and reports the failure to its caller.
  pool.on('error', () => undefined)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  if (schema !== undefined) {
    try {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(db)
    } catch (err) {
      // Two processes creating the same schema at once: the loser sees a unique violation.
      if ((err as { code?: unknown }).code !== '23505') {
        await db.destroy()
        throw err
      }
    }
  }
  let current: string | null | undefined
  try {
    current = (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db))
      .rows[0]?.schema
  } catch (err) {
    await db.destroy()
    throw err
  }
  // Schemas share the channel (tests run many on one database); the payload names its schema.
  const prefix = `${current ?? 'public'}:`
  return {
    dialect: 'postgres',
    db,
    migrationSchema: current ?? undefined,
    sharedByNodes: true,
    // LIKE is case-sensitive in PostgreSQL; ILIKE folds case by the database's locale.
    like: (haystack, pattern) => sql<SqlBool>`${haystack} ilike ${pattern} escape '\\'`,
    transaction: (fn) => db.transaction().execute(fn),
    underDdlLock: (fn) => withDdlLock(connectionString, fn),
    async lockNames(trx, names, mode) {
      for (const name of [...new Set(names)].sort()) {
        const key = sql`hashtext(current_schema() || ':' || ${name})`
        await (mode === 'shared'
          ? sql`select pg_advisory_xact_lock_shared(${NAMED_LOCK_CLASS}, ${key})`
          : sql`select pg_advisory_xact_lock(${NAMED_LOCK_CLASS}, ${key})`
        ).execute(trx)
      }
    },
    async tryLockName(trx, name) {
      const key = sql`hashtext(current_schema() || ':' || ${name})`
      const { rows } = await sql<{ locked: boolean }>`
        select pg_try_advisory_xact_lock(${NAMED_LOCK_CLASS}, ${key}) as locked`.execute(trx)
      return rows[0]?.locked === true
    },
    async announce(trx, orgIds) {
      for (const orgId of orgIds) {
        await sql`select pg_notify(${AUTHZ_CHANNEL}, ${prefix + orgId})`.execute(trx)
      }
    },
    // FOR NO KEY UPDATE: it queues behind another writer of the org (and blocks the UPDATE of
    // authz_version), yet lets rows that merely reference the org (FK checks) go on.
    async lockOrg(trx, orgId) {
      await sql`select id from organizations where id = ${orgId} for no key update`.execute(trx)
    },
    listen: (handlers) => listenPostgres(connectionString, prefix, handlers),
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    close: () => db.destroy(),
  }
}
