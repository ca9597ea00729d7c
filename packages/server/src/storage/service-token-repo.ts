import { AppError, type ServiceToken, type ServiceTokenRepo } from '@gatehouse/core'
import { sql } from 'kysely'
import { createdAtCursor, page } from './pagination.js'
import { type Db, rowExists } from './rows.js'
import type { ServiceTokensTable } from './schema.js'
import { type CaseInsensitiveLike, searchFilter } from './search.js'
import { insertOrConflict, type UniqueTarget } from './sql-errors.js'

function toServiceToken(row: ServiceTokensTable): ServiceToken {
  return {
    id: row.id,
    orgId: row.org_id,
    serviceAccountId: row.service_account_id,
    name: row.name,
    previewName: row.preview_name,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }
}

function conflict(target: UniqueTarget): AppError {
  return new AppError('NAME_TAKEN', {
    reason:
      target === 'primary_key'
        ? 'duplicate service token id'
        : 'duplicate service token secret hash',
  })
}

export function serviceTokenRepo(db: Db, like: CaseInsensitiveLike): ServiceTokenRepo {
  const select = () => db.selectFrom('service_tokens').selectAll()
  return {
    async insert(token) {
      await insertOrConflict(
        () =>
          db
            .insertInto('service_tokens')
            .values({
              id: token.id,
              org_id: token.orgId,
              service_account_id: token.serviceAccountId,
              name: token.name,
              preview_name: token.previewName,
              secret_hash: token.secretHash,
              created_at: token.createdAt,
              expires_at: token.expiresAt,
              last_used_at: token.lastUsedAt,
              revoked_at: token.revokedAt,
            })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirstOrThrow(),
        () => rowExists(db, 'service_tokens', token.id),
        conflict,
      )
    },
    async find(id) {
      const row = await select().where('id', '=', id).executeTakeFirst()
      return row === undefined ? undefined : toServiceToken(row)
    },
    async findByHash(secretHash) {
      const row = await select().where('secret_hash', '=', secretHash).executeTakeFirst()
      return row === undefined ? undefined : toServiceToken(row)
    },
    async list(query) {
      let q = select().where('org_id', '=', query.orgId)
      if (query.ownerId !== undefined) {
        q = q.where('service_account_id', '=', query.ownerId)
      }
      if (query.name !== undefined) {
        q = q.where('name', '=', query.name)
      }
      if (query.includeRevoked !== true) {
        q = q.where('revoked_at', 'is', null)
      }
      const search = searchFilter(like, query.search, [sql.ref('service_tokens.name')])
      if (search !== undefined) {
        q = q.where(search)
      }
      const rows = await page(
        q,
        query,
        { order: 'service_tokens.created_at', id: 'service_tokens.id' },
        createdAtCursor(db, 'service_tokens'),
      )
      return rows.map(toServiceToken)
    },
    async revoke(id, at) {
      await db
        .updateTable('service_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute()
    },
    async revokeAllForServiceAccount(serviceAccountId, at) {
      const result = await db
        .updateTable('service_tokens')
        .set({ revoked_at: at })
        .where('service_account_id', '=', serviceAccountId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows)
    },
    async touch(id, at) {
      // Batched last-used writes may arrive out of order: never move the time backwards.
      await db
        .updateTable('service_tokens')
        .set({ last_used_at: at })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
        .execute()
    },
  }
}
