import type { ObjectType, Permission, Plan } from './catalog.js'

/**
 * Domain types. Ids are UUID strings (the wire format's); times are epoch milliseconds. Storage
 * maps its rows to these at its own boundary.
 */
export interface OrgSettings {
  /** Creators of projects, groups and roles get a direct Owner ACL on what they create. */
  readonly directOwnershipGrants: boolean
  /** Owner-level service tokens may create service tokens (Braintrust's behaviour). */
  readonly serviceTokensCanMint: boolean
}

export interface Organization {
  readonly id: string
  readonly name: string
  readonly plan: Plan
  readonly settings: OrgSettings
  readonly apiUrl: string | null
  readonly proxyUrl: string | null
  readonly realtimeUrl: string | null
  readonly isUniversalApi: boolean | null
  readonly isDataplanePrivate: boolean | null
  readonly imageRenderingMode: string | null
  /** Bumped in the same transaction as every change that can alter a decision in this org. */
  readonly authzVersion: number
  readonly createdAt: number
}

export type UserKind = 'user' | 'service_account'

/** A principal: a person, or a service account owned by one organization. */
export interface User {
  readonly id: string
  readonly kind: UserKind
  /** Lower-cased. Service accounts carry a non-routable address. */
  readonly email: string
  readonly givenName: string | null
  readonly familyName: string | null
  readonly avatarUrl: string | null
  /** A PHC-style hash string; null for service accounts and users who never set a password. */
  readonly passwordHash: string | null
  /** The org that owns a service account; null for people. */
  readonly serviceAccountOrgId: string | null
  readonly createdAt: number
  readonly deletedAt: number | null
}

export interface Membership {
  readonly orgId: string
  readonly userId: string
  readonly createdAt: number
}

export interface Project {
  readonly id: string
  readonly orgId: string
  readonly name: string
  readonly userId: string | null
  readonly settings: Readonly<Record<string, unknown>> | null
  readonly createdAt: number
  readonly deletedAt: number | null
}

export type BuiltinGroup = 'owners' | 'engineers' | 'viewers'

export interface Group {
  readonly id: string
  readonly orgId: string
  readonly userId: string | null
  readonly name: string
  readonly description: string | null
  /** Set on the org's built-in groups, which cannot be deleted or renamed. */
  readonly builtin: BuiltinGroup | null
  readonly memberUsers: readonly string[]
  readonly memberGroups: readonly string[]
  readonly createdAt: number
  readonly deletedAt: number | null
}

export interface RolePermission {
  readonly permission: Permission
  readonly restrictObjectType: ObjectType | null
}

export interface Role {
  readonly id: string
  /** null for system roles, which every org can use and nobody can change. */
  readonly orgId: string | null
  readonly userId: string | null
  readonly name: string
  readonly description: string | null
  readonly memberPermissions: readonly RolePermission[]
  readonly memberRoles: readonly string[]
  readonly createdAt: number
  readonly deletedAt: number | null
}

/** What an ACL says, without its identity: the create/delete-by-content key. */
export interface AclItem {
  readonly objectType: ObjectType
  readonly objectId: string
  readonly userId: string | null
  readonly groupId: string | null
  readonly permission: Permission | null
  readonly roleId: string | null
  readonly restrictObjectType: ObjectType | null
}

export interface Acl extends AclItem {
  readonly id: string
  /** The org of the object the ACL is on (the wire's `_object_org_id`). */
  readonly orgId: string
  readonly createdAt: number
}

export interface ApiKey {
  readonly id: string
  readonly orgId: string
  readonly userId: string
  readonly name: string
  /** A masked preview (`sk-ab…wxyz`), safe to show. */
  readonly previewName: string
  /** Hex SHA-256 of the secret; the secret itself is never stored. */
  readonly secretHash: string
  readonly createdAt: number
  readonly expiresAt: number | null
  readonly lastUsedAt: number | null
  readonly revokedAt: number | null
}

export interface ServiceToken {
  readonly id: string
  readonly orgId: string
  readonly serviceAccountId: string
  readonly name: string
  readonly previewName: string
  readonly secretHash: string
  readonly createdAt: number
  readonly expiresAt: number | null
  readonly lastUsedAt: number | null
  readonly revokedAt: number | null
}

export interface Invitation {
  readonly id: string
  readonly orgId: string
  readonly email: string
  readonly groupIds: readonly string[]
  /** Hex SHA-256 of the invitation token. */
  readonly tokenHash: string
  readonly invitedBy: string | null
  readonly createdAt: number
  readonly expiresAt: number
  readonly acceptedAt: number | null
  readonly acceptedUserId: string | null
  readonly revokedAt: number | null
}

/** A browser login. The cookie secret and the CSRF token are kept only as hashes. */
export interface Session {
  readonly id: string
  readonly userId: string
  /** Hex SHA-256 of the cookie secret. */
  readonly tokenHash: string
  /** Hex SHA-256 of the CSRF token. */
  readonly csrfHash: string
  readonly createdAt: number
  readonly lastSeenAt: number
  /** The absolute end, however active the session stays. */
  readonly expiresAt: number
  readonly revokedAt: number | null
  readonly ip: string | null
  readonly userAgent: string | null
}

export type CredentialKind = 'session' | 'api_key' | 'service_token' | 'operator'

export interface AuditActor {
  /** The subject whose permissions applied; null for the operator (CLI with database access). */
  readonly userId: string | null
  readonly credentialKind: CredentialKind
  readonly credentialId: string | null
  /** The real person when the request impersonated `userId`. */
  readonly impersonatorId: string | null
}

export type AuditOutcome = 'success' | 'denied'

/** What a use case says happened; the chain fields are added when it is appended. */
export interface AuditEntry {
  readonly orgId: string
  readonly action: string
  readonly outcome: AuditOutcome
  readonly actor: AuditActor
  readonly objectType: string
  readonly objectId: string | null
  readonly before: unknown
  readonly after: unknown
  /** For denials: the error code. */
  readonly reason: string | null
  readonly requestId: string | null
  readonly occurredAt: number
}

export interface AuditEvent extends AuditEntry {
  readonly id: string
  /** 1, 2, 3 … within the org. */
  readonly seq: number
  readonly prevHash: string
  readonly hash: string
}
