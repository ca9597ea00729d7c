import type * as C from '@gatehouse/contract'
import type { z } from 'zod'

/*
 * The wire types, inferred from the contract's zod schemas: the client never restates a shape.
 * Responses and queries are the schemas' output (what the server sends and reads); request
 * bodies are their input (optional and nullable fields may be left out).
 */

export type Permission = z.output<typeof C.Permission>
export type AclObjectType = z.output<typeof C.AclObjectType>
export type Plan = z.output<typeof C.Plan>

export type Organization = z.output<typeof C.Organization>
export type Project = z.output<typeof C.Project>
export type Group = z.output<typeof C.Group>
export type Role = z.output<typeof C.Role>
export type Acl = z.output<typeof C.Acl>
export type User = z.output<typeof C.User>
/** A member as `users.list` returns them: with `kind` and `last_active_at`. */
export type UserListItem = z.output<typeof C.UserListItem>
export type ApiKey = z.output<typeof C.ApiKey>
export type CreatedApiKey = z.output<typeof C.CreateApiKeyOutput>
export type ServiceToken = z.output<typeof C.ServiceToken>
export type CreatedServiceToken = z.output<typeof C.CreateServiceTokenOutput>
export type ServiceAccount = z.output<typeof C.ServiceAccount>
export type CreatedServiceAccount = z.output<typeof C.CreateServiceAccountOutput>
export type Invitation = z.output<typeof C.Invitation>
export type InvitationPreview = z.output<typeof C.InvitationPreview>
export type AcceptedInvitation = z.output<typeof C.AcceptInvitationOutput>
export type AuditEvent = z.output<typeof C.AuditEvent>
export type SessionInfo = z.output<typeof C.SessionInfo>
/** One organization of the logged-in user, as `/auth/session` lists them. */
export type SessionOrganization = SessionInfo['organizations'][number]
export type MembersUpdated = z.output<typeof C.PatchOrganizationMembersOutput>
export type AclBatchUpdated = z.output<typeof C.AclBatchUpdateResponse>
export type AccessExplanation = z.output<typeof C.AclExplainResponse>
export type GrantSource = z.output<typeof C.GrantSource>
export type AuthorizeResult = z.output<typeof C.AuthorizeResponse>
export interface Done {
  readonly status: 'success'
}

export type LoginInput = z.input<typeof C.Login>
export type SetupInput = z.input<typeof C.SetupRequest>
export type ChangePasswordInput = z.input<typeof C.ChangePassword>
export type PatchOrganizationInput = z.input<typeof C.PatchOrganization>
export type UpdateMembersInput = z.input<typeof C.PatchOrganizationMembers>
export type AcceptInvitationInput = z.input<typeof C.AcceptInvitation>
export type CreateProjectInput = z.input<typeof C.CreateProject>
export type PatchProjectInput = z.input<typeof C.PatchProject>
export type CreateGroupInput = z.input<typeof C.CreateGroup>
export type PatchGroupInput = z.input<typeof C.PatchGroup>
export type AclItem = z.input<typeof C.AclItem>
export type AclBatchUpdateInput = z.input<typeof C.AclBatchUpdateRequest>
export type ExplainInput = z.input<typeof C.AclExplainRequest>
export type CreateApiKeyInput = z.input<typeof C.CreateApiKey>
export type CreateServiceAccountInput = z.input<typeof C.CreateServiceAccount>
export type CreateServiceTokenInput = z.input<typeof C.CreateServiceToken>
export type AuthorizeInput = z.input<typeof C.AuthorizeRequest>

export type OrganizationListQuery = z.output<typeof C.OrganizationListQuery>
export type InvitationListQuery = z.output<typeof C.InvitationListQuery>
export type UserListQuery = z.output<typeof C.UserListQuery>
export type ProjectListQuery = z.output<typeof C.ProjectListQuery>
export type GroupListQuery = z.output<typeof C.GroupListQuery>
export type RoleListQuery = z.output<typeof C.RoleListQuery>
export type AclListQuery = z.output<typeof C.AclListQuery>
export type AclListOrgQuery = z.output<typeof C.AclListOrgQuery>
export type ApiKeyListQuery = z.output<typeof C.ApiKeyListQuery>
export type ServiceTokenListQuery = z.output<typeof C.ServiceTokenListQuery>
export type ServiceAccountListQuery = z.output<typeof C.ServiceAccountListQuery>
export type AuditLogQuery = z.output<typeof C.AuditLogQuery>
