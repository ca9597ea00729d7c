import { type Acl, type AclRepo, AppError, type ObjectType, type Permission } from '@gatehouse/core'
import { createdAtCursor, page } from './pagination.js'
import { type Db, rowExists } from './rows.js'
import type { AclsTable } from './schema.js'
import { insertOrConflict } from './sql-errors.js'

function toAcl(row: AclsTable): Acl {
  return {
    id: row.id,
    orgId: row.org_id,
    objectType: row.object_type as ObjectType,
    objectId: row.object_id,
    userId: row.user_id,
    groupId: row.group_id,
    permission: row.permission as Permission | null,
    roleId: row.role_id,
    restrictObjectType: row.restrict_object_type as ObjectType | null,
    createdAt: row.created_at,
  }
}

type Nullable = 'user_id' | 'group_id' | 'permission' | 'role_id' | 'restrict_object_type'

export function aclRepo(db: Db): AclRepo {
  const select = () => db.selectFrom('acls').selectAll()
  return {
    async insert(acl) {
      await insertOrConflict(
        () =>
          db
            .insertInto('acls')
            .values({
              id: acl.id,
              org_id: acl.orgId,
              object_type: acl.objectType,
              object_id: acl.objectId,
              user_id: acl.userId,
              group_id: acl.groupId,
              permission: acl.permission,
              role_id: acl.roleId,
              restrict_object_type: acl.restrictObjectType,
              created_at: acl.createdAt,
            })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirstOrThrow(),
        () => rowExists(db, 'acls', acl.id),
        () => new AppError('NAME_TAKEN', { reason: 'duplicate ACL id' }),
      )
    },
    async find(id) {
      const row = await select().where('id', '=', id).executeTakeFirst()
      return row === undefined ? undefined : toAcl(row)
    },
    async findByContent(orgId, item) {
      // `=` never matches NULL, so a null field is compared with `is null`.
      const nullable: [Nullable, string | null][] = [
        ['user_id', item.userId],
        ['group_id', item.groupId],
        ['permission', item.permission],
        ['role_id', item.roleId],
        ['restrict_object_type', item.restrictObjectType],
      ]
      let q = select()
        .where('org_id', '=', orgId)
        .where('object_type', '=', item.objectType)
        .where('object_id', '=', item.objectId)
      for (const [column, value] of nullable) {
        q = value === null ? q.where(column, 'is', null) : q.where(column, '=', value)
      }
      const row = await q.orderBy('created_at').orderBy('id').executeTakeFirst()
      return row === undefined ? undefined : toAcl(row)
    },
    async list(query) {
      let q = select().where('org_id', '=', query.orgId)
      const filters: [keyof AclsTable, string | undefined][] = [
        ['object_type', query.objectType],
        ['object_id', query.objectId],
        ['user_id', query.userId],
        ['group_id', query.groupId],
        ['permission', query.permission],
        ['role_id', query.roleId],
        ['restrict_object_type', query.restrictObjectType],
      ]
      for (const [column, value] of filters) {
        if (value !== undefined) {
          q = q.where(column, '=', value)
        }
      }
      const rows = await page(
        q,
        query,
        { order: 'acls.created_at', id: 'acls.id' },
        createdAtCursor(db, 'acls'),
      )
      return rows.map(toAcl)
    },
    async listAll(orgId) {
      return (await select().where('org_id', '=', orgId).execute()).map(toAcl)
    },
    async delete(id) {
      await db.deleteFrom('acls').where('id', '=', id).execute()
    },
  }
}
