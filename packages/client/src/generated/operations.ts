// Generated from openapi.json by `npm run generate -w @gatehouse/client` (src/codegen).
// Do not edit: a test fails when this file and the generator disagree.

import type { CallOptions, OperationSpec } from '../operation-spec.js'
import type * as S from './schemas.js'

/** Every error code that openapi.json lists for some operation. */
export type ApiErrorCode =
  | 'ACL_GRANT_INVALID'
  | 'ACL_NOT_FOUND'
  | 'ACL_RESTRICT_WITH_ROLE'
  | 'ACL_SUBJECT_INVALID'
  | 'ALREADY_MEMBER'
  | 'API_KEY_CANNOT_CREATE_API_KEY'
  | 'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT'
  | 'API_KEY_CANNOT_CREATE_SERVICE_TOKEN'
  | 'API_KEY_NOT_FOUND'
  | 'BUILTIN_GROUP_IMMUTABLE'
  | 'CREDENTIAL_SETTING_NEEDS_SESSION'
  | 'EMAIL_INVALID'
  | 'GRANT_EXCEEDS_CALLER'
  | 'GROUP_CYCLE'
  | 'GROUP_NOT_FOUND'
  | 'IMPERSONATION_CANNOT_CHANGE_IDENTITY'
  | 'IMPERSONATION_CANNOT_MINT'
  | 'INTERNAL'
  | 'INVITATION_NEEDS_GROUP'
  | 'INVITATION_NOT_FOUND'
  | 'LAST_OWNER'
  | 'NAME_TAKEN'
  | 'OBJECT_NOT_FOUND'
  | 'ORG_NAME_TAKEN'
  | 'ORG_NOT_FOUND'
  | 'ORG_REQUIRED'
  | 'OWNER_ONLY_KEY_INVENTORY'
  | 'OWNER_ONLY_SETTING'
  | 'OWNER_REQUIRED'
  | 'PASSWORD_TOO_LONG'
  | 'PASSWORD_TOO_SHORT'
  | 'PERMISSION_DENIED'
  | 'PLAN_CUSTOM_GROUPS'
  | 'PLAN_GROUP_MANAGE_ACCESS'
  | 'PLAN_PROJECT_GROUP_GRANTS'
  | 'PROJECT_NOT_FOUND'
  | 'RATE_LIMITED'
  | 'ROLE_CYCLE'
  | 'ROLE_NOT_FOUND'
  | 'SERVICE_ACCOUNT_NOT_FOUND'
  | 'SERVICE_TOKEN_CANNOT_CREATE_API_KEY'
  | 'SERVICE_TOKEN_MINTING_DISABLED'
  | 'SERVICE_TOKEN_NOT_FOUND'
  | 'SETUP_NOT_AVAILABLE'
  | 'SYSTEM_ROLE_IMMUTABLE'
  | 'UNAUTHENTICATED'
  | 'USER_NOT_FOUND'
  | 'VALIDATION_FAILED'

/** Query parameters of `listOrganizations` (an array repeats the parameter). */
export interface ListOrganizationsQuery {
  /** At most this many objects (0 to 1000; more is refused) */
  limit?: number | null
  /** Cursor: objects older than this id */
  starting_after?: string
  /** Cursor: objects newer than this id */
  ending_before?: string
  /** Only these ids (repeat the parameter; at most 100) */
  ids?: string[]
  org_name?: string
}

/** Path parameters of `getOrganization`. */
export interface GetOrganizationParams {
  organization_id: string
}

/** Path parameters of `updateOrganization`. */
export interface UpdateOrganizationParams {
  organization_id: string
}

/** Query parameters of `listInvitations` (an array repeats the parameter). */
export interface ListInvitationsQuery {
  /** At most this many objects (0 to 1000; more is refused) */
  limit?: number | null
  /** Cursor: objects older than this id */
  starting_after?: string
  /** Cursor: objects newer than this id */
  ending_before?: string
  /** Only these ids (repeat the parameter; at most 100) */
  ids?: string[]
  /**
   * Search: a case-insensitive substring of the invited email (at most 256 characters; `%` and
   * `_` match themselves). Paging applies within the matches.
   */
  q?: string
  org_name?: string
}

/** Path parameters of `revokeInvitation`. */
export interface RevokeInvitationParams {
  invitation_id: string
}

/** Query parameters of `listUsers` (an array repeats the parameter). */
export interface ListUsersQuery {
  /** At most this many objects (0 to 1000; more is refused) */
  limit?: number | null
  /** Cursor: objects older than this id */
  starting_after?: string
  /** Cursor: objects newer than this id */
  ending_before?: string
  /** Only these ids (repeat the parameter; at most 100) */
  ids?: string[]
  /**
   * Search: a case-insensitive substring of the email or the full name (given and family name)
   * (at most 256 characters; `%` and `_` match themselves). Paging applies within the matches.
   */
  q?: string
  given_name?: string
  family_name?: string
  email?: string[]
  org_name?: string
}

/** Path parameters of `getUser`. */
export interface GetUserParams {
  user_id: string
}

/** Query parameters of `listProjects` (an array repeats the parameter). */
export interface ListProjectsQuery {
  /** At most this many objects (0 to 1000; more is refused) */
  limit?: number | null
  /** Cursor: objects older than this id */
  starting_after?: string
  /** Cursor: objects newer than this id */
  ending_before?: string
  /** Only these ids (repeat the parameter; at most 100) */
  ids?: string[]
  /**
   * Search: a case-insensitive substring of the name (at most 256 characters; `%` and `_` match
   * themselves). Paging applies within the matches.
   */
  q?: string
  project_name?: string
  org_name?: string
}

/** Path parameters of `getProject`. */
export interface GetProjectParams {
  project_id: string
}

/** Path parameters of `updateProject`. */
export interface UpdateProjectParams {
  project_id: string
}

/** Path parameters of `deleteProject`. */
export interface DeleteProjectParams {
  project_id: string
}

/** Query parameters of `listGroups` (an array repeats the parameter). */
export interface ListGroupsQuery {
  /** At most this many objects (0 to 1000; more is refused) */
  limit?: number | null
  /** Cursor: objects older than this id */
  starting_after?: string
  /** Cursor: objects newer than this id */
  ending_before?: string
  /** Only these ids (repeat the parameter; at most 100) */
  ids?: string[]
  /**
   * Search: a case-insensitive substring of the name or the description (at most 256
   * characters; `%` and `_` match themselves). Paging applies within the matches.
   */
  q?: string
  group_name?: string
  org_name?: string
}

/** Path parameters of `getGroup`. */
export interface GetGroupParams {
  group_id: string
}

/** Path parameters of `updateGroup`. */
export interface UpdateGroupParams {
  group_id: string
}

/** Path parameters of `deleteGroup`. */
export interface DeleteGroupParams {
  group_id: string
}

/** Query parameters of `listRoles` (an array repeats the parameter). */
export interface ListRolesQuery {
  /** At most this many objects (0 to 1000; more is refused) */
  limit?: number | null
  /** Cursor: objects older than this id */
  starting_after?: string
  /** Cursor: objects newer than this id */
  ending_before?: string
  /** Only these ids (repeat the parameter; at most 100) */
  ids?: string[]
  /**
   * Search: a case-insensitive substring of the name or the description (at most 256
   * characters; `%` and `_` match themselves). Paging applies within the matches.
   */
  q?: string
  role_name?: string
  org_name?: string
}

/** Path parameters of `getRole`. */
export interface GetRoleParams {
  role_id: string
}

/** Path parameters of `updateRole`. */
export interface UpdateRoleParams {
  role_id: string
}

/** Path parameters of `deleteRole`. */
export interface DeleteRoleParams {
  role_id: string
}

/** Query parameters of `listOrgAcls` (an array repeats the parameter). */
export interface ListOrgAclsQuery {
  /** At most this many objects (0 to 1000; more is refused) */
  limit?: number | null
  /** Cursor: objects older than this id */
  starting_after?: string
  /** Cursor: objects newer than this id */
  ending_before?: string
  /** Only these ids (repeat the parameter; at most 100) */
  ids?: string[]
  /** The type of object an ACL is on */
  object_type?: S.AclObjectType
  /**
   * A UUID; for experiment, dataset, prompt, prompt_session the data plane's own id (1 to 128
   * characters, no control characters)
   */
  object_id?: string
  org_name?: string
  user_id?: string
  group_id?: string
  /** A permission an ACL or role grants */
  permission?: S.Permission
  /** The type of object an ACL is on */
  restrict_object_type?: S.AclObjectType
  role_id?: string
}

/** Query parameters of `listAcls` (an array repeats the parameter). */
export interface ListAclsQuery {
  /** At most this many objects (0 to 1000; more is refused) */
  limit?: number | null
  /** Cursor: objects older than this id */
  starting_after?: string
  /** Cursor: objects newer than this id */
  ending_before?: string
  /** Only these ids (repeat the parameter; at most 100) */
  ids?: string[]
  /** The type of object an ACL is on */
  object_type: S.AclObjectType
  /**
   * A UUID; for experiment, dataset, prompt, prompt_session the data plane's own id (1 to 128
   * characters, no control characters)
   */
  object_id: string
  user_id?: string
  group_id?: string
  /** A permission an ACL or role grants */
  permission?: S.Permission
  /** The type of object an ACL is on */
  restrict_object_type?: S.AclObjectType
  role_id?: string
}

/** Path parameters of `getAcl`. */
export interface GetAclParams {
  acl_id: string
}

/** Path parameters of `deleteAcl`. */
export interface DeleteAclParams {
  acl_id: string
}

/** Query parameters of `listApiKeys` (an array repeats the parameter). */
export interface ListApiKeysQuery {
  /** At most this many objects (0 to 1000; more is refused) */
  limit?: number | null
  /** Cursor: objects older than this id */
  starting_after?: string
  /** Cursor: objects newer than this id */
  ending_before?: string
  /** Only these ids (repeat the parameter; at most 100) */
  ids?: string[]
  /**
   * Search: a case-insensitive substring of the key's name (at most 256 characters; `%` and `_`
   * match themselves). Paging applies within the matches.
   */
  q?: string
  api_key_name?: string
  org_name?: string
  /** `org`: every key in the organization (owners only) */
  scope?: 'self' | 'org'
}

/** Path parameters of `getApiKey`. */
export interface GetApiKeyParams {
  api_key_id: string
}

/** Path parameters of `deleteApiKey`. */
export interface DeleteApiKeyParams {
  api_key_id: string
}

/** Query parameters of `listServiceTokens` (an array repeats the parameter). */
export interface ListServiceTokensQuery {
  /** At most this many objects (0 to 1000; more is refused) */
  limit?: number | null
  /** Cursor: objects older than this id */
  starting_after?: string
  /** Cursor: objects newer than this id */
  ending_before?: string
  /** Only these ids (repeat the parameter; at most 100) */
  ids?: string[]
  /**
   * Search: a case-insensitive substring of the token's name (at most 256 characters; `%` and
   * `_` match themselves). Paging applies within the matches.
   */
  q?: string
  service_token_name?: string
  org_name?: string
}

/** Path parameters of `getServiceToken`. */
export interface GetServiceTokenParams {
  service_token_id: string
}

/** Path parameters of `deleteServiceToken`. */
export interface DeleteServiceTokenParams {
  service_token_id: string
}

/** Query parameters of `listServiceAccounts` (an array repeats the parameter). */
export interface ListServiceAccountsQuery {
  /** At most this many objects (0 to 1000; more is refused) */
  limit?: number | null
  /** Cursor: objects older than this id */
  starting_after?: string
  /** Cursor: objects newer than this id */
  ending_before?: string
  /** Only these ids (repeat the parameter; at most 100) */
  ids?: string[]
  /**
   * Search: a case-insensitive substring of the service account's name or email (at most 256
   * characters; `%` and `_` match themselves). Paging applies within the matches.
   */
  q?: string
  service_account_name?: string
  org_name?: string
}

/** Path parameters of `deleteServiceAccount`. */
export interface DeleteServiceAccountParams {
  service_account_id: string
}

/** Query parameters of `listAuditLog` (an array repeats the parameter). */
export interface ListAuditLogQuery {
  /** At most this many objects (0 to 1000; more is refused) */
  limit?: number | null
  /** Cursor: objects older than this id */
  starting_after?: string
  /** Cursor: objects newer than this id */
  ending_before?: string
  /** Only these ids (repeat the parameter; at most 100) */
  ids?: string[]
  /**
   * Search: a case-insensitive substring of the action, the object type or the object id (at
   * most 256 characters; `%` and `_` match themselves). Paging applies within the matches.
   */
  q?: string
  org_name?: string
  actor_id?: string
  action?: string
  object_type?: string
  object_id?: string
  since?: string
  until?: string
}

/** The error codes each operation documents (the server may add generic ones). */
export interface OperationErrorCodes {
  healthz: never
  readyz: 'VALIDATION_FAILED' | 'UNAUTHENTICATED' | 'INTERNAL'
  login: 'VALIDATION_FAILED' | 'PASSWORD_TOO_LONG' | 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'INTERNAL'
  logout: 'VALIDATION_FAILED' | 'UNAUTHENTICATED' | 'INTERNAL'
  getSession: 'VALIDATION_FAILED' | 'UNAUTHENTICATED' | 'INTERNAL'
  changePassword:
    | 'VALIDATION_FAILED'
    | 'PASSWORD_TOO_SHORT'
    | 'PASSWORD_TOO_LONG'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'IMPERSONATION_CANNOT_CHANGE_IDENTITY'
    | 'INTERNAL'
  setup:
    | 'VALIDATION_FAILED'
    | 'EMAIL_INVALID'
    | 'PASSWORD_TOO_SHORT'
    | 'UNAUTHENTICATED'
    | 'SETUP_NOT_AVAILABLE'
    | 'ORG_NAME_TAKEN'
    | 'INTERNAL'
  listOrganizations: 'VALIDATION_FAILED' | 'UNAUTHENTICATED' | 'INTERNAL'
  updateOrganizationMembers:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'INVITATION_NEEDS_GROUP'
    | 'EMAIL_INVALID'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'GRANT_EXCEEDS_CALLER'
    | 'LAST_OWNER'
    | 'OWNER_REQUIRED'
    | 'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT'
    | 'API_KEY_CANNOT_CREATE_SERVICE_TOKEN'
    | 'IMPERSONATION_CANNOT_MINT'
    | 'SERVICE_TOKEN_MINTING_DISABLED'
    | 'ORG_NOT_FOUND'
    | 'GROUP_NOT_FOUND'
    | 'USER_NOT_FOUND'
    | 'ALREADY_MEMBER'
    | 'INTERNAL'
  getOrganization: 'VALIDATION_FAILED' | 'UNAUTHENTICATED' | 'ORG_NOT_FOUND' | 'INTERNAL'
  updateOrganization:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'CREDENTIAL_SETTING_NEEDS_SESSION'
    | 'OWNER_ONLY_SETTING'
    | 'ORG_NOT_FOUND'
    | 'ORG_NAME_TAKEN'
    | 'INTERNAL'
  listInvitations:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'ORG_NOT_FOUND'
    | 'INTERNAL'
  revokeInvitation:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'INVITATION_NOT_FOUND'
    | 'INTERNAL'
  previewInvitation: 'VALIDATION_FAILED' | 'UNAUTHENTICATED' | 'INVITATION_NOT_FOUND' | 'INTERNAL'
  acceptInvitation:
    | 'VALIDATION_FAILED'
    | 'PASSWORD_TOO_SHORT'
    | 'PASSWORD_TOO_LONG'
    | 'UNAUTHENTICATED'
    | 'INVITATION_NOT_FOUND'
    | 'ALREADY_MEMBER'
    | 'INTERNAL'
  listUsers: 'VALIDATION_FAILED' | 'ORG_REQUIRED' | 'UNAUTHENTICATED' | 'ORG_NOT_FOUND' | 'INTERNAL'
  getUser: 'VALIDATION_FAILED' | 'UNAUTHENTICATED' | 'USER_NOT_FOUND' | 'INTERNAL'
  listProjects:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'ORG_NOT_FOUND'
    | 'INTERNAL'
  createProject:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'ORG_NOT_FOUND'
    | 'INTERNAL'
  getProject:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'PROJECT_NOT_FOUND'
    | 'INTERNAL'
  updateProject:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'PROJECT_NOT_FOUND'
    | 'NAME_TAKEN'
    | 'INTERNAL'
  deleteProject:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'PROJECT_NOT_FOUND'
    | 'INTERNAL'
  listGroups:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'ORG_NOT_FOUND'
    | 'INTERNAL'
  createGroup:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'PLAN_CUSTOM_GROUPS'
    | 'ORG_NOT_FOUND'
    | 'USER_NOT_FOUND'
    | 'GROUP_NOT_FOUND'
    | 'INTERNAL'
  replaceGroup:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'GROUP_CYCLE'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'PLAN_CUSTOM_GROUPS'
    | 'GRANT_EXCEEDS_CALLER'
    | 'LAST_OWNER'
    | 'ORG_NOT_FOUND'
    | 'USER_NOT_FOUND'
    | 'GROUP_NOT_FOUND'
    | 'INTERNAL'
  getGroup:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'GROUP_NOT_FOUND'
    | 'INTERNAL'
  updateGroup:
    | 'VALIDATION_FAILED'
    | 'GROUP_CYCLE'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'BUILTIN_GROUP_IMMUTABLE'
    | 'GRANT_EXCEEDS_CALLER'
    | 'LAST_OWNER'
    | 'GROUP_NOT_FOUND'
    | 'USER_NOT_FOUND'
    | 'NAME_TAKEN'
    | 'INTERNAL'
  deleteGroup:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'BUILTIN_GROUP_IMMUTABLE'
    | 'LAST_OWNER'
    | 'GROUP_NOT_FOUND'
    | 'INTERNAL'
  listRoles: 'VALIDATION_FAILED' | 'ORG_REQUIRED' | 'UNAUTHENTICATED' | 'ORG_NOT_FOUND' | 'INTERNAL'
  createRole:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'ORG_NOT_FOUND'
    | 'ROLE_NOT_FOUND'
    | 'INTERNAL'
  replaceRole:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'ROLE_CYCLE'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'SYSTEM_ROLE_IMMUTABLE'
    | 'GRANT_EXCEEDS_CALLER'
    | 'LAST_OWNER'
    | 'ORG_NOT_FOUND'
    | 'ROLE_NOT_FOUND'
    | 'INTERNAL'
  getRole:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'ROLE_NOT_FOUND'
    | 'INTERNAL'
  updateRole:
    | 'VALIDATION_FAILED'
    | 'ROLE_CYCLE'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'SYSTEM_ROLE_IMMUTABLE'
    | 'GRANT_EXCEEDS_CALLER'
    | 'LAST_OWNER'
    | 'ROLE_NOT_FOUND'
    | 'NAME_TAKEN'
    | 'INTERNAL'
  deleteRole:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'SYSTEM_ROLE_IMMUTABLE'
    | 'LAST_OWNER'
    | 'ROLE_NOT_FOUND'
    | 'INTERNAL'
  batchUpdateAcls:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'ACL_SUBJECT_INVALID'
    | 'ACL_GRANT_INVALID'
    | 'ACL_RESTRICT_WITH_ROLE'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'PLAN_PROJECT_GROUP_GRANTS'
    | 'PLAN_GROUP_MANAGE_ACCESS'
    | 'GRANT_EXCEEDS_CALLER'
    | 'LAST_OWNER'
    | 'ORG_NOT_FOUND'
    | 'PROJECT_NOT_FOUND'
    | 'GROUP_NOT_FOUND'
    | 'ROLE_NOT_FOUND'
    | 'OBJECT_NOT_FOUND'
    | 'USER_NOT_FOUND'
    | 'INTERNAL'
  listOrgAcls:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'ORG_NOT_FOUND'
    | 'INTERNAL'
  explainAccess:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'ORG_NOT_FOUND'
    | 'PROJECT_NOT_FOUND'
    | 'GROUP_NOT_FOUND'
    | 'ROLE_NOT_FOUND'
    | 'OBJECT_NOT_FOUND'
    | 'USER_NOT_FOUND'
    | 'INTERNAL'
  listAcls:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'ORG_NOT_FOUND'
    | 'PROJECT_NOT_FOUND'
    | 'GROUP_NOT_FOUND'
    | 'ROLE_NOT_FOUND'
    | 'OBJECT_NOT_FOUND'
    | 'INTERNAL'
  createAcl:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'ACL_SUBJECT_INVALID'
    | 'ACL_GRANT_INVALID'
    | 'ACL_RESTRICT_WITH_ROLE'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'PLAN_PROJECT_GROUP_GRANTS'
    | 'PLAN_GROUP_MANAGE_ACCESS'
    | 'GRANT_EXCEEDS_CALLER'
    | 'ORG_NOT_FOUND'
    | 'PROJECT_NOT_FOUND'
    | 'GROUP_NOT_FOUND'
    | 'ROLE_NOT_FOUND'
    | 'OBJECT_NOT_FOUND'
    | 'USER_NOT_FOUND'
    | 'INTERNAL'
  deleteAclByContent:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'ACL_SUBJECT_INVALID'
    | 'ACL_GRANT_INVALID'
    | 'ACL_RESTRICT_WITH_ROLE'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'LAST_OWNER'
    | 'ORG_NOT_FOUND'
    | 'PROJECT_NOT_FOUND'
    | 'GROUP_NOT_FOUND'
    | 'ROLE_NOT_FOUND'
    | 'OBJECT_NOT_FOUND'
    | 'ACL_NOT_FOUND'
    | 'INTERNAL'
  getAcl:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'ACL_NOT_FOUND'
    | 'INTERNAL'
  deleteAcl:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'LAST_OWNER'
    | 'ACL_NOT_FOUND'
    | 'INTERNAL'
  listApiKeys:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'OWNER_ONLY_KEY_INVENTORY'
    | 'ORG_NOT_FOUND'
    | 'INTERNAL'
  createApiKey:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'API_KEY_CANNOT_CREATE_API_KEY'
    | 'SERVICE_TOKEN_CANNOT_CREATE_API_KEY'
    | 'IMPERSONATION_CANNOT_MINT'
    | 'PERMISSION_DENIED'
    | 'ORG_NOT_FOUND'
    | 'INTERNAL'
  getApiKey: 'VALIDATION_FAILED' | 'UNAUTHENTICATED' | 'API_KEY_NOT_FOUND' | 'INTERNAL'
  deleteApiKey: 'VALIDATION_FAILED' | 'UNAUTHENTICATED' | 'API_KEY_NOT_FOUND' | 'INTERNAL'
  listServiceTokens:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'OWNER_REQUIRED'
    | 'ORG_NOT_FOUND'
    | 'INTERNAL'
  createServiceToken:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'API_KEY_CANNOT_CREATE_SERVICE_TOKEN'
    | 'IMPERSONATION_CANNOT_MINT'
    | 'SERVICE_TOKEN_MINTING_DISABLED'
    | 'OWNER_REQUIRED'
    | 'PERMISSION_DENIED'
    | 'ORG_NOT_FOUND'
    | 'SERVICE_ACCOUNT_NOT_FOUND'
    | 'INTERNAL'
  replaceServiceToken:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'API_KEY_CANNOT_CREATE_SERVICE_TOKEN'
    | 'IMPERSONATION_CANNOT_MINT'
    | 'SERVICE_TOKEN_MINTING_DISABLED'
    | 'OWNER_REQUIRED'
    | 'PERMISSION_DENIED'
    | 'ORG_NOT_FOUND'
    | 'SERVICE_ACCOUNT_NOT_FOUND'
    | 'INTERNAL'
  deleteServiceTokenByBody:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'OWNER_REQUIRED'
    | 'SERVICE_TOKEN_NOT_FOUND'
    | 'INTERNAL'
  getServiceToken:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'OWNER_REQUIRED'
    | 'SERVICE_TOKEN_NOT_FOUND'
    | 'INTERNAL'
  deleteServiceToken:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'OWNER_REQUIRED'
    | 'SERVICE_TOKEN_NOT_FOUND'
    | 'INTERNAL'
  createServiceAccount:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'OWNER_REQUIRED'
    | 'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT'
    | 'API_KEY_CANNOT_CREATE_SERVICE_TOKEN'
    | 'IMPERSONATION_CANNOT_MINT'
    | 'SERVICE_TOKEN_MINTING_DISABLED'
    | 'ORG_NOT_FOUND'
    | 'INTERNAL'
  listServiceAccounts:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'OWNER_REQUIRED'
    | 'ORG_NOT_FOUND'
    | 'INTERNAL'
  deleteServiceAccount:
    | 'VALIDATION_FAILED'
    | 'UNAUTHENTICATED'
    | 'OWNER_REQUIRED'
    | 'SERVICE_ACCOUNT_NOT_FOUND'
    | 'INTERNAL'
  listAuditLog:
    | 'VALIDATION_FAILED'
    | 'ORG_REQUIRED'
    | 'UNAUTHENTICATED'
    | 'PERMISSION_DENIED'
    | 'ORG_NOT_FOUND'
    | 'INTERNAL'
  authorize: 'VALIDATION_FAILED' | 'ORG_REQUIRED' | 'UNAUTHENTICATED' | 'ORG_NOT_FOUND' | 'INTERNAL'
  apiKeyLogin: 'VALIDATION_FAILED' | 'UNAUTHENTICATED' | 'USER_NOT_FOUND' | 'INTERNAL'
  selfMe: 'VALIDATION_FAILED' | 'UNAUTHENTICATED' | 'USER_NOT_FOUND' | 'INTERNAL'
}

/**
 * Every operation of the Gatehouse REST API, by operationId. Each method takes its path
 * parameters, query and body in one object and resolves to the response body; failures
 * reject with a GatehouseApiError.
 */
export interface GatehouseApi {
  /**
   * The process is up
   *
   * `GET /healthz`. Needs: none
   */
  healthz(args?: Record<string, never>, options?: CallOptions): Promise<S.Health>

  /**
   * The database answers
   *
   * `GET /readyz`. Needs: none
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 500 INTERNAL
   */
  readyz(args?: Record<string, never>, options?: CallOptions): Promise<S.Health>

  /**
   * Log in with email and password; sets the session cookie
   *
   * Unknown users and wrong passwords get the same 401. At most 100 failed attempts per account
   * per hour are processed (429 with Retry-After after that), counted per client address so an
   * attacker cannot lock the owner out from the owner's own address.
   *
   * `POST /auth/login`. Needs: none
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, PASSWORD_TOO_LONG; 401 UNAUTHENTICATED;
   * 429 RATE_LIMITED; 500 INTERNAL
   */
  login(args: { body: S.Login }, options?: CallOptions): Promise<S.SessionInfo>

  /**
   * End this session on the server and clear its cookie
   *
   * `POST /auth/logout`. Needs: none (your own session)
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 500 INTERNAL
   */
  logout(args?: Record<string, never>, options?: CallOptions): Promise<S.Done>

  /**
   * Who is logged in, and in which organizations
   *
   * `GET /auth/session`. Needs: none (yourself)
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 500 INTERNAL
   */
  getSession(args?: Record<string, never>, options?: CallOptions): Promise<S.SessionInfo>

  /**
   * Change your password (ends your other sessions)
   *
   * `POST /auth/password`. Needs: none (yourself; never under impersonation)
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG;
   * 401 UNAUTHENTICATED; 403 PERMISSION_DENIED, IMPERSONATION_CANNOT_CHANGE_IDENTITY; 500
   * INTERNAL
   */
  changePassword(args: { body: S.ChangePassword }, options?: CallOptions): Promise<S.Done>

  /**
   * First run: create the first organization and its owner with the one-time setup token
   *
   * `POST /auth/setup`. Needs: the one-time setup token printed at start-up
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, EMAIL_INVALID, PASSWORD_TOO_SHORT; 401
   * UNAUTHENTICATED; 404 SETUP_NOT_AVAILABLE; 409 ORG_NAME_TAKEN; 500 INTERNAL
   */
  setup(args: { body: S.SetupRequest }, options?: CallOptions): Promise<S.SessionInfo>

  /**
   * List the organizations you belong to, newest first
   *
   * A credential bound to one organization (API key, service token) sees only that one.
   *
   * `GET /v1/organization`. Needs: membership in each organization listed (others are left out)
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 500 INTERNAL
   */
  listOrganizations(
    args?: { query?: ListOrganizationsQuery },
    options?: CallOptions,
  ): Promise<S.OrganizationList>

  /**
   * Invite and remove members, create service accounts
   *
   * All in one transaction. People are invited, not added: each gets an invitation into the
   * named groups (at least one), valid 7 days, whose link is returned in `invitations`
   * (invite_url). Gatehouse sends no mail (it has no mail server): deliver the links yourself;
   * `send_email_error` is always null. Service accounts become members at once and join the
   * named groups; with `token_name` their first service token is returned in `added_users`
   * (`api_key`, shown once). Removing a member takes them out of every group, drops their
   * direct grants and revokes their keys in this organization; the organization keeps at least
   * one owner.
   *
   * `PATCH /v1/organization/members`. Needs: create on org_member to invite (only into groups
   * whose grants you hold), delete on org_member to remove; to create service accounts, owner
   * from a session or an owner-level service token (with token_name, a service token only where
   * service_tokens_can_mint is on), never an API key, never impersonated
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED, INVITATION_NEEDS_GROUP,
   * EMAIL_INVALID; 401 UNAUTHENTICATED; 403 PERMISSION_DENIED, GRANT_EXCEEDS_CALLER,
   * LAST_OWNER, OWNER_REQUIRED, API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT,
   * API_KEY_CANNOT_CREATE_SERVICE_TOKEN, IMPERSONATION_CANNOT_MINT,
   * SERVICE_TOKEN_MINTING_DISABLED; 404 ORG_NOT_FOUND, GROUP_NOT_FOUND, USER_NOT_FOUND; 409
   * ALREADY_MEMBER; 500 INTERNAL
   */
  updateOrganizationMembers(
    args: { body: S.PatchOrganizationMembers },
    options?: CallOptions,
  ): Promise<S.PatchOrganizationMembersOutput>

  /**
   * Get an organization
   *
   * `GET /v1/organization/{organization_id}`. Needs: membership in the organization
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 404 ORG_NOT_FOUND;
   * 500 INTERNAL
   */
  getOrganization(
    args: { params: GetOrganizationParams },
    options?: CallOptions,
  ): Promise<S.Organization>

  /**
   * Partially update an organization
   *
   * Fields left out or null keep their value. direct_ownership_grants and
   * service_tokens_can_mint govern credentials and who may do what, so only an owner may set
   * them, and only from the owner's own browser session: an API key, a service token or an
   * impersonated request gets 403, so that a credential cannot re-open what an owner closed.
   *
   * `PATCH /v1/organization/{organization_id}`. Needs: update on the organization; for
   * direct_ownership_grants and service_tokens_can_mint, owner, from the owner's own session
   * only (never an API key, a service token or impersonated)
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED, CREDENTIAL_SETTING_NEEDS_SESSION, OWNER_ONLY_SETTING; 404 ORG_NOT_FOUND;
   * 409 ORG_NAME_TAKEN; 500 INTERNAL
   */
  updateOrganization(
    args: { params: UpdateOrganizationParams; body: S.PatchOrganization },
    options?: CallOptions,
  ): Promise<S.Organization>

  /**
   * List the organization's pending invitations, newest first
   *
   * Pending: neither accepted, revoked nor expired. Tokens are never returned.
   *
   * `GET /v1/invitation`. Needs: read on org_member
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 ORG_NOT_FOUND; 500 INTERNAL
   */
  listInvitations(
    args?: { query?: ListInvitationsQuery },
    options?: CallOptions,
  ): Promise<S.InvitationList>

  /**
   * Revoke a pending invitation, so that its link stops working
   *
   * `DELETE /v1/invitation/{invitation_id}`. Needs: delete on org_member
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 INVITATION_NOT_FOUND; 500 INTERNAL
   */
  revokeInvitation(
    args: { params: RevokeInvitationParams },
    options?: CallOptions,
  ): Promise<S.Invitation>

  /**
   * What an invitation link leads to
   *
   * For the page behind /invite/{token}: the organization, the invited email and whether an
   * account with that email exists (sign in to accept) or not (choose a password). Unknown,
   * used, revoked and expired tokens get the same 404.
   *
   * `POST /v1/invitation/preview`. Needs: none: the token is the credential
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 404
   * INVITATION_NOT_FOUND; 500 INTERNAL
   */
  previewInvitation(
    args: { body: S.InvitationTokenRequest },
    options?: CallOptions,
  ): Promise<S.InvitationPreview>

  /**
   * Accept an invitation (once)
   *
   * When no account has the invited email, send `password`: the account is created and joins
   * the organization. This does not log the new user in: `POST /auth/login` next. When the
   * account exists, accept from its own session (cookie and CSRF token), not impersonated; any
   * other caller gets the same 404 as for an unknown token.
   *
   * `POST /v1/invitation/accept`. Needs: none for a new account (the token is the credential);
   * the invitee's own session otherwise
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG;
   * 401 UNAUTHENTICATED; 404 INVITATION_NOT_FOUND; 409 ALREADY_MEMBER; 500 INTERNAL
   */
  acceptInvitation(
    args: { body: S.AcceptInvitation },
    options?: CallOptions,
  ): Promise<S.AcceptInvitationOutput>

  /**
   * List the members of your organization, newest first
   *
   * People and service accounts. `email` may repeat to match any of several addresses;
   * `given_name` and `family_name` match exactly. Gatehouse extensions: `kind`,
   * `last_active_at` (the latest browser session activity) and `q`, a search in the email and
   * the full name that pages like the whole list.
   *
   * `GET /v1/user`. Needs: membership in the organization
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 404
   * ORG_NOT_FOUND; 500 INTERNAL
   */
  listUsers(args?: { query?: ListUsersQuery }, options?: CallOptions): Promise<S.UserList>

  /**
   * Get a user who shares an organization with you
   *
   * Within the organization a key or token is bound to; yourself always.
   *
   * `GET /v1/user/{user_id}`. Needs: membership in an organization the user belongs to
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 404 USER_NOT_FOUND;
   * 500 INTERNAL
   */
  getUser(args: { params: GetUserParams }, options?: CallOptions): Promise<S.User>

  /**
   * List the projects you can read, newest first
   *
   * `GET /v1/project`. Needs: read on each project listed (others are left out)
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 404
   * ORG_NOT_FOUND; 500 INTERNAL
   */
  listProjects(args?: { query?: ListProjectsQuery }, options?: CallOptions): Promise<S.ProjectList>

  /**
   * Create a project, or return the live project of that name unchanged
   *
   * `POST /v1/project`. Needs: create on org_project (all projects)
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 ORG_NOT_FOUND; 500 INTERNAL
   */
  createProject(args: { body: S.CreateProject }, options?: CallOptions): Promise<S.Project>

  /**
   * Get a project
   *
   * `GET /v1/project/{project_id}`. Needs: read on the project
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 PROJECT_NOT_FOUND; 500 INTERNAL
   */
  getProject(args: { params: GetProjectParams }, options?: CallOptions): Promise<S.Project>

  /**
   * Rename a project or merge into its settings
   *
   * `PATCH /v1/project/{project_id}`. Needs: update on the project
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 PROJECT_NOT_FOUND; 409 NAME_TAKEN; 500 INTERNAL
   */
  updateProject(
    args: { params: UpdateProjectParams; body: S.PatchProject },
    options?: CallOptions,
  ): Promise<S.Project>

  /**
   * Delete a project (soft delete)
   *
   * `DELETE /v1/project/{project_id}`. Needs: delete on the project
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 PROJECT_NOT_FOUND; 500 INTERNAL
   */
  deleteProject(args: { params: DeleteProjectParams }, options?: CallOptions): Promise<S.Project>

  /**
   * List the permission groups you can read, newest first
   *
   * `GET /v1/group`. Needs: read on each group listed, or membership in it (others are left
   * out)
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 404
   * ORG_NOT_FOUND; 500 INTERNAL
   */
  listGroups(args?: { query?: ListGroupsQuery }, options?: CallOptions): Promise<S.GroupList>

  /**
   * Create a custom group, or return the live group of that name unchanged
   *
   * `POST /v1/group`. Needs: create on the organization (groups); update on each member group;
   * Enterprise plan
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED, PLAN_CUSTOM_GROUPS; 404 ORG_NOT_FOUND, USER_NOT_FOUND, GROUP_NOT_FOUND;
   * 500 INTERNAL
   */
  createGroup(args: { body: S.CreateGroup }, options?: CallOptions): Promise<S.Group>

  /**
   * Create a group, or replace the live group of that name
   *
   * `PUT /v1/group`. Needs: create on the organization (groups) to create; update on the group
   * to replace
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED, GROUP_CYCLE; 401
   * UNAUTHENTICATED; 403 PERMISSION_DENIED, PLAN_CUSTOM_GROUPS, GRANT_EXCEEDS_CALLER,
   * LAST_OWNER; 404 ORG_NOT_FOUND, USER_NOT_FOUND, GROUP_NOT_FOUND; 500 INTERNAL
   */
  replaceGroup(args: { body: S.CreateGroup }, options?: CallOptions): Promise<S.Group>

  /**
   * Get a group
   *
   * `GET /v1/group/{group_id}`. Needs: read on the group, or membership in it
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 GROUP_NOT_FOUND; 500 INTERNAL
   */
  getGroup(args: { params: GetGroupParams }, options?: CallOptions): Promise<S.Group>

  /**
   * Rename a group, change its description, add or remove members
   *
   * `PATCH /v1/group/{group_id}`. Needs: update on the group (and on each member group added)
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, GROUP_CYCLE; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED, BUILTIN_GROUP_IMMUTABLE, GRANT_EXCEEDS_CALLER, LAST_OWNER; 404
   * GROUP_NOT_FOUND, USER_NOT_FOUND; 409 NAME_TAKEN; 500 INTERNAL
   */
  updateGroup(
    args: { params: UpdateGroupParams; body: S.PatchGroup },
    options?: CallOptions,
  ): Promise<S.Group>

  /**
   * Delete a custom group (soft delete)
   *
   * `DELETE /v1/group/{group_id}`. Needs: delete on the group
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED, BUILTIN_GROUP_IMMUTABLE, LAST_OWNER; 404 GROUP_NOT_FOUND; 500 INTERNAL
   */
  deleteGroup(args: { params: DeleteGroupParams }, options?: CallOptions): Promise<S.Group>

  /**
   * List the system roles and the roles you can read, newest first
   *
   * `GET /v1/role`. Needs: membership for system roles; read on each org role listed
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 404
   * ORG_NOT_FOUND; 500 INTERNAL
   */
  listRoles(args?: { query?: ListRolesQuery }, options?: CallOptions): Promise<S.RoleList>

  /**
   * Create a role, or return the role of that name unchanged
   *
   * `POST /v1/role`. Needs: create on the organization (roles)
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 ORG_NOT_FOUND, ROLE_NOT_FOUND; 500 INTERNAL
   */
  createRole(args: { body: S.CreateRole }, options?: CallOptions): Promise<S.Role>

  /**
   * Create a role, or replace the org role of that name
   *
   * `PUT /v1/role`. Needs: create on the organization (roles) to create; update on the role to
   * replace
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED, ROLE_CYCLE; 401
   * UNAUTHENTICATED; 403 PERMISSION_DENIED, SYSTEM_ROLE_IMMUTABLE, GRANT_EXCEEDS_CALLER,
   * LAST_OWNER; 404 ORG_NOT_FOUND, ROLE_NOT_FOUND; 500 INTERNAL
   */
  replaceRole(args: { body: S.CreateRole }, options?: CallOptions): Promise<S.Role>

  /**
   * Get a role (system roles are readable by every member)
   *
   * `GET /v1/role/{role_id}`. Needs: read on the role (none for a system role)
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 ROLE_NOT_FOUND; 500 INTERNAL
   */
  getRole(args: { params: GetRoleParams }, options?: CallOptions): Promise<S.Role>

  /**
   * Rename a role, change its description, add or remove permissions and inherited roles
   *
   * `PATCH /v1/role/{role_id}`. Needs: update on the role; system roles cannot change
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ROLE_CYCLE; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED, SYSTEM_ROLE_IMMUTABLE, GRANT_EXCEEDS_CALLER, LAST_OWNER; 404
   * ROLE_NOT_FOUND; 409 NAME_TAKEN; 500 INTERNAL
   */
  updateRole(
    args: { params: UpdateRoleParams; body: S.PatchRole },
    options?: CallOptions,
  ): Promise<S.Role>

  /**
   * Delete an org role (soft delete); ACLs naming it stop granting
   *
   * `DELETE /v1/role/{role_id}`. Needs: delete on the role; system roles cannot be deleted
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED, SYSTEM_ROLE_IMMUTABLE, LAST_OWNER; 404 ROLE_NOT_FOUND; 500 INTERNAL
   */
  deleteRole(args: { params: DeleteRoleParams }, options?: CallOptions): Promise<S.Role>

  /**
   * Add and remove ACLs in one transaction: all of it applies or none of it does
   *
   * `POST /v1/acl/batch_update`. Needs: create_acls on each object added to, delete_acls on
   * each removed from
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED, ACL_SUBJECT_INVALID,
   * ACL_GRANT_INVALID, ACL_RESTRICT_WITH_ROLE; 401 UNAUTHENTICATED; 403 PERMISSION_DENIED,
   * PLAN_PROJECT_GROUP_GRANTS, PLAN_GROUP_MANAGE_ACCESS, GRANT_EXCEEDS_CALLER, LAST_OWNER; 404
   * ORG_NOT_FOUND, PROJECT_NOT_FOUND, GROUP_NOT_FOUND, ROLE_NOT_FOUND, OBJECT_NOT_FOUND,
   * USER_NOT_FOUND; 500 INTERNAL
   */
  batchUpdateAcls(
    args: { body: S.AclBatchUpdateRequest },
    options?: CallOptions,
  ): Promise<S.AclBatchUpdateResponse>

  /**
   * Every ACL of the organization, newest first (a bare array, as the reference API's)
   *
   * `GET /v1/acl/list_org`. Needs: read_acls on the organization
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 ORG_NOT_FOUND; 500 INTERNAL
   */
  listOrgAcls(args?: { query?: ListOrgAclsQuery }, options?: CallOptions): Promise<S.Acl[]>

  /**
   * What a member may do on an object, and every grant behind it
   *
   * `POST /v1/acl/explain`. Needs: read_acls on the object to explain someone else; any
   * permission on it to explain yourself
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 ORG_NOT_FOUND, PROJECT_NOT_FOUND, GROUP_NOT_FOUND, ROLE_NOT_FOUND,
   * OBJECT_NOT_FOUND, USER_NOT_FOUND; 500 INTERNAL
   */
  explainAccess(
    args: { body: S.AclExplainRequest },
    options?: CallOptions,
  ): Promise<S.AclExplainResponse>

  /**
   * List the ACLs on one object, newest first
   *
   * `GET /v1/acl`. Needs: read_acls on the object
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 ORG_NOT_FOUND, PROJECT_NOT_FOUND, GROUP_NOT_FOUND, ROLE_NOT_FOUND,
   * OBJECT_NOT_FOUND; 500 INTERNAL
   */
  listAcls(args: { query: ListAclsQuery }, options?: CallOptions): Promise<S.AclList>

  /**
   * Create an ACL, or return the identical ACL unchanged
   *
   * `POST /v1/acl`. Needs: create_acls on the object, and every permission conferred held by
   * the caller there
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED, ACL_SUBJECT_INVALID,
   * ACL_GRANT_INVALID, ACL_RESTRICT_WITH_ROLE; 401 UNAUTHENTICATED; 403 PERMISSION_DENIED,
   * PLAN_PROJECT_GROUP_GRANTS, PLAN_GROUP_MANAGE_ACCESS, GRANT_EXCEEDS_CALLER; 404
   * ORG_NOT_FOUND, PROJECT_NOT_FOUND, GROUP_NOT_FOUND, ROLE_NOT_FOUND, OBJECT_NOT_FOUND,
   * USER_NOT_FOUND; 500 INTERNAL
   */
  createAcl(args: { body: S.AclItem }, options?: CallOptions): Promise<S.Acl>

  /**
   * Delete the ACL with exactly this content
   *
   * `DELETE /v1/acl`. Needs: delete_acls on the object
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED, ACL_SUBJECT_INVALID,
   * ACL_GRANT_INVALID, ACL_RESTRICT_WITH_ROLE; 401 UNAUTHENTICATED; 403 PERMISSION_DENIED,
   * LAST_OWNER; 404 ORG_NOT_FOUND, PROJECT_NOT_FOUND, GROUP_NOT_FOUND, ROLE_NOT_FOUND,
   * OBJECT_NOT_FOUND, ACL_NOT_FOUND; 500 INTERNAL
   */
  deleteAclByContent(args: { body: S.AclItem }, options?: CallOptions): Promise<S.Acl>

  /**
   * Get an ACL
   *
   * `GET /v1/acl/{acl_id}`. Needs: read_acls on the ACL's object
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 ACL_NOT_FOUND; 500 INTERNAL
   */
  getAcl(args: { params: GetAclParams }, options?: CallOptions): Promise<S.Acl>

  /**
   * Delete an ACL
   *
   * `DELETE /v1/acl/{acl_id}`. Needs: delete_acls on the ACL's object
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED, LAST_OWNER; 404 ACL_NOT_FOUND; 500 INTERNAL
   */
  deleteAcl(args: { params: DeleteAclParams }, options?: CallOptions): Promise<S.Acl>

  /**
   * List your own API keys, or with scope=org every key in the org (owners)
   *
   * Newest first, metadata only. `scope=org` is the org-wide inventory for owners: every
   * member's keys, revoked ones included (with revoked_at), with last_used_at.
   *
   * `GET /v1/api_key`. Needs: none for your own keys; owner of the org for scope=org
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * OWNER_ONLY_KEY_INVENTORY; 404 ORG_NOT_FOUND; 500 INTERNAL
   */
  listApiKeys(args?: { query?: ListApiKeysQuery }, options?: CallOptions): Promise<S.ApiKeyList>

  /**
   * Create a personal API key: returns its secret this one time
   *
   * Only an interactive session that is not impersonating may create API keys: credentials
   * never mint credentials (403 `API keys cannot create API keys`, `Service tokens cannot
   * create API keys`).
   *
   * `POST /v1/api_key`. Needs: membership of the org, from a browser session only: API keys,
   * service tokens and impersonated requests get 403
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * API_KEY_CANNOT_CREATE_API_KEY, SERVICE_TOKEN_CANNOT_CREATE_API_KEY,
   * IMPERSONATION_CANNOT_MINT, PERMISSION_DENIED; 404 ORG_NOT_FOUND; 500 INTERNAL
   */
  createApiKey(args: { body: S.CreateApiKey }, options?: CallOptions): Promise<S.CreateApiKeyOutput>

  /**
   * Get an API key (your own, or any key of an org you own)
   *
   * `GET /v1/api_key/{api_key_id}`. Needs: the key's owner, or owner of the key's org
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 404
   * API_KEY_NOT_FOUND; 500 INTERNAL
   */
  getApiKey(args: { params: GetApiKeyParams }, options?: CallOptions): Promise<S.ApiKey>

  /**
   * Revoke an API key: it stops working on the next request
   *
   * `DELETE /v1/api_key/{api_key_id}`. Needs: the key's owner, or owner of the key's org
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 404
   * API_KEY_NOT_FOUND; 500 INTERNAL
   */
  deleteApiKey(args: { params: DeleteApiKeyParams }, options?: CallOptions): Promise<S.ApiKey>

  /**
   * List the org's live service tokens, newest first
   *
   * `GET /v1/service_token`. Needs: owner of the org
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * OWNER_REQUIRED; 404 ORG_NOT_FOUND; 500 INTERNAL
   */
  listServiceTokens(
    args?: { query?: ListServiceTokensQuery },
    options?: CallOptions,
  ): Promise<S.ServiceTokenList>

  /**
   * Create a service token for a service account: returns its secret this one time
   *
   * `POST /v1/service_token`. Needs: owner of the org, from a session or (where
   * service_tokens_can_mint is on) an owner-level service token; never a user API key, never
   * impersonated
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * API_KEY_CANNOT_CREATE_SERVICE_TOKEN, IMPERSONATION_CANNOT_MINT,
   * SERVICE_TOKEN_MINTING_DISABLED, OWNER_REQUIRED, PERMISSION_DENIED; 404 ORG_NOT_FOUND,
   * SERVICE_ACCOUNT_NOT_FOUND; 500 INTERNAL
   */
  createServiceToken(
    args: { body: S.CreateServiceToken },
    options?: CallOptions,
  ): Promise<S.CreateServiceTokenOutput>

  /**
   * Create or replace by name: revokes the account's live tokens of that name
   *
   * x-bt-found-existing: true when live tokens of that name were replaced.
   *
   * `PUT /v1/service_token`. Needs: owner of the org, from a session or (where
   * service_tokens_can_mint is on) an owner-level service token; never a user API key, never
   * impersonated
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * API_KEY_CANNOT_CREATE_SERVICE_TOKEN, IMPERSONATION_CANNOT_MINT,
   * SERVICE_TOKEN_MINTING_DISABLED, OWNER_REQUIRED, PERMISSION_DENIED; 404 ORG_NOT_FOUND,
   * SERVICE_ACCOUNT_NOT_FOUND; 500 INTERNAL
   */
  replaceServiceToken(
    args: { body: S.CreateServiceToken },
    options?: CallOptions,
  ): Promise<S.CreateServiceTokenOutput>

  /**
   * Revoke a service token named in the body
   *
   * `DELETE /v1/service_token`. Needs: owner of the token's org
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403 OWNER_REQUIRED;
   * 404 SERVICE_TOKEN_NOT_FOUND; 500 INTERNAL
   */
  deleteServiceTokenByBody(
    args: { body: S.DeleteServiceToken },
    options?: CallOptions,
  ): Promise<S.ServiceToken>

  /**
   * Get a service token
   *
   * `GET /v1/service_token/{service_token_id}`. Needs: owner of the token's org
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403 OWNER_REQUIRED;
   * 404 SERVICE_TOKEN_NOT_FOUND; 500 INTERNAL
   */
  getServiceToken(
    args: { params: GetServiceTokenParams },
    options?: CallOptions,
  ): Promise<S.ServiceToken>

  /**
   * Revoke a service token: it stops working on the next request
   *
   * `DELETE /v1/service_token/{service_token_id}`. Needs: owner of the token's org
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403 OWNER_REQUIRED;
   * 404 SERVICE_TOKEN_NOT_FOUND; 500 INTERNAL
   */
  deleteServiceToken(
    args: { params: DeleteServiceTokenParams },
    options?: CallOptions,
  ): Promise<S.ServiceToken>

  /**
   * Create a service account, optionally with its first service token
   *
   * The account becomes a member of the organization with no permissions: add it to groups
   * (Enterprise) or grant it permissions with ACLs (Starter, Pro). With `token_name`, its first
   * service token is returned with the secret in `token.key`, this one time. Owners only, from
   * a session or an owner-level service token; never from an API key or an impersonated
   * request. With `token_name`, an owner-level service token also needs the organization to let
   * service tokens create service tokens (service_tokens_can_mint).
   *
   * `POST /v1/service_account`. Needs: owner of the organization, from a session or an
   * owner-level service token (with token_name, a service token only where
   * service_tokens_can_mint is on); never an API key, never impersonated
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * OWNER_REQUIRED, API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT, API_KEY_CANNOT_CREATE_SERVICE_TOKEN,
   * IMPERSONATION_CANNOT_MINT, SERVICE_TOKEN_MINTING_DISABLED; 404 ORG_NOT_FOUND; 500 INTERNAL
   */
  createServiceAccount(
    args: { body: S.CreateServiceAccount },
    options?: CallOptions,
  ): Promise<S.CreateServiceAccountOutput>

  /**
   * List the organization's service accounts, newest first
   *
   * `GET /v1/service_account`. Needs: owner of the organization
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * OWNER_REQUIRED; 404 ORG_NOT_FOUND; 500 INTERNAL
   */
  listServiceAccounts(
    args?: { query?: ListServiceAccountsQuery },
    options?: CallOptions,
  ): Promise<S.ServiceAccountList>

  /**
   * Delete a service account and revoke all its tokens
   *
   * It leaves the organization, its groups and its direct grants; its tokens stop working at
   * once.
   *
   * `DELETE /v1/service_account/{service_account_id}`. Needs: owner of the organization
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 403 OWNER_REQUIRED;
   * 404 SERVICE_ACCOUNT_NOT_FOUND; 500 INTERNAL
   */
  deleteServiceAccount(
    args: { params: DeleteServiceAccountParams },
    options?: CallOptions,
  ): Promise<S.ServiceAccount>

  /**
   * List the org's audit events, newest first
   *
   * Every change and every refusal, with actor, credential, impersonator and before/after.
   * `since` is inclusive, `until` exclusive.
   *
   * `GET /v1/audit_log`. Needs: read on org_audit_logs
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 403
   * PERMISSION_DENIED; 404 ORG_NOT_FOUND; 500 INTERNAL
   */
  listAuditLog(
    args?: { query?: ListAuditLogQuery },
    options?: CallOptions,
  ): Promise<S.AuditEventList>

  /**
   * Decide what the caller may do: one answer per check
   *
   * What a data plane calls with its end user's credential (or a service token): up to 100
   * checks in `checks`, or one check with its fields at the top level (then `allowed` is the
   * answer too). Child objects name their project in project_id. An object that is not a live
   * object of the caller's org is denied, never reported. With explain: true, each answer lists
   * its grants.
   *
   * `POST /v1/authorize`. Needs: membership of the org (each check is answered, not enforced)
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED, ORG_REQUIRED; 401 UNAUTHENTICATED; 404
   * ORG_NOT_FOUND; 500 INTERNAL
   */
  authorize(args: { body: S.AuthorizeRequest }, options?: CallOptions): Promise<S.AuthorizeResponse>

  /**
   * The orgs an API key or service token can act in (Braintrust SDK login)
   *
   * Send the key as `Authorization: Bearer <key>`; older SDKs send `{ "token": "<key>" }` in
   * the body, which is authenticated the same way. A key bound to one org lists that org. Each
   * org's `api_url` is its own setting, else the server's GATEHOUSE_PUBLIC_URL, else the origin
   * this request was sent to.
   *
   * `POST /api/apikey/login`. Needs: a valid credential, in the Authorization header or as
   * body.token
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 404 USER_NOT_FOUND;
   * 500 INTERNAL
   */
  apiKeyLogin(
    args?: { body?: S.ApiKeyLoginRequest },
    options?: CallOptions,
  ): Promise<S.ApiKeyLoginResponse>

  /**
   * Who the caller is, and its orgs (Braintrust SDK introspection)
   *
   * `POST /api/self/me`. Needs: none (any valid credential)
   *
   * @throws {GatehouseApiError} 400 VALIDATION_FAILED; 401 UNAUTHENTICATED; 404 USER_NOT_FOUND;
   * 500 INTERNAL
   */
  selfMe(args?: { body?: S.SelfMeRequest }, options?: CallOptions): Promise<S.SelfMeResponse>
}

/** How to call each operation: the table createApi builds its methods from. */
export const OPERATIONS = {
  healthz: {
    method: 'GET',
    path: '/healthz',
    params: [],
    query: [],
    body: 'none',
    errors: {},
  },
  readyz: {
    method: 'GET',
    path: '/readyz',
    params: [],
    query: [],
    body: 'none',
    errors: { 400: ['VALIDATION_FAILED'], 401: ['UNAUTHENTICATED'], 500: ['INTERNAL'] },
  },
  login: {
    method: 'POST',
    path: '/auth/login',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'PASSWORD_TOO_LONG'],
      401: ['UNAUTHENTICATED'],
      429: ['RATE_LIMITED'],
      500: ['INTERNAL'],
    },
  },
  logout: {
    method: 'POST',
    path: '/auth/logout',
    params: [],
    query: [],
    body: 'none',
    errors: { 400: ['VALIDATION_FAILED'], 401: ['UNAUTHENTICATED'], 500: ['INTERNAL'] },
  },
  getSession: {
    method: 'GET',
    path: '/auth/session',
    params: [],
    query: [],
    body: 'none',
    errors: { 400: ['VALIDATION_FAILED'], 401: ['UNAUTHENTICATED'], 500: ['INTERNAL'] },
  },
  changePassword: {
    method: 'POST',
    path: '/auth/password',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED', 'IMPERSONATION_CANNOT_CHANGE_IDENTITY'],
      500: ['INTERNAL'],
    },
  },
  setup: {
    method: 'POST',
    path: '/auth/setup',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'EMAIL_INVALID', 'PASSWORD_TOO_SHORT'],
      401: ['UNAUTHENTICATED'],
      404: ['SETUP_NOT_AVAILABLE'],
      409: ['ORG_NAME_TAKEN'],
      500: ['INTERNAL'],
    },
  },
  listOrganizations: {
    method: 'GET',
    path: '/v1/organization',
    params: [],
    query: ['limit', 'starting_after', 'ending_before', 'ids', 'org_name'],
    body: 'none',
    errors: { 400: ['VALIDATION_FAILED'], 401: ['UNAUTHENTICATED'], 500: ['INTERNAL'] },
  },
  updateOrganizationMembers: {
    method: 'PATCH',
    path: '/v1/organization/members',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED', 'INVITATION_NEEDS_GROUP', 'EMAIL_INVALID'],
      401: ['UNAUTHENTICATED'],
      403: [
        'PERMISSION_DENIED',
        'GRANT_EXCEEDS_CALLER',
        'LAST_OWNER',
        'OWNER_REQUIRED',
        'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT',
        'API_KEY_CANNOT_CREATE_SERVICE_TOKEN',
        'IMPERSONATION_CANNOT_MINT',
        'SERVICE_TOKEN_MINTING_DISABLED',
      ],
      404: ['ORG_NOT_FOUND', 'GROUP_NOT_FOUND', 'USER_NOT_FOUND'],
      409: ['ALREADY_MEMBER'],
      500: ['INTERNAL'],
    },
  },
  getOrganization: {
    method: 'GET',
    path: '/v1/organization/{organization_id}',
    params: ['organization_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  updateOrganization: {
    method: 'PATCH',
    path: '/v1/organization/{organization_id}',
    params: ['organization_id'],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED', 'CREDENTIAL_SETTING_NEEDS_SESSION', 'OWNER_ONLY_SETTING'],
      404: ['ORG_NOT_FOUND'],
      409: ['ORG_NAME_TAKEN'],
      500: ['INTERNAL'],
    },
  },
  listInvitations: {
    method: 'GET',
    path: '/v1/invitation',
    params: [],
    query: ['limit', 'starting_after', 'ending_before', 'ids', 'q', 'org_name'],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  revokeInvitation: {
    method: 'DELETE',
    path: '/v1/invitation/{invitation_id}',
    params: ['invitation_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: ['INVITATION_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  previewInvitation: {
    method: 'POST',
    path: '/v1/invitation/preview',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      404: ['INVITATION_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  acceptInvitation: {
    method: 'POST',
    path: '/v1/invitation/accept',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG'],
      401: ['UNAUTHENTICATED'],
      404: ['INVITATION_NOT_FOUND'],
      409: ['ALREADY_MEMBER'],
      500: ['INTERNAL'],
    },
  },
  listUsers: {
    method: 'GET',
    path: '/v1/user',
    params: [],
    query: [
      'limit',
      'starting_after',
      'ending_before',
      'ids',
      'q',
      'given_name',
      'family_name',
      'email',
      'org_name',
    ],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  getUser: {
    method: 'GET',
    path: '/v1/user/{user_id}',
    params: ['user_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      404: ['USER_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  listProjects: {
    method: 'GET',
    path: '/v1/project',
    params: [],
    query: ['limit', 'starting_after', 'ending_before', 'ids', 'q', 'project_name', 'org_name'],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  createProject: {
    method: 'POST',
    path: '/v1/project',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  getProject: {
    method: 'GET',
    path: '/v1/project/{project_id}',
    params: ['project_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: ['PROJECT_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  updateProject: {
    method: 'PATCH',
    path: '/v1/project/{project_id}',
    params: ['project_id'],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: ['PROJECT_NOT_FOUND'],
      409: ['NAME_TAKEN'],
      500: ['INTERNAL'],
    },
  },
  deleteProject: {
    method: 'DELETE',
    path: '/v1/project/{project_id}',
    params: ['project_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: ['PROJECT_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  listGroups: {
    method: 'GET',
    path: '/v1/group',
    params: [],
    query: ['limit', 'starting_after', 'ending_before', 'ids', 'q', 'group_name', 'org_name'],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  createGroup: {
    method: 'POST',
    path: '/v1/group',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED', 'PLAN_CUSTOM_GROUPS'],
      404: ['ORG_NOT_FOUND', 'USER_NOT_FOUND', 'GROUP_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  replaceGroup: {
    method: 'PUT',
    path: '/v1/group',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED', 'GROUP_CYCLE'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED', 'PLAN_CUSTOM_GROUPS', 'GRANT_EXCEEDS_CALLER', 'LAST_OWNER'],
      404: ['ORG_NOT_FOUND', 'USER_NOT_FOUND', 'GROUP_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  getGroup: {
    method: 'GET',
    path: '/v1/group/{group_id}',
    params: ['group_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: ['GROUP_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  updateGroup: {
    method: 'PATCH',
    path: '/v1/group/{group_id}',
    params: ['group_id'],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'GROUP_CYCLE'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED', 'BUILTIN_GROUP_IMMUTABLE', 'GRANT_EXCEEDS_CALLER', 'LAST_OWNER'],
      404: ['GROUP_NOT_FOUND', 'USER_NOT_FOUND'],
      409: ['NAME_TAKEN'],
      500: ['INTERNAL'],
    },
  },
  deleteGroup: {
    method: 'DELETE',
    path: '/v1/group/{group_id}',
    params: ['group_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED', 'BUILTIN_GROUP_IMMUTABLE', 'LAST_OWNER'],
      404: ['GROUP_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  listRoles: {
    method: 'GET',
    path: '/v1/role',
    params: [],
    query: ['limit', 'starting_after', 'ending_before', 'ids', 'q', 'role_name', 'org_name'],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  createRole: {
    method: 'POST',
    path: '/v1/role',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: ['ORG_NOT_FOUND', 'ROLE_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  replaceRole: {
    method: 'PUT',
    path: '/v1/role',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED', 'ROLE_CYCLE'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED', 'SYSTEM_ROLE_IMMUTABLE', 'GRANT_EXCEEDS_CALLER', 'LAST_OWNER'],
      404: ['ORG_NOT_FOUND', 'ROLE_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  getRole: {
    method: 'GET',
    path: '/v1/role/{role_id}',
    params: ['role_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: ['ROLE_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  updateRole: {
    method: 'PATCH',
    path: '/v1/role/{role_id}',
    params: ['role_id'],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'ROLE_CYCLE'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED', 'SYSTEM_ROLE_IMMUTABLE', 'GRANT_EXCEEDS_CALLER', 'LAST_OWNER'],
      404: ['ROLE_NOT_FOUND'],
      409: ['NAME_TAKEN'],
      500: ['INTERNAL'],
    },
  },
  deleteRole: {
    method: 'DELETE',
    path: '/v1/role/{role_id}',
    params: ['role_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED', 'SYSTEM_ROLE_IMMUTABLE', 'LAST_OWNER'],
      404: ['ROLE_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  batchUpdateAcls: {
    method: 'POST',
    path: '/v1/acl/batch_update',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: [
        'VALIDATION_FAILED',
        'ORG_REQUIRED',
        'ACL_SUBJECT_INVALID',
        'ACL_GRANT_INVALID',
        'ACL_RESTRICT_WITH_ROLE',
      ],
      401: ['UNAUTHENTICATED'],
      403: [
        'PERMISSION_DENIED',
        'PLAN_PROJECT_GROUP_GRANTS',
        'PLAN_GROUP_MANAGE_ACCESS',
        'GRANT_EXCEEDS_CALLER',
        'LAST_OWNER',
      ],
      404: [
        'ORG_NOT_FOUND',
        'PROJECT_NOT_FOUND',
        'GROUP_NOT_FOUND',
        'ROLE_NOT_FOUND',
        'OBJECT_NOT_FOUND',
        'USER_NOT_FOUND',
      ],
      500: ['INTERNAL'],
    },
  },
  listOrgAcls: {
    method: 'GET',
    path: '/v1/acl/list_org',
    params: [],
    query: [
      'limit',
      'starting_after',
      'ending_before',
      'ids',
      'object_type',
      'object_id',
      'org_name',
      'user_id',
      'group_id',
      'permission',
      'restrict_object_type',
      'role_id',
    ],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  explainAccess: {
    method: 'POST',
    path: '/v1/acl/explain',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: [
        'ORG_NOT_FOUND',
        'PROJECT_NOT_FOUND',
        'GROUP_NOT_FOUND',
        'ROLE_NOT_FOUND',
        'OBJECT_NOT_FOUND',
        'USER_NOT_FOUND',
      ],
      500: ['INTERNAL'],
    },
  },
  listAcls: {
    method: 'GET',
    path: '/v1/acl',
    params: [],
    query: [
      'limit',
      'starting_after',
      'ending_before',
      'ids',
      'object_type',
      'object_id',
      'user_id',
      'group_id',
      'permission',
      'restrict_object_type',
      'role_id',
    ],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: [
        'ORG_NOT_FOUND',
        'PROJECT_NOT_FOUND',
        'GROUP_NOT_FOUND',
        'ROLE_NOT_FOUND',
        'OBJECT_NOT_FOUND',
      ],
      500: ['INTERNAL'],
    },
  },
  createAcl: {
    method: 'POST',
    path: '/v1/acl',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: [
        'VALIDATION_FAILED',
        'ORG_REQUIRED',
        'ACL_SUBJECT_INVALID',
        'ACL_GRANT_INVALID',
        'ACL_RESTRICT_WITH_ROLE',
      ],
      401: ['UNAUTHENTICATED'],
      403: [
        'PERMISSION_DENIED',
        'PLAN_PROJECT_GROUP_GRANTS',
        'PLAN_GROUP_MANAGE_ACCESS',
        'GRANT_EXCEEDS_CALLER',
      ],
      404: [
        'ORG_NOT_FOUND',
        'PROJECT_NOT_FOUND',
        'GROUP_NOT_FOUND',
        'ROLE_NOT_FOUND',
        'OBJECT_NOT_FOUND',
        'USER_NOT_FOUND',
      ],
      500: ['INTERNAL'],
    },
  },
  deleteAclByContent: {
    method: 'DELETE',
    path: '/v1/acl',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: [
        'VALIDATION_FAILED',
        'ORG_REQUIRED',
        'ACL_SUBJECT_INVALID',
        'ACL_GRANT_INVALID',
        'ACL_RESTRICT_WITH_ROLE',
      ],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED', 'LAST_OWNER'],
      404: [
        'ORG_NOT_FOUND',
        'PROJECT_NOT_FOUND',
        'GROUP_NOT_FOUND',
        'ROLE_NOT_FOUND',
        'OBJECT_NOT_FOUND',
        'ACL_NOT_FOUND',
      ],
      500: ['INTERNAL'],
    },
  },
  getAcl: {
    method: 'GET',
    path: '/v1/acl/{acl_id}',
    params: ['acl_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: ['ACL_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  deleteAcl: {
    method: 'DELETE',
    path: '/v1/acl/{acl_id}',
    params: ['acl_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED', 'LAST_OWNER'],
      404: ['ACL_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  listApiKeys: {
    method: 'GET',
    path: '/v1/api_key',
    params: [],
    query: [
      'limit',
      'starting_after',
      'ending_before',
      'ids',
      'q',
      'api_key_name',
      'org_name',
      'scope',
    ],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: ['OWNER_ONLY_KEY_INVENTORY'],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  createApiKey: {
    method: 'POST',
    path: '/v1/api_key',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: [
        'API_KEY_CANNOT_CREATE_API_KEY',
        'SERVICE_TOKEN_CANNOT_CREATE_API_KEY',
        'IMPERSONATION_CANNOT_MINT',
        'PERMISSION_DENIED',
      ],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  getApiKey: {
    method: 'GET',
    path: '/v1/api_key/{api_key_id}',
    params: ['api_key_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      404: ['API_KEY_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  deleteApiKey: {
    method: 'DELETE',
    path: '/v1/api_key/{api_key_id}',
    params: ['api_key_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      404: ['API_KEY_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  listServiceTokens: {
    method: 'GET',
    path: '/v1/service_token',
    params: [],
    query: [
      'limit',
      'starting_after',
      'ending_before',
      'ids',
      'q',
      'service_token_name',
      'org_name',
    ],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: ['OWNER_REQUIRED'],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  createServiceToken: {
    method: 'POST',
    path: '/v1/service_token',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: [
        'API_KEY_CANNOT_CREATE_SERVICE_TOKEN',
        'IMPERSONATION_CANNOT_MINT',
        'SERVICE_TOKEN_MINTING_DISABLED',
        'OWNER_REQUIRED',
        'PERMISSION_DENIED',
      ],
      404: ['ORG_NOT_FOUND', 'SERVICE_ACCOUNT_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  replaceServiceToken: {
    method: 'PUT',
    path: '/v1/service_token',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: [
        'API_KEY_CANNOT_CREATE_SERVICE_TOKEN',
        'IMPERSONATION_CANNOT_MINT',
        'SERVICE_TOKEN_MINTING_DISABLED',
        'OWNER_REQUIRED',
        'PERMISSION_DENIED',
      ],
      404: ['ORG_NOT_FOUND', 'SERVICE_ACCOUNT_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  deleteServiceTokenByBody: {
    method: 'DELETE',
    path: '/v1/service_token',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['OWNER_REQUIRED'],
      404: ['SERVICE_TOKEN_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  getServiceToken: {
    method: 'GET',
    path: '/v1/service_token/{service_token_id}',
    params: ['service_token_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['OWNER_REQUIRED'],
      404: ['SERVICE_TOKEN_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  deleteServiceToken: {
    method: 'DELETE',
    path: '/v1/service_token/{service_token_id}',
    params: ['service_token_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['OWNER_REQUIRED'],
      404: ['SERVICE_TOKEN_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  createServiceAccount: {
    method: 'POST',
    path: '/v1/service_account',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: [
        'OWNER_REQUIRED',
        'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT',
        'API_KEY_CANNOT_CREATE_SERVICE_TOKEN',
        'IMPERSONATION_CANNOT_MINT',
        'SERVICE_TOKEN_MINTING_DISABLED',
      ],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  listServiceAccounts: {
    method: 'GET',
    path: '/v1/service_account',
    params: [],
    query: [
      'limit',
      'starting_after',
      'ending_before',
      'ids',
      'q',
      'service_account_name',
      'org_name',
    ],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: ['OWNER_REQUIRED'],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  deleteServiceAccount: {
    method: 'DELETE',
    path: '/v1/service_account/{service_account_id}',
    params: ['service_account_id'],
    query: [],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      403: ['OWNER_REQUIRED'],
      404: ['SERVICE_ACCOUNT_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  listAuditLog: {
    method: 'GET',
    path: '/v1/audit_log',
    params: [],
    query: [
      'limit',
      'starting_after',
      'ending_before',
      'ids',
      'q',
      'org_name',
      'actor_id',
      'action',
      'object_type',
      'object_id',
      'since',
      'until',
    ],
    body: 'none',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      403: ['PERMISSION_DENIED'],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  authorize: {
    method: 'POST',
    path: '/v1/authorize',
    params: [],
    query: [],
    body: 'required',
    errors: {
      400: ['VALIDATION_FAILED', 'ORG_REQUIRED'],
      401: ['UNAUTHENTICATED'],
      404: ['ORG_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  apiKeyLogin: {
    method: 'POST',
    path: '/api/apikey/login',
    params: [],
    query: [],
    body: 'optional',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      404: ['USER_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
  selfMe: {
    method: 'POST',
    path: '/api/self/me',
    params: [],
    query: [],
    body: 'optional',
    errors: {
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHENTICATED'],
      404: ['USER_NOT_FOUND'],
      500: ['INTERNAL'],
    },
  },
} as const satisfies Record<keyof GatehouseApi, OperationSpec>
