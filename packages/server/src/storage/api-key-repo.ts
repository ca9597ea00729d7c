import { type ApiKey, type ApiKeyRepo, AppError } from '@gatehouse/core'
import { sql } from 'kysely'
import { createdAtCursor, page } from './pagination.js'
import { type Db, rowExists } from './rows.js'
import type { ApiKeysTable } from './schema.js'
import { type CaseInsensitiveLike, searchFilter } from './search.js'
import { insertOrConflict, type UniqueTarget } from './sql-errors.js'

function toApiKey(row: ApiKeysTable): ApiKey {
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
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
    reason: target === 'primary_key' ? 'duplicate API key id' : 'duplicate API key secret hash',
  })
}

export function apiKeyRepo(db: Db, like: CaseInsensitiveLike): ApiKeyRepo {
  const select = () => db.selectFrom('api_keys').selectAll()
  return {
    async insert(key) {
      await insertOrConflict(
        () =>
          db
            .insertInto('api_keys')
            .values({
              id: key.id,
              org_id: key.orgId,
              user_id: key.userId,
              name: key.name,
              preview_name: key.previewName,
              secret_hash: key.secretHash,
              created_at: key.createdAt,
              expires_at: key.expiresAt,
              last_used_at: key.lastUsedAt,
              revoked_at: key.revokedAt,
            })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirstOrThrow(),
        () => rowExists(db, 'api_keys', key.id),
        conflict,
      )
    },
    async find(id) {
      const row = await select().where('id', '=', id).executeTakeFirst()
      return row === undefined ? undefined : toApiKey(row)
    },
    async findByHash(secretHash) {
      const row = await select().where('secret_hash', '=', secretHash).executeTakeFirst()
      return row === undefined ? undefined : toApiKey(row)
    },
    async list(query) {
      let q = select().where('org_id', '=', query.orgId)
      if (query.ownerId !== undefined) {
        q = q.where('user_id', '=', query.ownerId)
      }
      if (query.name !== undefined) {
        q = q.where('name', '=', query.name)
      }
      if (query.includeRevoked !== true) {
        q = q.where('revoked_at', 'is', null)
      }
      const search = searchFilter(like, query.search, [sql.ref('api_keys.name')])
      if (search !== undefined) {
        q = q.where(search)
      }
      const rows = await page(
        q,
        query,
        { order: 'api_keys.created_at', id: 'api_keys.id' },
        createdAtCursor(db, 'api_keys'),
      )
      return rows.map(toApiKey)
    },
    async revoke(id, at) {
      await db
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute()
    },
    async revokeAllForUser(orgId, userId, at) {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows)
    },
    async touch(id, at) {
      // Batched last-used writes may arrive out of order: never move the time backwards.
      await db
        .updateTable('api_keys')
        .set({ last_used_at: at })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
        .execute()
    },
  }
}
