import type { AuditEvent, AuditOutcome, AuditRepo, CredentialKind } from '@gatehouse/core'
import { sql } from 'kysely'
import { type Cursor, page } from './pagination.js'
import { type Db, fromJson, toJson } from './rows.js'
import type { AuditEventsTable } from './schema.js'
import { type CaseInsensitiveLike, searchFilter } from './search.js'

function toEvent(row: AuditEventsTable): AuditEvent {
  return {
    id: row.id,
    orgId: row.org_id,
    seq: row.seq,
    action: row.action,
    outcome: row.outcome as AuditOutcome,
    actor: {
      userId: row.actor_user_id,
      credentialKind: row.credential_kind as CredentialKind,
      credentialId: row.credential_id,
      impersonatorId: row.impersonator_id,
    },
    objectType: row.object_type,
    objectId: row.object_id,
    before: fromJson<unknown>(row.before_json),
    after: fromJson<unknown>(row.after_json),
    reason: row.reason,
    requestId: row.request_id,
    occurredAt: row.occurred_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

function toRow(event: AuditEvent): AuditEventsTable {
  return {
    id: event.id,
    org_id: event.orgId,
    seq: event.seq,
    action: event.action,
    outcome: event.outcome,
    actor_user_id: event.actor.userId,
    credential_kind: event.actor.credentialKind,
    credential_id: event.actor.credentialId,
    impersonator_id: event.actor.impersonatorId,
    object_type: event.objectType,
    object_id: event.objectId,
    before_json: toJson(event.before),
    after_json: toJson(event.after),
    reason: event.reason,
    request_id: event.requestId,
    occurred_at: event.occurredAt,
    prev_hash: event.prevHash,
    hash: event.hash,
  }
}

export function auditRepo(db: Db, like: CaseInsensitiveLike): AuditRepo {
  return {
    async head(orgId) {
      const row = await db
        .selectFrom('audit_heads')
        .select(['seq', 'hash'])
        .where('org_id', '=', orgId)
        .executeTakeFirst()
      return row === undefined ? undefined : { seq: Number(row.seq), hash: row.hash }
    },
    async append(orgId, seal) {
      // A no-op update takes the head's row lock until the transaction ends, so concurrent
      // appends to one org queue here (PostgreSQL) and each seals on the head the previous
      // one left. SQLite runs one write transaction at a time anyway.
      const head = await db
        .updateTable('audit_heads')
        .set((eb) => ({ seq: eb.ref('seq') }))
        .where('org_id', '=', orgId)
        .returning(['seq', 'hash'])
        .executeTakeFirst()
      if (head === undefined) {
        throw new Error(`No audit chain for organization ${orgId}`)
      }
      const event = seal({ seq: Number(head.seq), hash: head.hash })
      if (event.orgId !== orgId || event.seq !== head.seq + 1 || event.prevHash !== head.hash) {
        throw new Error('A sealed audit event must continue its own org chain from the head')
      }
      const row = toRow(event)
      await db.insertInto('audit_events').values(row).execute()
      await db
        .updateTable('audit_heads')
        .set({ seq: event.seq, hash: event.hash })
        .where('org_id', '=', orgId)
        .execute()
      // Read back as stored, so the caller sees what a later read will see (JSON round trip).
      return toEvent(row)
    },
    async list(query) {
      let q = db.selectFrom('audit_events').selectAll().where('org_id', '=', query.orgId)
      if (query.actorId !== undefined) {
        q = q.where('actor_user_id', '=', query.actorId)
      }
      if (query.action !== undefined) {
        q = q.where('action', '=', query.action)
      }
      if (query.objectType !== undefined) {
        q = q.where('object_type', '=', query.objectType)
      }
      if (query.objectId !== undefined) {
        q = q.where('object_id', '=', query.objectId)
      }
      if (query.since !== undefined) {
        q = q.where('occurred_at', '>=', query.since)
      }
      if (query.until !== undefined) {
        q = q.where('occurred_at', '<', query.until)
      }
      const search = searchFilter(like, query.search, [
        sql.ref('audit_events.action'),
        sql.ref('audit_events.object_type'),
        sql.ref('audit_events.object_id'),
      ])
      if (search !== undefined) {
        q = q.where(search)
      }
      // Newest first is seq order here: it is the chain's own order, unique within the org.
      const cursorOf = async (id: string): Promise<Cursor | undefined> => {
        const row = await db
          .selectFrom('audit_events')
          .select(['seq', 'id'])
          .where('org_id', '=', query.orgId)
          .where('id', '=', id)
          .executeTakeFirst()
        return row === undefined ? undefined : { order: row.seq, id: row.id }
      }
      const rows = await page(
        q,
        query,
        { order: 'audit_events.seq', id: 'audit_events.id' },
        cursorOf,
      )
      return rows.map(toEvent)
    },
    async scan(orgId, afterSeq, limit) {
      if (limit <= 0) {
        return []
      }
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(Math.floor(limit))
        .execute()
      return rows.map(toEvent)
    },
  }
}
