/*
 * The columns the generator fills, per table, in insertion order (parents before children).
 * Columns left out keep their default (null). Types are PostgreSQL's, for `unnest` casts.
 */

export type ColumnType = 'text' | 'bigint' | 'integer'
export type Cell = string | number | null
export type Row = readonly Cell[]

export const TABLE_COLUMNS = {
  organizations: [
    ['id', 'text'],
    ['name', 'text'],
    ['plan', 'text'],
    ['direct_ownership_grants', 'integer'],
    ['service_tokens_can_mint', 'integer'],
    ['authz_version', 'bigint'],
    ['created_at', 'bigint'],
  ],
  audit_heads: [
    ['org_id', 'text'],
    ['seq', 'bigint'],
    ['hash', 'text'],
  ],
  users: [
    ['id', 'text'],
    ['kind', 'text'],
    ['email', 'text'],
    ['given_name', 'text'],
    ['family_name', 'text'],
    ['created_at', 'bigint'],
  ],
  memberships: [
    ['org_id', 'text'],
    ['user_id', 'text'],
    ['created_at', 'bigint'],
  ],
  projects: [
    ['id', 'text'],
    ['org_id', 'text'],
    ['name', 'text'],
    ['user_id', 'text'],
    ['created_at', 'bigint'],
  ],
  groups: [
    ['id', 'text'],
    ['org_id', 'text'],
    ['user_id', 'text'],
    ['name', 'text'],
    ['description', 'text'],
    ['builtin', 'text'],
    ['created_at', 'bigint'],
  ],
  group_users: [
    ['group_id', 'text'],
    ['user_id', 'text'],
    ['position', 'integer'],
  ],
  group_member_groups: [
    ['group_id', 'text'],
    ['member_group_id', 'text'],
    ['position', 'integer'],
  ],
  roles: [
    ['id', 'text'],
    ['org_id', 'text'],
    ['user_id', 'text'],
    ['name', 'text'],
    ['description', 'text'],
    ['created_at', 'bigint'],
  ],
  role_permissions: [
    ['role_id', 'text'],
    ['position', 'integer'],
    ['permission', 'text'],
    ['restrict_object_type', 'text'],
  ],
  role_roles: [
    ['role_id', 'text'],
    ['member_role_id', 'text'],
    ['position', 'integer'],
  ],
  acls: [
    ['id', 'text'],
    ['org_id', 'text'],
    ['object_type', 'text'],
    ['object_id', 'text'],
    ['user_id', 'text'],
    ['group_id', 'text'],
    ['permission', 'text'],
    ['role_id', 'text'],
    ['restrict_object_type', 'text'],
    ['created_at', 'bigint'],
  ],
  api_keys: [
    ['id', 'text'],
    ['org_id', 'text'],
    ['user_id', 'text'],
    ['name', 'text'],
    ['preview_name', 'text'],
    ['secret_hash', 'text'],
    ['created_at', 'bigint'],
    ['expires_at', 'bigint'],
    ['revoked_at', 'bigint'],
  ],
} as const satisfies Record<string, readonly (readonly [string, ColumnType])[]>

export type TableName = keyof typeof TABLE_COLUMNS

/** Parents first, so foreign keys hold after every flush. */
export const TABLE_ORDER = Object.keys(TABLE_COLUMNS) as TableName[]

/** Where generated rows go: a database, or memory for the peers' translation. */
export interface TimedSink {
  readonly name: string
  write(table: TableName, rows: readonly Row[]): Promise<void>
  /** Ends the writing; afterwards the sink holds the whole world. */
  finish(): Promise<void>
  /** Rows written and the milliseconds spent writing them (generation not included). */
  stats(): { rows: number; ms: number }
}
