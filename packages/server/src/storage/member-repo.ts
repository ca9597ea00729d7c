import { AppError, type MemberRepo, type Membership } from '@gatehouse/core'
import type { Db } from './rows.js'
import type { MembershipsTable } from './schema.js'
import { insertOrConflict } from './sql-errors.js'

function toMembership(row: MembershipsTable): Membership {
  return { orgId: row.org_id, userId: row.user_id, createdAt: row.created_at }
}

export function memberRepo(db: Db): MemberRepo {
  const select = () =>
    db
      .selectFrom('memberships')
      .selectAll()
      .orderBy('created_at', 'asc')
      .orderBy('org_id', 'asc')
      .orderBy('user_id', 'asc')
  return {
    async add(membership) {
      await insertOrConflict(
        () =>
          db
            .insertInto('memberships')
            .values({
              org_id: membership.orgId,
              user_id: membership.userId,
              created_at: membership.createdAt,
            })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirstOrThrow(),
        () => Promise.resolve(true),
        () => new AppError('ALREADY_MEMBER'),
      )
    },
    async remove(orgId, userId) {
      const result = await db
        .deleteFrom('memberships')
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      return result.numDeletedRows > 0n
    },
    async find(orgId, userId) {
      const row = await db
        .selectFrom('memberships')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      return row === undefined ? undefined : toMembership(row)
    },
    async listByOrg(orgId) {
      return (await select().where('org_id', '=', orgId).execute()).map(toMembership)
    },
    async listByUser(userId) {
      return (await select().where('user_id', '=', userId).execute()).map(toMembership)
    },
  }
}
