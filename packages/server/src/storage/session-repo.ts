import { AppError, type Session, type SessionRepo } from '@gatehouse/core'
import { type Db, inChunks, rowExists } from './rows.js'
import type { SessionsTable } from './schema.js'
import { insertOrConflict, type UniqueTarget } from './sql-errors.js'

function toSession(row: SessionsTable): Session {
  return {
    id: row.id,
    userId: row.user_id,
    tokenHash: row.token_hash,
    csrfHash: row.csrf_hash,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    ip: row.ip,
    userAgent: row.user_agent,
  }
}

function conflict(target: UniqueTarget): AppError {
  return new AppError('NAME_TAKEN', {
    reason: target === 'primary_key' ? 'duplicate session id' : 'duplicate session token hash',
  })
}

export function sessionRepo(db: Db): SessionRepo {
  const select = () => db.selectFrom('sessions').selectAll()
  return {
    async insert(session) {
      await insertOrConflict(
        () =>
          db
            .insertInto('sessions')
            .values({
              id: session.id,
              user_id: session.userId,
              token_hash: session.tokenHash,
              csrf_hash: session.csrfHash,
              created_at: session.createdAt,
              last_seen_at: session.lastSeenAt,
              expires_at: session.expiresAt,
              revoked_at: session.revokedAt,
              ip: session.ip,
              user_agent: session.userAgent,
            })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirstOrThrow(),
        () => rowExists(db, 'sessions', session.id),
        conflict,
      )
    },
    async find(id) {
      const row = await select().where('id', '=', id).executeTakeFirst()
      return row === undefined ? undefined : toSession(row)
    },
    async findByTokenHash(tokenHash) {
      const row = await select().where('token_hash', '=', tokenHash).executeTakeFirst()
      return row === undefined ? undefined : toSession(row)
    },
    async touch(id, at) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: at })
        .where('id', '=', id)
        .where('last_seen_at', '<', at)
        .execute()
    },
    async revoke(id, at) {
      await db
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute()
    },
    async revokeAllForUser(userId, at, exceptId) {
      let q = db
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
      if (exceptId !== undefined) {
        q = q.where('id', '<>', exceptId)
      }
      const result = await q.executeTakeFirst()
      return Number(result.numUpdatedRows)
    },
    async listForUser(userId, now) {
      const rows = await select()
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute()
      return rows.map(toSession)
    },
    async lastSeenByUsers(userIds) {
      const rows = await inChunks(userIds, (chunk) =>
        db
          .selectFrom('sessions')
          .select(['user_id', (eb) => eb.fn.max('last_seen_at').as('last_seen_at')])
          .where('user_id', 'in', chunk)
          .groupBy('user_id')
          .execute(),
      )
      return new Map(rows.map((row) => [row.user_id, Number(row.last_seen_at)]))
    },
  }
}
