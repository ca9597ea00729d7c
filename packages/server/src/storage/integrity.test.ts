import { AppError, GENESIS_HASH } from '@gatehouse/core'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { connect } from './connect.js'
import type { Connection } from './connection.js'
import { MIGRATIONS } from './migrations/index.js'
import { createSqlStore, migratorFor } from './sql-store.js'
import { dropSchema, postgresTestTarget, uniqueSchemaName } from './testing/test-stores.js'

/*
 * The guards migration 0003 puts in the database itself, on both dialects: what they refuse
 * when the application's own checks are bypassed (raw SQL), and the upgrade of a database made
 * before them, which may already hold duplicate live names.
 */

const pgTarget = postgresTestTarget()
if (pgTarget.skip !== undefined) {
  console.warn(`integrity.test.ts (postgres): ${pgTarget.skip}`)
}

const dialects = [
  { name: 'sqlite', open: async () => ({ connection: await connect('sqlite::memory:') }) },
  {
    name: 'postgres',
    skip: pgTarget.skip,
    open: async () => {
      const schema = uniqueSchemaName()
      return { connection: await connect(pgTarget.url ?? '', { schema }), schema }
    },
  },
] as const

async function migrateTo(connection: Connection, name: string): Promise<void> {
  const { error } = await migratorFor(connection).migrateTo(name)
  if (error !== undefined) {
    throw error
  }
}

const ORG = '00000000-0000-4000-8000-000000000001'
const USER = '00000000-0000-4000-8000-000000000002'

for (const dialect of dialects) {
  describe.skipIf('skip' in dialect && dialect.skip !== undefined)(
    `database guards (${dialect.name})`,
    () => {
      let opened: { connection: Connection; schema?: string } | undefined
      afterEach(async () => {
        await opened?.connection.close()
        if (opened?.schema !== undefined && pgTarget.url !== undefined) {
          await dropSchema(pgTarget.url, opened.schema)
        }
        opened = undefined
      })

      /** A database at 0002 with one org, one user and two live projects of one name. */
      async function before0003() {
        opened = await dialect.open()
        const { db } = opened.connection
        await migrateTo(opened.connection, '0002-sessions')
        await sql`insert into organizations (id, name, plan, direct_ownership_grants,
          service_tokens_can_mint, authz_version, created_at)
          values (${ORG}, 'acme', 'enterprise', 1, 1, 0, 1)`.execute(db)
        await sql`insert into audit_heads (org_id, seq, hash) values (${ORG}, 0, ${GENESIS_HASH})`.execute(
          db,
        )
        await sql`insert into users (id, kind, email, created_at)
          values (${USER}, 'user', 'a@example.com', 1)`.execute(db)
        for (const [id, created] of [
          ['00000000-0000-4000-8000-0000000000a1', 1],
          ['00000000-0000-4000-8000-0000000000a2', 2],
        ] as const) {
          await sql`insert into projects (id, org_id, name, user_id, created_at)
            values (${id}, ${ORG}, 'twin', ${USER}, ${created})`.execute(db)
        }
        return opened.connection
      }

      it('upgrades a database holding duplicate live names: the oldest keeps its name', async () => {
        const connection = await before0003()
        const store = createSqlStore(connection)
        expect(await store.migrate()).toEqual(Object.keys(MIGRATIONS).slice(2))
        const names = await sql<{ id: string; name: string }>`
          select id, name from projects order by created_at`.execute(connection.db)
        expect(names.rows).toEqual([
          { id: '00000000-0000-4000-8000-0000000000a1', name: 'twin' },
          {
            id: '00000000-0000-4000-8000-0000000000a2',
            name: 'twin (00000000-0000-4000-8000-0000000000a2)',
          },
        ])
        // The rebuilt tables kept their rows, and the new index holds.
        await expect(
          sql`insert into projects (id, org_id, name, user_id, created_at)
            values ('00000000-0000-4000-8000-0000000000a3', ${ORG}, 'twin', ${USER}, 3)`.execute(
            connection.db,
          ),
        ).rejects.toThrow()
      })

      it('refuses to change or delete an audit event, and to move a chain head back', async () => {
        const connection = await before0003()
        const store = createSqlStore(connection)
        await store.migrate()
        const { db } = connection
        await sql`insert into audit_events (id, org_id, seq, action, outcome, credential_kind,
          object_type, before_json, after_json, occurred_at, prev_hash, hash)
          values ('e1', ${ORG}, 1, 'project.create', 'success', 'session', 'project', 'null',
            'null', 1, ${GENESIS_HASH}, 'h1')`.execute(db)
        await sql`update audit_heads set seq = 1, hash = 'h1' where org_id = ${ORG}`.execute(db)
        await expect(sql`update audit_events set action = 'x'`.execute(db)).rejects.toThrow(
          'audit events are append-only',
        )
        await expect(sql`delete from audit_events`.execute(db)).rejects.toThrow(
          'audit events are append-only',
        )
        await expect(sql`update audit_heads set seq = 0`.execute(db)).rejects.toThrow(
          'an audit chain head only moves forward',
        )
        await expect(sql`delete from audit_heads`.execute(db)).rejects.toThrow(
          'an audit chain head only moves forward',
        )
        if (dialect.name === 'postgres') {
          await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(
            'audit events are append-only',
          )
        }
        // The no-op update that locks a head for an append still passes.
        await sql`update audit_heads set seq = seq where org_id = ${ORG}`.execute(db)
        const left = await sql<{
          n: number | string
        }>`select count(*) as n from audit_events`.execute(db)
        expect(Number(left.rows[0]?.n)).toBe(1)
      })

      it('refuses a creator or an inviter who is not a user', async () => {
        const connection = await before0003()
        const store = createSqlStore(connection)
        await store.migrate()
        const nobody = '00000000-0000-4000-8000-0000000000ff'
        const project = {
          id: '00000000-0000-4000-8000-0000000000b1',
          orgId: ORG,
          name: 'orphan',
          userId: nobody,
          settings: null,
          createdAt: 5,
          deletedAt: null,
        }
        const refused = await store
          .transaction((tx) => tx.projects.insert(project))
          .catch((err: unknown) => err)
        expect(refused).toBeInstanceOf(Error)
        expect(refused).not.toBeInstanceOf(AppError)
        await store.transaction((tx) => tx.projects.insert({ ...project, userId: USER }))
        await expect(
          sql`insert into invitations (id, org_id, email, group_ids, token_hash, invited_by,
            created_at, expires_at) values ('i1', ${ORG}, 'b@example.com', '[]', 't1', ${nobody},
            1, 2)`.execute(connection.db),
        ).rejects.toThrow()
      })
    },
  )
}
