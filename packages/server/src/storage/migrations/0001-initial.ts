import { SYSTEM_ROLES } from '@gatehouse/core'
import type { Kysely } from 'kysely'

// A migration sees the schema as it was when it was written, so it does not use schema.ts: the
// seed below names only the columns of this version.
type SeedTables = {
  roles: {
    id: string
    org_id: string | null
    user_id: string | null
    name: string
    description: string | null
    created_at: number
    deleted_at: number | null
  }
  role_permissions: {
    role_id: string
    position: number
    permission: string
    restrict_object_type: string | null
  }
  role_roles: { role_id: string; member_role_id: string; position: number }
}

/** Every table of the first release, for SQLite and PostgreSQL alike. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('direct_ownership_grants', 'integer', (c) => c.notNull())
    .addColumn('service_tokens_can_mint', 'integer', (c) => c.notNull())
    .addColumn('api_url', 'text')
    .addColumn('proxy_url', 'text')
    .addColumn('realtime_url', 'text')
    .addColumn('is_universal_api', 'integer')
    .addColumn('is_dataplane_private', 'integer')
    .addColumn('image_rendering_mode', 'text')
    .addColumn('authz_version', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('avatar_url', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('service_account_org_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('users_service_account_org_idx')
    .on('users')
    .column('service_account_org_id')
    .execute()

  await db.schema
    .createTable('memberships')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['org_id', 'user_id'])
    .execute()
  await db.schema.createIndex('memberships_user_idx').on('memberships').column('user_id').execute()

  // Project names are unique among an org's live projects; soft-deleted names may be reused, so
  // the use cases enforce it, not an index.
  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('settings', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('projects_org_name_idx')
    .on('projects')
    .columns(['org_id', 'name'])
    .execute()
  await db.schema
    .createIndex('projects_org_created_idx')
    .on('projects')
    .columns(['org_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('builtin', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('groups_org_name_idx')
    .on('groups')
    .columns(['org_id', 'name'])
    .execute()

  await db.schema
    .createTable('group_users')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_users_pk', ['group_id', 'position'])
    .execute()
  await db.schema.createIndex('group_users_user_idx').on('group_users').column('user_id').execute()

  await db.schema
    .createTable('group_member_groups')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('member_group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_member_groups_pk', ['group_id', 'position'])
    .execute()
  await db.schema
    .createIndex('group_member_groups_member_idx')
    .on('group_member_groups')
    .column('member_group_id')
    .execute()

  await db.schema
    .createTable('roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('user_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('roles_org_name_idx')
    .on('roles')
    .columns(['org_id', 'name'])
    .execute()

  await db.schema
    .createTable('role_permissions')
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('permission', 'text', (c) => c.notNull())
    .addColumn('restrict_object_type', 'text')
    .addPrimaryKeyConstraint('role_permissions_pk', ['role_id', 'position'])
    .execute()

  await db.schema
    .createTable('role_roles')
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id'))
    .addColumn('member_role_id', 'text', (c) => c.notNull().references('roles.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_roles_pk', ['role_id', 'position'])
    .execute()
  await db.schema
    .createIndex('role_roles_member_idx')
    .on('role_roles')
    .column('member_role_id')
    .execute()

  await db.schema
    .createTable('acls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('group_id', 'text', (c) => c.references('groups.id'))
    .addColumn('permission', 'text')
    .addColumn('role_id', 'text', (c) => c.references('roles.id'))
    .addColumn('restrict_object_type', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('acls_org_idx').on('acls').column('org_id').execute()
  await db.schema
    .createIndex('acls_object_idx')
    .on('acls')
    .columns(['object_type', 'object_id'])
    .execute()
  await db.schema.createIndex('acls_user_idx').on('acls').column('user_id').execute()
  await db.schema.createIndex('acls_group_idx').on('acls').column('group_id').execute()
  await db.schema.createIndex('acls_role_idx').on('acls').column('role_id').execute()

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('preview_name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('api_keys_org_user_idx')
    .on('api_keys')
    .columns(['org_id', 'user_id'])
    .execute()
  await db.schema.createIndex('api_keys_user_idx').on('api_keys').column('user_id').execute()

  await db.schema
    .createTable('service_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('service_account_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('preview_name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('service_tokens_org_idx')
    .on('service_tokens')
    .column('org_id')
    .execute()
  await db.schema
    .createIndex('service_tokens_account_idx')
    .on('service_tokens')
    .column('service_account_id')
    .execute()

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('group_ids', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .addColumn('accepted_user_id', 'text')
    .addColumn('revoked_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('invitations_org_created_idx')
    .on('invitations')
    .columns(['org_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('credential_kind', 'text', (c) => c.notNull())
    .addColumn('credential_id', 'text')
    .addColumn('impersonator_id', 'text')
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('before_json', 'text', (c) => c.notNull())
    .addColumn('after_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('request_id', 'text')
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_events_org_seq_key', ['org_id', 'seq'])
    .execute()
  await db.schema
    .createIndex('audit_events_org_object_idx')
    .on('audit_events')
    .columns(['org_id', 'object_type', 'object_id'])
    .execute()
  await db.schema
    .createIndex('audit_events_org_actor_idx')
    .on('audit_events')
    .columns(['org_id', 'actor_user_id'])
    .execute()

  await db.schema
    .createTable('audit_heads')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()

  const seed = db.withTables<SeedTables>()
  for (const role of SYSTEM_ROLES) {
    await seed
      .insertInto('roles')
      .values({
        id: role.id,
        org_id: null,
        user_id: null,
        name: role.name,
        description: role.description,
        created_at: role.createdAt,
        deleted_at: null,
      })
      .execute()
    for (const [position, p] of role.memberPermissions.entries()) {
      await seed
        .insertInto('role_permissions')
        .values({
          role_id: role.id,
          position,
          permission: p.permission,
          restrict_object_type: p.restrictObjectType,
        })
        .execute()
    }
    for (const [position, member] of role.memberRoles.entries()) {
      await seed
        .insertInto('role_roles')
        .values({ role_id: role.id, member_role_id: member, position })
        .execute()
    }
  }
}
