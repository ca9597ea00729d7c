// Generated from openapi.json by `npm run generate -w @gatehouse/client` (src/codegen).
// Do not edit: a test fails when this file and the generator disagree.

export interface ApiKeyLoginRequest {
  /** The API key or service token (older SDKs); prefer the Authorization header */
  token?: string
}

export type SelfMeRequest = Record<string, never>

export interface Health {
  status: 'ok'
}

/** Every error response */
export interface Error {
  error: {
    /** A stable, specific code, e.g. PERMISSION_DENIED */
    code: string
    /** The rule's message, word for word */
    message: string
    request_id: string
    details?: Record<string, unknown>
  }
}

export interface SessionInfo {
  user: {
    id: string
    email: string
    given_name: string | null
    family_name: string | null
  }
  organizations: {
    id: string
    name: string
    plan: Plan
  }[]
  impersonator_user_id: string | null
}

/** An organization's plan */
export type Plan = 'starter' | 'pro' | 'enterprise'

export interface Login {
  email: string
  password: string
}

export interface Done {
  status: 'success'
}

export interface ChangePassword {
  current_password: string
  new_password: string
}

export interface SetupRequest {
  token: string
  org_name: string
  email: string
  password: string
  plan?: Plan
}

export interface OrganizationList {
  objects: Organization[]
}

export interface Organization {
  id: string
  name: string
  plan: Plan
  api_url: string | null
  is_universal_api: boolean | null
  is_dataplane_private: boolean | null
  proxy_url: string | null
  realtime_url: string | null
  image_rendering_mode: string | null
  created: string | null
  /** Creators of projects, groups and roles get a direct Owner grant */
  direct_ownership_grants: boolean
  /** Owner-level service tokens may create service tokens */
  service_tokens_can_mint: boolean
}

export interface PatchOrganizationMembersOutput {
  status: 'success'
  org_id: string
  send_email_error: string | null
  added_users: {
    id: string
    email: string | null
    api_key?: string | null
    token_name?: string | null
  }[]
  invitations: {
    id: string
    email: string
    invite_url: string
    expires_at: string
  }[]
}

export interface PatchOrganizationMembers {
  invite_users?: {
    ids?: string[] | null
    emails?: string[] | null
    service_accounts?:
      | {
          name: string
          token_name?: string | null
        }[]
      | null
    send_invite_emails?: boolean | null
    group_ids?: string[] | null
    group_names?: string[] | null
    group_id?: string | null
    group_name?: string | null
  } | null
  remove_users?: {
    ids?: string[] | null
    emails?: string[] | null
  } | null
  org_name?: string | null
  org_id?: string | null
}

export interface PatchOrganization {
  name?: string | null
  api_url?: string | null
  is_universal_api?: boolean | null
  is_dataplane_private?: boolean | null
  proxy_url?: string | null
  realtime_url?: string | null
  image_rendering_mode?: 'auto' | 'click_to_load' | 'blocked' | null
  direct_ownership_grants?: boolean | null
  service_tokens_can_mint?: boolean | null
}

export interface InvitationList {
  objects: Invitation[]
}

export interface Invitation {
  id: string
  org_id: string
  email: string
  group_ids: string[]
  invited_by: string | null
  created: string
  expires_at: string
}

export interface InvitationPreview {
  org_id: string
  org_name: string
  email: string
  /** true: sign in to accept; false: choose a password to accept */
  account_exists: boolean
  expires_at: string
}

export interface InvitationTokenRequest {
  /** The token from the invitation link (/invite/{token}); never sent in a URL query */
  token: string
}

export interface AcceptInvitationOutput {
  user_id: string
  org_id: string
  /** A new account was created (log in next) */
  created_user: boolean
}

export interface AcceptInvitation {
  /** The token from the invitation link (/invite/{token}); never sent in a URL query */
  token: string
  /** The new account's password, when no account has the invited email yet */
  password?: string
}

export interface UserList {
  objects: UserListItem[]
}

export interface UserListItem {
  id: string
  given_name: string | null
  family_name: string | null
  email: string | null
  avatar_url: string | null
  created: string | null
  /** Gatehouse extension: a person, or a service account of the organization */
  kind: 'user' | 'service_account'
  /**
   * Gatehouse extension: when the user was last seen in a browser session; null when never
   */
  last_active_at: string | null
}

export interface User {
  id: string
  given_name: string | null
  family_name: string | null
  email: string | null
  avatar_url: string | null
  created: string | null
}

export interface ProjectList {
  objects: Project[]
}

export interface Project {
  id: string
  org_id: string
  name: string
  created: string | null
  deleted_at: string | null
  user_id: string | null
  settings: Record<string, unknown> | null
}

export interface CreateProject {
  name: string
  org_name?: string | null
}

export interface PatchProject {
  name?: string | null
  settings?: Record<string, unknown> | null
}

export interface GroupList {
  objects: Group[]
}

export interface Group {
  id: string
  org_id: string
  user_id: string | null
  created: string | null
  name: string
  description: string | null
  deleted_at: string | null
  member_users: string[]
  member_groups: string[]
  /** Set on the built-in groups, which cannot be deleted or renamed */
  builtin: 'owners' | 'engineers' | 'viewers' | null
}

export interface CreateGroup {
  name: string
  description?: string | null
  member_users?: string[] | null
  member_groups?: string[] | null
  org_name?: string | null
}

export interface PatchGroup {
  name?: string | null
  description?: string | null
  add_member_users?: string[] | null
  remove_member_users?: string[] | null
  add_member_groups?: string[] | null
  remove_member_groups?: string[] | null
}

export interface RoleList {
  objects: Role[]
}

export interface Role {
  id: string
  /** null for system roles */
  org_id: string | null
  user_id: string | null
  created: string | null
  name: string
  description: string | null
  deleted_at: string | null
  member_permissions: {
    permission: Permission
    restrict_object_type: AclObjectType
  }[]
  member_roles: string[]
}

/** A permission an ACL or role grants */
export type Permission =
  | 'create'
  | 'read'
  | 'update'
  | 'delete'
  | 'create_acls'
  | 'read_acls'
  | 'update_acls'
  | 'delete_acls'

/** The type of object an ACL is on */
export type AclObjectType =
  | 'organization'
  | 'project'
  | 'experiment'
  | 'dataset'
  | 'prompt'
  | 'prompt_session'
  | 'group'
  | 'role'
  | 'org_member'
  | 'project_log'
  | 'org_project'
  | 'org_audit_logs'
  | null

export interface CreateRole {
  name: string
  description?: string | null
  member_permissions?: RolePermission[] | null
  member_roles?: string[] | null
  org_name?: string | null
}

export interface RolePermission {
  permission: Permission
  restrict_object_type?: AclObjectType
}

export interface PatchRole {
  name?: string | null
  description?: string | null
  add_member_permissions?: RolePermission[] | null
  remove_member_permissions?: RolePermission[] | null
  add_member_roles?: string[] | null
  remove_member_roles?: string[] | null
}

export interface AclBatchUpdateResponse {
  added_acls: Acl[]
  removed_acls: Acl[]
}

export interface Acl {
  id: string
  object_type: AclObjectType
  object_id: string
  user_id: string | null
  group_id: string | null
  permission: Permission | null
  restrict_object_type: AclObjectType
  role_id: string | null
  _object_org_id: string
  created: string | null
}

export interface AclBatchUpdateRequest {
  add_acls?: AclItem[] | null
  remove_acls?: AclItem[] | null
}

/**
 * user_id XOR group_id, permission XOR role_id; restrict_object_type only with a permission
 */
export interface AclItem {
  object_type: AclObjectType
  /**
   * A UUID; for experiment, dataset, prompt, prompt_session the data plane's own id (1 to 128
   * characters, no control characters)
   */
  object_id: string
  user_id?: string | null
  group_id?: string | null
  permission?: Permission | null
  restrict_object_type?: AclObjectType
  role_id?: string | null
}

export interface AclExplainResponse {
  /** What the user holds on the object */
  permissions: Permission[]
  /** Every grant behind those permissions */
  grants: GrantSource[]
}

export interface GrantSource {
  permission: Permission
  acl_id: string
  acl_object_type: AclObjectType
  acl_object_id: string
  group_path: string[]
  role_path: string[]
  restrict_object_type: AclObjectType
}

export interface AclExplainRequest {
  /** Whose access to explain */
  user_id: string
  object_type: AclObjectType
  /**
   * A UUID; for experiment, dataset, prompt, prompt_session the data plane's own id (1 to 128
   * characters, no control characters)
   */
  object_id: string
  /** For an object inside a project: its project, so grants there count too */
  project_id?: string | null
  org_name?: string | null
}

export interface AclList {
  objects: Acl[]
}

export interface ApiKeyList {
  objects: ApiKey[]
}

/** API key metadata; the secret is never returned again */
export interface ApiKey {
  id: string
  created: string | null
  name: string
  preview_name: string
  user_id: string | null
  user_email: string | null
  user_given_name: string | null
  user_family_name: string | null
  org_id: string | null
  expires_at: string | null
  last_used_at: string | null
  revoked_at: string | null
}

export interface CreateApiKeyOutput {
  id: string
  created: string | null
  name: string
  preview_name: string
  user_id: string | null
  user_email: string | null
  user_given_name: string | null
  user_family_name: string | null
  org_id: string | null
  expires_at: string | null
  last_used_at: string | null
  revoked_at: string | null
  /** The secret, shown this one time */
  key: string
}

export interface CreateApiKey {
  name: string
  org_name?: string | null
  expires_at?: string | null
}

export interface ServiceTokenList {
  objects: ServiceToken[]
}

export interface ServiceToken {
  id: string
  created: string | null
  name: string
  preview_name: string
  service_account_id: string | null
  service_account_email: string | null
  service_account_name: string | null
  org_id: string | null
  expires_at: string | null
  last_used_at: string | null
  revoked_at: string | null
}

export interface CreateServiceTokenOutput {
  id: string
  created: string | null
  name: string
  preview_name: string
  service_account_id: string | null
  service_account_email: string | null
  service_account_name: string | null
  org_id: string | null
  expires_at: string | null
  last_used_at: string | null
  revoked_at: string | null
  /** The secret, shown this one time */
  key: string
}

export interface CreateServiceToken {
  name: string
  service_account_id: string
  org_name?: string | null
  expires_at?: string | null
}

export interface DeleteServiceToken {
  id: string
}

export interface CreateServiceAccountOutput {
  service_account: ServiceAccount
  /** The first service token, with its secret shown this one time (token_name) */
  token?: {
    id: string
    created: string | null
    name: string
    preview_name: string
    service_account_id: string | null
    service_account_email: string | null
    service_account_name: string | null
    org_id: string | null
    expires_at: string | null
    last_used_at: string | null
    revoked_at: string | null
    /** The secret, shown this one time */
    key: string
  }
}

export interface ServiceAccount {
  id: string
  org_id: string
  name: string
  /** Not routable */
  email: string
  created: string | null
}

export interface CreateServiceAccount {
  name: string
  token_name?: string | null
  org_name?: string | null
}

export interface ServiceAccountList {
  objects: ServiceAccount[]
}

export interface AuditEventList {
  objects: AuditEvent[]
}

export interface AuditEvent {
  id: string
  org_id: string
  seq: number
  occurred_at: string
  action: string
  outcome: 'success' | 'denied'
  actor_user_id: string | null
  credential_kind: 'session' | 'api_key' | 'service_token' | 'operator'
  credential_id: string | null
  impersonator_user_id: string | null
  object_type: string
  object_id: string | null
  before?: unknown
  after?: unknown
  reason: string | null
  request_id: string | null
  hash: string
}

export interface AuthorizeResponse {
  principal: {
    user_id: string
    kind: 'user' | 'service_account'
    org_id: string
    credential_kind: 'session' | 'api_key' | 'service_token'
    impersonator_user_id: string | null
  }
  results: {
    allowed: boolean
    grants?: GrantSource[]
  }[]
  /** Single-check form only: the answer (also in results[0]) */
  allowed?: boolean
}

export interface AuthorizeRequest {
  /** Batch form: one answer per check, in order */
  checks?: AuthorizeCheck[]
  /** Single-check form */
  permission?:
    | 'create'
    | 'read'
    | 'update'
    | 'delete'
    | 'create_acls'
    | 'read_acls'
    | 'update_acls'
    | 'delete_acls'
  /** Single-check form */
  object_type?:
    | 'organization'
    | 'project'
    | 'experiment'
    | 'dataset'
    | 'prompt'
    | 'prompt_session'
    | 'group'
    | 'role'
    | 'org_member'
    | 'project_log'
    | 'org_project'
    | 'org_audit_logs'
  /** Single-check form */
  object_id?: string
  /** Single-check form */
  project_id?: string | null
  explain?: boolean
  org_name?: string | null
}

export interface AuthorizeCheck {
  permission: Permission
  object_type: AclObjectType
  /**
   * A UUID; for experiment, dataset, prompt, prompt_session the data plane's own id (1 to 128
   * characters, no control characters)
   */
  object_id: string
  project_id?: string | null
}

export interface ApiKeyLoginResponse {
  org_info: {
    id: string
    name: string
    /** Where the SDK sends its API calls: the org's api_url, else the server's public URL */
    api_url: string
    proxy_url: string | null
    realtime_url: string | null
    git_metadata: null
  }[]
}

export interface SelfMeResponse {
  id: string
  email: string
  given_name: string | null
  family_name: string | null
  organizations: {
    id: string
    name: string
  }[]
}
