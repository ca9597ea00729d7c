import type {
  Acl,
  ApiKey,
  AuditEvent,
  Group,
  Invitation,
  Organization,
  Project,
  Role,
  ServiceToken,
  User,
} from '@gatehouse/core'

/**
 * Domain → wire. The reference API's snake_case shapes, ISO dates; never a secret or a hash.
 * Every response body is built here, from an allow-list of fields.
 */
export function iso(ms: number): string
export function iso(ms: number | null): string | null
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString()
}

export function presentOrganization(org: Organization) {
  return {
    id: org.id,
    name: org.name,
    plan: org.plan,
    api_url: org.apiUrl,
    is_universal_api: org.isUniversalApi,
    is_dataplane_private: org.isDataplanePrivate,
    proxy_url: org.proxyUrl,
    realtime_url: org.realtimeUrl,
    image_rendering_mode: org.imageRenderingMode,
    created: iso(org.createdAt),
    direct_ownership_grants: org.settings.directOwnershipGrants,
    service_tokens_can_mint: org.settings.serviceTokensCanMint,
  }
}

export function presentProject(project: Project) {
  return {
    id: project.id,
    org_id: project.orgId,
    name: project.name,
    created: iso(project.createdAt),
    deleted_at: iso(project.deletedAt),
    user_id: project.userId,
    settings: project.settings === null ? null : { ...project.settings },
  }
}

export function presentGroup(group: Group) {
  return {
    id: group.id,
    org_id: group.orgId,
    user_id: group.userId,
    created: iso(group.createdAt),
    name: group.name,
    description: group.description,
    deleted_at: iso(group.deletedAt),
    member_users: [...group.memberUsers],
    member_groups: [...group.memberGroups],
    builtin: group.builtin,
  }
}

export function presentRole(role: Role) {
  return {
    id: role.id,
    org_id: role.orgId,
    user_id: role.userId,
    created: iso(role.createdAt),
    name: role.name,
    description: role.description,
    deleted_at: iso(role.deletedAt),
    member_permissions: role.memberPermissions.map((p) => ({
      permission: p.permission,
      restrict_object_type: p.restrictObjectType,
    })),
    member_roles: [...role.memberRoles],
  }
}

export function presentAcl(acl: Acl) {
  return {
    id: acl.id,
    object_type: acl.objectType,
    object_id: acl.objectId,
    user_id: acl.userId,
    group_id: acl.groupId,
    permission: acl.permission,
    restrict_object_type: acl.restrictObjectType,
    role_id: acl.roleId,
    _object_org_id: acl.orgId,
    created: iso(acl.createdAt),
  }
}

export function presentUser(user: User) {
  return {
    id: user.id,
    given_name: user.givenName,
    family_name: user.familyName,
    email: user.email,
    avatar_url: user.avatarUrl,
    created: iso(user.createdAt),
  }
}

export function presentApiKey(key: ApiKey, owner: User | undefined) {
  return {
    id: key.id,
    created: iso(key.createdAt),
    name: key.name,
    preview_name: key.previewName,
    user_id: key.userId,
    user_email: owner?.email ?? null,
    user_given_name: owner?.givenName ?? null,
    user_family_name: owner?.familyName ?? null,
    org_id: key.orgId,
    expires_at: iso(key.expiresAt),
    last_used_at: iso(key.lastUsedAt),
    revoked_at: iso(key.revokedAt),
  }
}

export function presentServiceToken(token: ServiceToken, account: User | undefined) {
  return {
    id: token.id,
    created: iso(token.createdAt),
    name: token.name,
    preview_name: token.previewName,
    service_account_id: token.serviceAccountId,
    service_account_email: account?.email ?? null,
    service_account_name: account?.givenName ?? null,
    org_id: token.orgId,
    expires_at: iso(token.expiresAt),
    last_used_at: iso(token.lastUsedAt),
    revoked_at: iso(token.revokedAt),
  }
}

export function presentServiceAccount(account: User) {
  return {
    id: account.id,
    org_id: account.serviceAccountOrgId ?? '',
    name: account.givenName ?? '',
    email: account.email,
    created: iso(account.createdAt),
  }
}

export function presentInvitation(invitation: Invitation) {
  return {
    id: invitation.id,
    org_id: invitation.orgId,
    email: invitation.email,
    group_ids: [...invitation.groupIds],
    invited_by: invitation.invitedBy,
    created: iso(invitation.createdAt),
    expires_at: iso(invitation.expiresAt),
  }
}

export function presentAuditEvent(event: AuditEvent) {
  return {
    id: event.id,
    org_id: event.orgId,
    seq: event.seq,
    occurred_at: iso(event.occurredAt),
    action: event.action,
    outcome: event.outcome,
    actor_user_id: event.actor.userId,
    credential_kind: event.actor.credentialKind,
    credential_id: event.actor.credentialId,
    impersonator_user_id: event.actor.impersonatorId,
    object_type: event.objectType,
    object_id: event.objectId,
    before: event.before,
    after: event.after,
    reason: event.reason,
    request_id: event.requestId,
    hash: event.hash,
  }
}
