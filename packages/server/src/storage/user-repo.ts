import { AppError, type User, type UserKind, type UserRepo } from '@gatehouse/core'
import { sql } from 'kysely'
import { createdAtCursor, page } from './pagination.js'
import { type Db, inChunks, rowExists } from './rows.js'
import type { UsersTable } from './schema.js'
import { type CaseInsensitiveLike, searchFilter, USER_FULL_NAME } from './search.js'
import { insertOrConflict, mapUniqueInSavepoint, type UniqueTarget } from './sql-errors.js'

function toUser(row: UsersTable): User {
  return {
    id: row.id,
    kind: row.kind as UserKind,
    email: row.email,
    givenName: row.given_name,
    familyName: row.family_name,
    avatarUrl: row.avatar_url,
    passwordHash: row.password_hash,
    serviceAccountOrgId: row.service_account_org_id,
    createdAt: row.created_at,
    deletedAt: row.deleted_at,
  }
}

function conflict(target: UniqueTarget): AppError {
  return target === 'primary_key'
    ? new AppError('NAME_TAKEN', { reason: 'duplicate user id' })
    : new AppError('EMAIL_TAKEN')
}

// Users are not hidden when soft-deleted: memberships, ACLs and audit events still name them.
export function userRepo(db: Db, like: CaseInsensitiveLike): UserRepo {
  return {
    async insert(user) {
      await insertOrConflict(
        () =>
          db
            .insertInto('users')
            .values({
              id: user.id,
              kind: user.kind,
              email: user.email.toLowerCase(),
              given_name: user.givenName,
              family_name: user.familyName,
              avatar_url: user.avatarUrl,
              password_hash: user.passwordHash,
              service_account_org_id: user.serviceAccountOrgId,
              created_at: user.createdAt,
              deleted_at: user.deletedAt,
            })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirstOrThrow(),
        () => rowExists(db, 'users', user.id),
        conflict,
      )
    },
    async find(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
      return row === undefined ? undefined : toUser(row)
    },
    async findByEmail(email) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst()
      return row === undefined ? undefined : toUser(row)
    },
    async findMany(ids) {
      const rows = await inChunks(ids, (chunk) =>
        db.selectFrom('users').selectAll().where('id', 'in', chunk).execute(),
      )
      return rows.map(toUser)
    },
    async update(user) {
      // kind, owning org and creation time are fixed at insert.
      await mapUniqueInSavepoint(
        db,
        () =>
          db
            .updateTable('users')
            .set({
              email: user.email.toLowerCase(),
              given_name: user.givenName,
              family_name: user.familyName,
              avatar_url: user.avatarUrl,
              password_hash: user.passwordHash,
              deleted_at: user.deletedAt,
            })
            .where('id', '=', user.id)
            .execute(),
        conflict,
      )
    },
    async list(query) {
      let q = db
        .selectFrom('users')
        .innerJoin('memberships', 'memberships.user_id', 'users.id')
        .where('memberships.org_id', '=', query.orgId)
        .selectAll('users')
      if (query.emails !== undefined) {
        if (query.emails.length === 0) {
          return []
        }
        q = q.where(
          'users.email',
          'in',
          query.emails.map((e) => e.toLowerCase()),
        )
      }
      if (query.givenName !== undefined) {
        q = q.where('users.given_name', '=', query.givenName)
      }
      if (query.familyName !== undefined) {
        q = q.where('users.family_name', '=', query.familyName)
      }
      if (query.kind !== undefined) {
        q = q.where('users.kind', '=', query.kind)
      }
      const search = searchFilter(like, query.search, [sql.ref('users.email'), USER_FULL_NAME])
      if (search !== undefined) {
        q = q.where(search)
      }
      const rows = await page(
        q,
        query,
        { order: 'users.created_at', id: 'users.id' },
        createdAtCursor(db, 'users'),
      )
      return rows.map(toUser)
    },
  }
}
