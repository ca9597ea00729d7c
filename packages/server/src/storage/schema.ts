/**
 * Row types of the SQL schema, as Kysely sees them. Portable across SQLite and PostgreSQL: text
 * ids, integer epoch-ms times (bigint in PostgreSQL, read back as numbers), 0/1 integers for
 * booleans, JSON as text. They never leave `storage/`: the repos map them to domain types.
 */

/** 0 or 1. */
export type Flag = number

export interface OrganizationsTable {
  id: string
  name: string
  plan: string
  direct_ownership_grants: Flag
  service_tokens_can_mint: Flag
  api_url: string | null
  proxy_url: string | null
  realtime_url: string | null
  is_universal_api: Flag | null
  is_dataplane_private: Flag | null
  image_rendering_mode: string | null
  authz_version: number
  created_at: number
}

export interface UsersTable {
  id: string
  kind: string
  email: string
  given_name: string | null
  family_name: string | null
  avatar_url: string | null
  password_hash: string | null
  service_account_org_id: string | null
  created_at: number
  deleted_at: number | null
}

export interface MembershipsTable {
  org_id: string
  user_id: string
  created_at: number
}

export interface ProjectsTable {
  id: string
  org_id: string
  name: string
  user_id: string | null
  settings: string | null
  created_at: number
  deleted_at: number | null
}

export interface GroupsTable {
  id: string
  org_id: string
  user_id: string | null
  name: string
  description: string | null
  builtin: string | null
  created_at: number
  deleted_at: number | null
}

/** `position` keeps the member lists in the order they were given. */
export interface GroupUsersTable {
  group_id: string
  user_id: string
  position: number
}

export interface GroupMemberGroupsTable {
  group_id: string
  member_group_id: string
  position: number
}

export interface RolesTable {
  id: string
  org_id: string | null
  user_id: string | null
  name: string
  description: string | null
  created_at: number
  deleted_at: number | null
}

export interface RolePermissionsTable {
  role_id: string
  position: number
  permission: string
  restrict_object_type: string | null
}

export interface RoleRolesTable {
  role_id: string
  member_role_id: string
  position: number
}

export interface AclsTable {
  id: string
  org_id: string
  object_type: string
  object_id: string
  user_id: string | null
  group_id: string | null
  permission: string | null
  role_id: string | null
  restrict_object_type: string | null
  created_at: number
}

export interface ApiKeysTable {
  id: string
  org_id: string
  user_id: string
  name: string
  preview_name: string
  secret_hash: string
  created_at: number
  expires_at: number | null
  last_used_at: number | null
  revoked_at: number | null
}

export interface ServiceTokensTable {
  id: string
  org_id: string
  service_account_id: string
  name: string
  preview_name: string
  secret_hash: string
  created_at: number
  expires_at: number | null
  last_used_at: number | null
  revoked_at: number | null
}

export interface InvitationsTable {
  id: string
  org_id: string
  email: string
  /** JSON array of group ids. */
  group_ids: string
  token_hash: string
  invited_by: string | null
  created_at: number
  expires_at: number
  accepted_at: number | null
  accepted_user_id: string | null
  revoked_at: number | null
}

export interface SessionsTable {
  id: string
  user_id: string
  token_hash: string
  csrf_hash: string
  created_at: number
  last_seen_at: number
  expires_at: number
  revoked_at: number | null
  ip: string | null
  user_agent: string | null
}

export interface AuditEventsTable {
  id: string
  org_id: string
  seq: number
  action: string
  outcome: string
  actor_user_id: string | null
  credential_kind: string
  credential_id: string | null
  impersonator_id: string | null
  object_type: string
  object_id: string | null
  /** JSON text. */
  before_json: string
  /** JSON text. */
  after_json: string
  reason: string | null
  request_id: string | null
  occurred_at: number
  prev_hash: string
  hash: string
}

export interface AuditHeadsTable {
  org_id: string
  seq: number
  hash: string
}

/**
 * One failed (or not yet decided) password login, for the login throttle when several nodes
 * share the database. Not an audit record: rows leave as the window passes (see
 * login-throttle-store.ts).
 */
export interface LoginFailuresTable {
  id: string
  /** The email as the throttle normalises it. */
  account: string
  ip: string
  at: number
}

export interface Database {
  organizations: OrganizationsTable
  users: UsersTable
  memberships: MembershipsTable
  projects: ProjectsTable
  groups: GroupsTable
  group_users: GroupUsersTable
  group_member_groups: GroupMemberGroupsTable
  roles: RolesTable
  role_permissions: RolePermissionsTable
  role_roles: RoleRolesTable
  acls: AclsTable
  api_keys: ApiKeysTable
  service_tokens: ServiceTokensTable
  invitations: InvitationsTable
  sessions: SessionsTable
  audit_events: AuditEventsTable
  audit_heads: AuditHeadsTable
  login_failures: LoginFailuresTable
}
