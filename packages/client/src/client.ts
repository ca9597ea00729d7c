import { type ClientOptions, createTransport, type Query } from './transport.js'
import type {
  AcceptedInvitation,
  AcceptInvitationInput,
  AccessExplanation,
  Acl,
  AclBatchUpdated,
  AclBatchUpdateInput,
  AclItem,
  AclListOrgQuery,
  AclListQuery,
  ApiKey,
  ApiKeyListQuery,
  AuditEvent,
  AuditLogQuery,
  AuthorizeInput,
  AuthorizeResult,
  ChangePasswordInput,
  CreateApiKeyInput,
  CreatedApiKey,
  CreatedServiceAccount,
  CreatedServiceToken,
  CreateGroupInput,
  CreateProjectInput,
  CreateServiceAccountInput,
  CreateServiceTokenInput,
  Done,
  ExplainInput,
  Group,
  GroupListQuery,
  Invitation,
  InvitationListQuery,
  InvitationPreview,
  LoginInput,
  MembersUpdated,
  Organization,
  OrganizationListQuery,
  PatchGroupInput,
  PatchOrganizationInput,
  PatchProjectInput,
  Project,
  ProjectListQuery,
  Role,
  RoleListQuery,
  ServiceAccount,
  ServiceAccountListQuery,
  ServiceToken,
  ServiceTokenListQuery,
  SessionInfo,
  SetupInput,
  UpdateMembersInput,
  User,
  UserListItem,
  UserListQuery,
} from './types.js'

export { type ClientOptions, queryString } from './transport.js'

/** The value of the readable `gatehouse_csrf` cookie in a `document.cookie` string. */
export function csrfTokenFromCookie(cookie: string, name = 'gatehouse_csrf'): string | undefined {
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim()
      if (value === '') {
        return undefined
      }
      try {
        return decodeURIComponent(value)
      } catch {
        return value
      }
    }
  }
  return undefined
}

const id = (value: string) => encodeURIComponent(value)

/**
 * A typed client of the Gatehouse REST API, one group of methods per resource. Lists return the
 * objects (newest first); every failure is a `GatehouseApiError` carrying the API's own code and
 * message, or code `NETWORK` when the server could not be reached. Browser sessions travel in
 * the same-origin cookie, with the CSRF header on writes; scripts pass `token`.
 */
export function createClient(options: ClientOptions = {}) {
  const transport = createTransport(options)
  const request = <T>(method: string, path: string, init?: { query?: Query; body?: unknown }) =>
    transport(method, path, init) as Promise<T>
  const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query })
  const list = async <T>(path: string, query?: Query) =>
    (await request<{ objects: T[] }>('GET', path, { query })).objects
  const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, { body })
  const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body })
  const del = <T>(path: string) => request<T>('DELETE', path)

  return {
    auth: {
      /** Logs in with email and password; the server sets the session and CSRF cookies. */
      login: (body: LoginInput) => post<SessionInfo>('/auth/login', body),
      /** Ends this session on the server and clears its cookies. */
      logout: () => post<Done>('/auth/logout'),
      /** Who is logged in, and their organizations (with plans). 401 when nobody is. */
      session: () => get<SessionInfo>('/auth/session'),
      /** First run: creates the first organization and its owner, and logs the owner in. */
      setup: (body: SetupInput) => post<SessionInfo>('/auth/setup', body),
      /** Changes the caller's password; their other sessions end. */
      changePassword: (body: ChangePasswordInput) => post<Done>('/auth/password', body),
    },
    organizations: {
      /** The organizations the caller belongs to. */
      list: (query?: OrganizationListQuery) => list<Organization>('/v1/organization', query),
      get: (organizationId: string) => get<Organization>(`/v1/organization/${id(organizationId)}`),
      /** Partially updates an organization (owner-only settings need an owner). */
      patch: (organizationId: string, body: PatchOrganizationInput) =>
        patch<Organization>(`/v1/organization/${id(organizationId)}`, body),
      /** Invites members (into groups), removes members, creates service accounts. */
      updateMembers: (body: UpdateMembersInput) =>
        patch<MembersUpdated>('/v1/organization/members', body),
    },
    invitations: {
      /** The organization's pending invitations. */
      list: (query?: InvitationListQuery) => list<Invitation>('/v1/invitation', query),
      /** Revokes a pending invitation: its link stops working. */
      revoke: (invitationId: string) => del<Invitation>(`/v1/invitation/${id(invitationId)}`),
      /** What an invitation link leads to (no credential needed: the token is one). */
      preview: (token: string) => post<InvitationPreview>('/v1/invitation/preview', { token }),
      /** Accepts an invitation: with a password for a new account, else in the invitee's session. */
      accept: (body: AcceptInvitationInput) =>
        post<AcceptedInvitation>('/v1/invitation/accept', body),
    },
    users: {
      /** Members of the organization (name it with org_name when the caller has several). */
      list: (query?: UserListQuery) => list<UserListItem>('/v1/user', query),
      get: (userId: string) => get<User>(`/v1/user/${id(userId)}`),
    },
    projects: {
      list: (query?: ProjectListQuery) => list<Project>('/v1/project', query),
      /** Creates a project, or returns the live project of that name unchanged. */
      create: (body: CreateProjectInput) => post<Project>('/v1/project', body),
      get: (projectId: string) => get<Project>(`/v1/project/${id(projectId)}`),
      patch: (projectId: string, body: PatchProjectInput) =>
        patch<Project>(`/v1/project/${id(projectId)}`, body),
      delete: (projectId: string) => del<Project>(`/v1/project/${id(projectId)}`),
    },
    groups: {
      list: (query?: GroupListQuery) => list<Group>('/v1/group', query),
      /** Creates a custom group (Enterprise), or returns the live group of that name unchanged. */
      create: (body: CreateGroupInput) => post<Group>('/v1/group', body),
      get: (groupId: string) => get<Group>(`/v1/group/${id(groupId)}`),
      /** Renames a group, changes its description, adds or removes members and member groups. */
      patch: (groupId: string, body: PatchGroupInput) =>
        patch<Group>(`/v1/group/${id(groupId)}`, body),
      delete: (groupId: string) => del<Group>(`/v1/group/${id(groupId)}`),
    },
    roles: {
      /** The system roles (Owner, Engineer, Viewer) and the org's roles. */
      list: (query?: RoleListQuery) => list<Role>('/v1/role', query),
    },
    acls: {
      /** The ACLs on one object. */
      list: (query: AclListQuery) => list<Acl>('/v1/acl', query),
      /** Creates an ACL, or returns the identical ACL unchanged. */
      create: (item: AclItem) => post<Acl>('/v1/acl', item),
      delete: (aclId: string) => del<Acl>(`/v1/acl/${id(aclId)}`),
      /** Adds and removes ACLs in one transaction: all of it applies or none of it does. */
      batchUpdate: (body: AclBatchUpdateInput) =>
        post<AclBatchUpdated>('/v1/acl/batch_update', body),
      /** Every ACL of the organization (the API answers a bare array). */
      listOrg: (query?: AclListOrgQuery) => get<Acl[]>('/v1/acl/list_org', query),
      /** What a member may do on an object, and every grant behind it. */
      explain: (body: ExplainInput) => post<AccessExplanation>('/v1/acl/explain', body),
    },
    apiKeys: {
      /** The caller's own keys, or with `scope: 'org'` every key in the org (owners only). */
      list: (query?: ApiKeyListQuery) => list<ApiKey>('/v1/api_key', query),
      /** Creates a personal API key from a browser session; `key` is the secret, shown once. */
      create: (body: CreateApiKeyInput) => post<CreatedApiKey>('/v1/api_key', body),
      /** Revokes a key: it stops working on the next request. */
      delete: (apiKeyId: string) => del<ApiKey>(`/v1/api_key/${id(apiKeyId)}`),
    },
    serviceAccounts: {
      list: (query?: ServiceAccountListQuery) => list<ServiceAccount>('/v1/service_account', query),
      /** Creates a service account, with its first token when `token_name` is given. */
      create: (body: CreateServiceAccountInput) =>
        post<CreatedServiceAccount>('/v1/service_account', body),
      /** Deletes a service account and revokes all its tokens. */
      delete: (serviceAccountId: string) =>
        del<ServiceAccount>(`/v1/service_account/${id(serviceAccountId)}`),
    },
    serviceTokens: {
      list: (query?: ServiceTokenListQuery) => list<ServiceToken>('/v1/service_token', query),
      /** Creates a service token for a service account; `key` is the secret, shown once. */
      create: (body: CreateServiceTokenInput) =>
        post<CreatedServiceToken>('/v1/service_token', body),
      /** Revokes a service token: it stops working on the next request. */
      delete: (serviceTokenId: string) =>
        del<ServiceToken>(`/v1/service_token/${id(serviceTokenId)}`),
    },
    auditLog: {
      /** The org's audit events, newest first, filtered by actor, action, object or time. */
      list: (query?: AuditLogQuery) => list<AuditEvent>('/v1/audit_log', query),
    },
    /** What the caller may do: one answer per check (with `explain`, the grants behind it). */
    authorize: (body: AuthorizeInput) => post<AuthorizeResult>('/v1/authorize', body),
  }
}

/** The object {@link createClient} returns. */
export type GatehouseClient = ReturnType<typeof createClient>
