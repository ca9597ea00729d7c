import { AppError, type Invitation, type InvitationRepo } from '@gatehouse/core'
import { sql } from 'kysely'
import { createdAtCursor, page } from './pagination.js'
import { type Db, fromJson, rowExists, toJson } from './rows.js'
import type { InvitationsTable } from './schema.js'
import { type CaseInsensitiveLike, searchFilter } from './search.js'
import { insertOrConflict, mapUniqueInSavepoint, type UniqueTarget } from './sql-errors.js'

function toInvitation(row: InvitationsTable): Invitation {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    groupIds: fromJson<string[]>(row.group_ids),
    tokenHash: row.token_hash,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedUserId: row.accepted_user_id,
    revokedAt: row.revoked_at,
  }
}

function conflict(target: UniqueTarget): AppError {
  return new AppError('NAME_TAKEN', {
    reason:
      target === 'primary_key' ? 'duplicate invitation id' : 'duplicate invitation token hash',
  })
}

export function invitationRepo(db: Db, like: CaseInsensitiveLike): InvitationRepo {
  const select = () => db.selectFrom('invitations').selectAll()
  return {
    async insert(invitation) {
      await insertOrConflict(
        () =>
          db
            .insertInto('invitations')
            .values({
              id: invitation.id,
              org_id: invitation.orgId,
              email: invitation.email,
              group_ids: toJson(invitation.groupIds),
              token_hash: invitation.tokenHash,
              invited_by: invitation.invitedBy,
              created_at: invitation.createdAt,
              expires_at: invitation.expiresAt,
              accepted_at: invitation.acceptedAt,
              accepted_user_id: invitation.acceptedUserId,
              revoked_at: invitation.revokedAt,
            })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirstOrThrow(),
        () => rowExists(db, 'invitations', invitation.id),
        conflict,
      )
    },
    async find(id) {
      const row = await select().where('id', '=', id).executeTakeFirst()
      return row === undefined ? undefined : toInvitation(row)
    },
    async findByTokenHash(tokenHash) {
      const row = await select().where('token_hash', '=', tokenHash).executeTakeFirst()
      return row === undefined ? undefined : toInvitation(row)
    },
    async listPending(orgId, now) {
      const rows = await select()
        .where('org_id', '=', orgId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute()
      return rows.map(toInvitation)
    },
    async list(query) {
      let q = select()
        .where('org_id', '=', query.orgId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', query.now)
      const search = searchFilter(like, query.search, [sql.ref('invitations.email')])
      if (search !== undefined) {
        q = q.where(search)
      }
      const rows = await page(
        q,
        query,
        { order: 'invitations.created_at', id: 'invitations.id' },
        createdAtCursor(db, 'invitations'),
      )
      return rows.map(toInvitation)
    },
    async update(invitation) {
      // The org and the creation time are fixed at insert.
      await mapUniqueInSavepoint(
        db,
        () =>
          db
            .updateTable('invitations')
            .set({
              email: invitation.email,
              group_ids: toJson(invitation.groupIds),
              token_hash: invitation.tokenHash,
              invited_by: invitation.invitedBy,
              expires_at: invitation.expiresAt,
              accepted_at: invitation.acceptedAt,
              accepted_user_id: invitation.acceptedUserId,
              revoked_at: invitation.revokedAt,
            })
            .where('id', '=', invitation.id)
            .execute(),
        conflict,
      )
    },
  }
}
