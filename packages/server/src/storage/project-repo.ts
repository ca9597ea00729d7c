import type { Project, ProjectRepo } from '@gatehouse/core'
import { sql } from 'kysely'
import { createdAtCursor, page } from './pagination.js'
import { type Db, fromJson, rowExists, toJson } from './rows.js'
import type { ProjectsTable } from './schema.js'
import { type CaseInsensitiveLike, searchFilter } from './search.js'
import { insertOrConflict, mapUniqueInSavepoint, nameConflict } from './sql-errors.js'

function toProject(row: ProjectsTable): Project {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    userId: row.user_id,
    settings: row.settings === null ? null : fromJson<Record<string, unknown>>(row.settings),
    createdAt: row.created_at,
    deletedAt: row.deleted_at,
  }
}

export function projectRepo(db: Db, like: CaseInsensitiveLike): ProjectRepo {
  const live = () => db.selectFrom('projects').selectAll().where('deleted_at', 'is', null)
  return {
    async insert(project) {
      await insertOrConflict(
        () =>
          db
            .insertInto('projects')
            .values({
              id: project.id,
              org_id: project.orgId,
              name: project.name,
              user_id: project.userId,
              settings: project.settings === null ? null : toJson(project.settings),
              created_at: project.createdAt,
              deleted_at: project.deletedAt,
            })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirstOrThrow(),
        () => rowExists(db, 'projects', project.id),
        nameConflict('project'),
      )
    },
    async find(id) {
      const row = await live().where('id', '=', id).executeTakeFirst()
      return row === undefined ? undefined : toProject(row)
    },
    async findByName(orgId, name) {
      const row = await live()
        .where('org_id', '=', orgId)
        .where('name', '=', name)
        .orderBy('created_at', 'desc')
        .executeTakeFirst()
      return row === undefined ? undefined : toProject(row)
    },
    async list(query) {
      let q = live().where('org_id', '=', query.orgId)
      if (query.name !== undefined) {
        q = q.where('name', '=', query.name)
      }
      const search = searchFilter(like, query.search, [sql.ref('projects.name')])
      if (search !== undefined) {
        q = q.where(search)
      }
      const rows = await page(
        q,
        query,
        { order: 'projects.created_at', id: 'projects.id' },
        createdAtCursor(db, 'projects'),
      )
      return rows.map(toProject)
    },
    async update(project) {
      await mapUniqueInSavepoint(
        db,
        () =>
          db
            .updateTable('projects')
            .set({
              name: project.name,
              settings: project.settings === null ? null : toJson(project.settings),
            })
            .where('id', '=', project.id)
            .where('deleted_at', 'is', null)
            .execute(),
        nameConflict('project'),
      )
    },
    async softDelete(id, at) {
      await db
        .updateTable('projects')
        .set({ deleted_at: at })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .execute()
    },
    async listLiveIds(orgId) {
      const rows = await db
        .selectFrom('projects')
        .select('id')
        .where('org_id', '=', orgId)
        .where('deleted_at', 'is', null)
        .execute()
      return rows.map((r) => r.id)
    },
  }
}
