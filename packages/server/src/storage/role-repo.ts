import type { ObjectType, Permission, Role, RolePermission, RoleRepo } from '@gatehouse/core'
import { type ExpressionBuilder, sql } from 'kysely'
import { createdAtCursor, page } from './pagination.js'
import { chunks, type Db, distinct, inChunks, rowExists } from './rows.js'
import type { Database, RolesTable } from './schema.js'
import { type CaseInsensitiveLike, searchFilter } from './search.js'
import { insertOrConflict, mapUniqueInSavepoint, nameConflict } from './sql-errors.js'

interface Members {
  readonly permissions: RolePermission[]
  readonly roles: string[]
}

/** The org's own roles and the system roles (org_id null, seeded by the first migration). */
function visibleTo(orgId: string) {
  return (eb: ExpressionBuilder<Database, 'roles'>) =>
    eb.or([eb('roles.org_id', '=', orgId), eb('roles.org_id', 'is', null)])
}

export function roleRepo(db: Db, like: CaseInsensitiveLike): RoleRepo {
  const live = () => db.selectFrom('roles').selectAll('roles').where('roles.deleted_at', 'is', null)

  async function writeMembers(role: Role): Promise<void> {
    const permissions = role.memberPermissions.map((p, position) => ({
      role_id: role.id,
      position,
      permission: p.permission,
      restrict_object_type: p.restrictObjectType,
    }))
    const roles = distinct(role.memberRoles).map((member_role_id, position) => ({
      role_id: role.id,
      member_role_id,
      position,
    }))
    for (const rows of chunks(permissions)) {
      await db.insertInto('role_permissions').values(rows).execute()
    }
    for (const rows of chunks(roles)) {
      await db.insertInto('role_roles').values(rows).execute()
    }
  }

  /** Permissions and inherited roles, in stored order: of a page of roles, or all an org sees. */
  async function membersOf(scope: { ids: readonly string[] } | { orgId: string }) {
    const members = new Map<string, Members>()
    const entry = (id: string): Members => {
      let m = members.get(id)
      if (m === undefined) {
        m = { permissions: [], roles: [] }
        members.set(id, m)
      }
      return m
    }
    const permissions =
      'ids' in scope
        ? await inChunks(scope.ids, (chunk) =>
            db
              .selectFrom('role_permissions')
              .select(['role_id', 'permission', 'restrict_object_type'])
              .where('role_id', 'in', chunk)
              .orderBy('role_id')
              .orderBy('position')
              .execute(),
          )
        : await db
            .selectFrom('role_permissions')
            .innerJoin('roles', 'roles.id', 'role_permissions.role_id')
            .select([
              'role_permissions.role_id',
              'role_permissions.permission',
              'role_permissions.restrict_object_type',
            ])
            .where(visibleTo(scope.orgId))
            .where('roles.deleted_at', 'is', null)
            .orderBy('role_permissions.role_id')
            .orderBy('role_permissions.position')
            .execute()
    for (const row of permissions) {
      entry(row.role_id).permissions.push({
        permission: row.permission as Permission,
        restrictObjectType: row.restrict_object_type as ObjectType | null,
      })
    }
    const roles =
      'ids' in scope
        ? await inChunks(scope.ids, (chunk) =>
            db
              .selectFrom('role_roles')
              .select(['role_id', 'member_role_id'])
              .where('role_id', 'in', chunk)
              .orderBy('role_id')
              .orderBy('position')
              .execute(),
          )
        : await db
            .selectFrom('role_roles')
            .innerJoin('roles', 'roles.id', 'role_roles.role_id')
            .select(['role_roles.role_id', 'role_roles.member_role_id'])
            .where(visibleTo(scope.orgId))
            .where('roles.deleted_at', 'is', null)
            .orderBy('role_roles.role_id')
            .orderBy('role_roles.position')
            .execute()
    for (const row of roles) {
      entry(row.role_id).roles.push(row.member_role_id)
    }
    return members
  }

  async function toRoles(rows: readonly RolesTable[], orgId?: string): Promise<Role[]> {
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
        memberPermissions: m?.permissions ?? [],
        memberRoles: m?.roles ?? [],
        createdAt: row.created_at,
        deletedAt: row.deleted_at,
      }
    })
  }

  async function one(row: RolesTable | undefined): Promise<Role | undefined> {
    return row === undefined ? undefined : (await toRoles([row]))[0]
  }

  return {
    async insert(role) {
      if (role.orgId === null) {
        throw new Error('System roles are built in and cannot be inserted')
      }
      await insertOrConflict(
        () =>
          db
            .insertInto('roles')
            .values({
              id: role.id,
              org_id: role.orgId,
              user_id: role.userId,
              name: role.name,
              description: role.description,
              created_at: role.createdAt,
              deleted_at: role.deletedAt,
            })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirstOrThrow(),
        () => rowExists(db, 'roles', role.id),
        nameConflict('role'),
      )
      await writeMembers(role)
    },
    async find(id) {
      return one(await live().where('roles.id', '=', id).executeTakeFirst())
    },
    async findByName(orgId, name) {
      // The org's own role wins over a system role of the same name.
      return one(
        await live()
          .where(visibleTo(orgId))
          .where('roles.name', '=', name)
          .orderBy(sql<number>`case when roles.org_id is null then 1 else 0 end`)
          .orderBy('roles.created_at', 'desc')
          .executeTakeFirst(),
      )
    },
    async list(query) {
      let q = live().where(visibleTo(query.orgId))
      if (query.name !== undefined) {
        q = q.where('roles.name', '=', query.name)
      }
      const search = searchFilter(like, query.search, [
        sql.ref('roles.name'),
        sql.ref('roles.description'),
      ])
      if (search !== undefined) {
        q = q.where(search)
      }
      const rows = await page(
        q,
        query,
        { order: 'roles.created_at', id: 'roles.id' },
        createdAtCursor(db, 'roles'),
      )
      return toRoles(rows)
    },
    async listAll(orgId) {
      return toRoles(await live().where(visibleTo(orgId)).execute(), orgId)
    },
    async update(role) {
      // `org_id is not null`: system roles are read-only here too, whatever the caller checked.
      const result = await mapUniqueInSavepoint(
        db,
        () =>
          db
            .updateTable('roles')
            .set({ name: role.name, description: role.description })
            .where('id', '=', role.id)
            .where('org_id', 'is not', null)
            .where('deleted_at', 'is', null)
            .executeTakeFirst(),
        nameConflict('role'),
      )
      if (result.numUpdatedRows === 0n) {
        return
      }
      await db.deleteFrom('role_permissions').where('role_id', '=', role.id).execute()
      await db.deleteFrom('role_roles').where('role_id', '=', role.id).execute()
      await writeMembers(role)
    },
    async softDelete(id, at) {
      await db
        .updateTable('roles')
        .set({ deleted_at: at })
        .where('id', '=', id)
        .where('org_id', 'is not', null)
        .where('deleted_at', 'is', null)
        .execute()
    },
  }
}
