import { AppError, GENESIS_HASH, type Organization, type OrgRepo, type Plan } from '@gatehouse/core'
import { bool, boolOrNull, type Db, flag, flagOrNull, inChunks, rowExists } from './rows.js'
import type { OrganizationsTable } from './schema.js'
import { insertOrConflict, mapUniqueInSavepoint, type UniqueTarget } from './sql-errors.js'

function toOrg(row: OrganizationsTable): Organization {
  return {
    id: row.id,
    name: row.name,
    plan: row.plan as Plan,
    settings: {
      directOwnershipGrants: bool(row.direct_ownership_grants),
      serviceTokensCanMint: bool(row.service_tokens_can_mint),
    },
    apiUrl: row.api_url,
    proxyUrl: row.proxy_url,
    realtimeUrl: row.realtime_url,
    isUniversalApi: boolOrNull(row.is_universal_api),
    isDataplanePrivate: boolOrNull(row.is_dataplane_private),
    imageRenderingMode: row.image_rendering_mode,
    authzVersion: row.authz_version,
    createdAt: row.created_at,
  }
}

/** The columns `update` may change: everything but the id, the version and the creation time. */
function mutable(org: Organization) {
  return {
    name: org.name,
    plan: org.plan,
    direct_ownership_grants: flag(org.settings.directOwnershipGrants),
    service_tokens_can_mint: flag(org.settings.serviceTokensCanMint),
    api_url: org.apiUrl,
    proxy_url: org.proxyUrl,
    realtime_url: org.realtimeUrl,
    is_universal_api: flagOrNull(org.isUniversalApi),
    is_dataplane_private: flagOrNull(org.isDataplanePrivate),
    image_rendering_mode: org.imageRenderingMode,
  }
}

function conflict(target: UniqueTarget): AppError {
  return target === 'primary_key'
    ? new AppError('NAME_TAKEN', { reason: 'duplicate organization id' })
    : new AppError('ORG_NAME_TAKEN')
}

/**
 * @param lock takes the org's write lock in this transaction (the connection knows how: see
 *   Connection.lockOrg)
 */
export function orgRepo(db: Db, lock: (id: string) => Promise<void>): OrgRepo {
  const repo: OrgRepo = {
    async insert(org) {
      await insertOrConflict(
        () =>
          db
            .insertInto('organizations')
            .values({
              id: org.id,
              ...mutable(org),
              authz_version: org.authzVersion,
              created_at: org.createdAt,
            })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirstOrThrow(),
        () => rowExists(db, 'organizations', org.id),
        conflict,
      )
      // The chain head exists from the start, so appends only ever lock an existing row.
      await db
        .insertInto('audit_heads')
        .values({ org_id: org.id, seq: 0, hash: GENESIS_HASH })
        .execute()
    },
    async find(id) {
      const row = await db
        .selectFrom('organizations')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
      return row === undefined ? undefined : toOrg(row)
    },
    async lockForWrite(id) {
      await lock(id)
      return repo.find(id)
    },
    async findByName(name) {
      const row = await db
        .selectFrom('organizations')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst()
      return row === undefined ? undefined : toOrg(row)
    },
    async findMany(ids) {
      const rows = await inChunks(ids, (chunk) =>
        db.selectFrom('organizations').selectAll().where('id', 'in', chunk).execute(),
      )
      return rows.map(toOrg)
    },
    async update(org) {
      await mapUniqueInSavepoint(
        db,
        () => db.updateTable('organizations').set(mutable(org)).where('id', '=', org.id).execute(),
        conflict,
      )
    },
    async bumpAuthzVersion(id) {
      const row = await db
        .updateTable('organizations')
        .set((eb) => ({ authz_version: eb('authz_version', '+', 1) }))
        .where('id', '=', id)
        .returning('authz_version')
        .executeTakeFirst()
      if (row === undefined) {
        throw new AppError('ORG_NOT_FOUND')
      }
      return row.authz_version
    },
    async listAll() {
      const rows = await db
        .selectFrom('organizations')
        .selectAll()
        .orderBy('created_at', 'asc')
        .orderBy('id', 'asc')
        .execute()
      return rows.map(toOrg)
    },
  }
  return repo
}
