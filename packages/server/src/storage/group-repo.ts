import type { BuiltinGroup, Group, GroupRepo } from '@gatehouse/core'
import { sql } from 'kysely'
import { createdAtCursor, page } from './pagination.js'
import { chunks, type Db, distinct, inChunks, rowExists } from './rows.js'
import type { GroupsTable } from './schema.js'
import { type CaseInsensitiveLike, searchFilter } from './search.js'
import { insertOrConflict, mapUniqueInSavepoint, nameConflict } from './sql-errors.js'

interface Members {
  readonly users: string[]
  readonly groups: string[]
}

export function groupRepo(db: Db, like: CaseInsensitiveLike): GroupRepo {
  const live = () => db.selectFrom('groups').selectAll().where('deleted_at', 'is', null)

  async function writeMembers(group: Group): Promise<void> {
    const users = distinct(group.memberUsers).map((user_id, position) => ({
      group_id: group.id,
      user_id,
      position,
    }))
    const groups = distinct(group.memberGroups).map((member_group_id, position) => ({
      group_id: group.id,
      member_group_id,
      position,
    }))
    for (const rows of chunks(users)) {
      await db.insertInto('group_users').values(rows).execute()
    }
    for (const rows of chunks(groups)) {
      await db.insertInto('group_member_groups').values(rows).execute()
    }
  }

  /**
   * Member lists of the given groups, in their stored order: by id for a page of groups, by
   * org for all of an org's live groups (the authorization world, loaded on every operation).
   */
  async function membersOf(scope: { ids: readonly string[] } | { orgId: string }) {
    const members = new Map<string, Members>()
    const entry = (id: string): Members => {
      let m = members.get(id)
      if (m === undefined) {
        m = { users: [], groups: [] }
        members.set(id, m)
      }
      return m
    }
    const users =
      'ids' in scope
        ? await inChunks(scope.ids, (chunk) =>
            db
              .selectFrom('group_users')
              .select(['group_id', 'user_id'])
              .where('group_id', 'in', chunk)
              .orderBy('group_id')
              .orderBy('position')
              .execute(),
          )
        : await db
            .selectFrom('group_users')
            .innerJoin('groups', 'groups.id', 'group_users.group_id')
            .select(['group_users.group_id', 'group_users.user_id'])
            .where('groups.org_id', '=', scope.orgId)
            .where('groups.deleted_at', 'is', null)
            .orderBy('group_users.group_id')
            .orderBy('group_users.position')
            .execute()
    for (const row of users) {
      entry(row.group_id).users.push(row.user_id)
    }
    const groups =
      'ids' in scope
        ? await inChunks(scope.ids, (chunk) =>
            db
              .selectFrom('group_member_groups')
              .select(['group_id', 'member_group_id'])
              .where('group_id', 'in', chunk)
              .orderBy('group_id')
              .orderBy('position')
              .execute(),
          )
        : await db
            .selectFrom('group_member_groups')
            .innerJoin('groups', 'groups.id', 'group_member_groups.group_id')
            .select(['group_member_groups.group_id', 'group_member_groups.member_group_id'])
            .where('groups.org_id', '=', scope.orgId)
            .where('groups.deleted_at', 'is', null)
            .orderBy('group_member_groups.group_id')
            .orderBy('group_member_groups.position')
            .execute()
    for (const row of groups) {
      entry(row.group_id).groups.push(row.member_group_id)
    }
    return members
  }

  async function toGroups(rows: readonly GroupsTable[], orgId?: string): Promise<Group[]> {
    if (rows.length === 0) {
      return []
    }
    const members = await membersOf(
      orgId === undefined ? { ids: rows.map((r) => r.id) } : { orgId },
    )
    return rows.map((row) => {
      const m = members.get(row.id)
      return {
        id: row.id,
        orgId: row.org_id,
        userId: row.user_id,
        name: row.name,
        description: row.description,
        builtin: row.builtin as BuiltinGroup | null,
        memberUsers: m?.users ?? [],
        memberGroups: m?.groups ?? [],
        createdAt: row.created_at,
        deletedAt: row.deleted_at,
      }
    })
  }

  async function one(row: GroupsTable | undefined): Promise<Group | undefined> {
    return row === undefined ? undefined : (await toGroups([row]))[0]
  }

  return {
    async insert(group) {
      await insertOrConflict(
        () =>
          db
            .insertInto('groups')
            .values({
              id: group.id,
              org_id: group.orgId,
              user_id: group.userId,
              name: group.name,
              description: group.description,
              builtin: group.builtin,
              created_at: group.createdAt,
              deleted_at: group.deletedAt,
            })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirstOrThrow(),
        () => rowExists(db, 'groups', group.id),
        nameConflict('group'),
      )
      await writeMembers(group)
    },
    async find(id) {
      return one(await live().where('id', '=', id).executeTakeFirst())
    },
    async findByName(orgId, name) {
      return one(
        await live()
          .where('org_id', '=', orgId)
          .where('name', '=', name)
          .orderBy('created_at', 'desc')
          .executeTakeFirst(),
      )
    },
    async list(query) {
      let q = live().where('org_id', '=', query.orgId)
      if (query.name !== undefined) {
        q = q.where('name', '=', query.name)
      }
      const search = searchFilter(like, query.search, [
        sql.ref('groups.name'),
        sql.ref('groups.description'),
      ])
      if (search !== undefined) {
        q = q.where(search)
      }
      const rows = await page(
        q,
        query,
        { order: 'groups.created_at', id: 'groups.id' },
        createdAtCursor(db, 'groups'),
      )
      return toGroups(rows)
    },
    async listAll(orgId) {
      return toGroups(await live().where('org_id', '=', orgId).execute(), orgId)
    },
    async update(group) {
      const result = await mapUniqueInSavepoint(
        db,
        () =>
          db
            .updateTable('groups')
            .set({ name: group.name, description: group.description })
            .where('id', '=', group.id)
            .where('deleted_at', 'is', null)
            .executeTakeFirst(),
        nameConflict('group'),
      )
      if (result.numUpdatedRows === 0n) {
        return
      }
      await db.deleteFrom('group_users').where('group_id', '=', group.id).execute()
      await db.deleteFrom('group_member_groups').where('group_id', '=', group.id).execute()
      await writeMembers(group)
    },
    async softDelete(id, at) {
      await db
        .updateTable('groups')
        .set({ deleted_at: at })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .execute()
    },
  }
}
