import type {
  Acl,
  AddServiceAccountResult,
  ApiKey,
  AuditEvent,
  AuthorizeResult,
  GrantSource,
  Group,
  Invitation,
  InvitationPreview,
  ListedUser,
  Organization,
  Project,
  Role,
  SelfView,
  ServiceToken,
  UpdateMembersResult,
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

/** One grant behind a decision: which ACL, reached through which groups and roles. */
export function presentGrantSource(source: GrantSource) {
  return {
    permission: source.permission,
    acl_id: source.aclId,
    acl_object_type: source.aclObjectType,
    acl_object_id: source.aclObjectId,
    group_path: [...source.groupPath],
    role_path: [...source.rolePath],
    restrict_object_type: source.restrictObjectType,
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

/** A member in `GET /v1/user`: the user, plus the Gatehouse extensions of the list. */
export function presentListedUser(user: ListedUser) {
  return {
    ...presentUser(user),
    kind: user.kind,
    last_active_at: iso(user.lastActiveAt),
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

/** A new service account and, when one was asked for, its first token with the secret (once). */
export function presentCreatedServiceAccount({ user, token }: AddServiceAccountResult) {
  return {
    service_account: presentServiceAccount(user),
    ...(token === undefined
      ? {}
      : { token: { ...presentServiceToken(token.serviceToken, user), key: token.secret } }),
  }
}

/**
 * `PATCH /v1/organization/members`: the reference output plus the invitations with their links.
 * No mail is sent (no mail server), so `send_email_error` is always null.
 */
export function presentMembersUpdate(result: UpdateMembersResult, publicUrl: string) {
  return {
    status: 'success' as const,
    org_id: result.orgId,
    send_email_error: null,
    added_users: result.addedUsers.map((u) => ({
      id: u.id,
      email: u.email,
      ...(u.apiKey === undefined ? {} : { api_key: u.apiKey, token_name: u.tokenName ?? null }),
    })),
    invitations: result.invitations.map((i) => ({
      id: i.id,
      email: i.email,
      invite_url: `${publicUrl}/invite/${encodeURIComponent(i.token)}`,
      expires_at: iso(i.expiresAt),
    })),
  }
}

export function presentInvitationPreview(preview: InvitationPreview) {
  return {
    org_id: preview.orgId,
    org_name: preview.orgName,
    email: preview.email,
    account_exists: preview.accountExists,
    expires_at: iso(preview.expiresAt),
  }
}

/** `POST /v1/authorize`: the principal the decisions are about, and one answer per check. */
export function presentAuthorization(result: AuthorizeResult) {
  const { principal } = result
  return {
    principal: {
      user_id: principal.userId,
      kind: principal.kind,
      org_id: principal.orgId,
      credential_kind: principal.credentialKind,
      impersonator_user_id: principal.impersonatorId,
    },
    results: result.results.map((r) =>
      r.grants === undefined
        ? { allowed: r.allowed }
        : { allowed: r.allowed, grants: r.grants.map(presentGrantSource) },
    ),
  }
}

/** The reply of `POST /v1/authorize`; the single-check form also gets its one answer as `allowed`. */
export function presentAuthorizeReply(
  body: { readonly checks?: readonly unknown[] | undefined },
  result: AuthorizeResult,
) {
  const reply = presentAuthorization(result)
  return body.checks === undefined
    ? { ...reply, allowed: result.results[0]?.allowed === true }
    : reply
}

/** `POST /api/apikey/login` (Braintrust SDKs): the orgs the credential can act in. */
export function presentApiKeyLogin(self: SelfView, defaultApiUrl: string) {
  return {
    org_info: self.organizations.map((org) => ({
      id: org.id,
      name: org.name,
      // Braintrust's SDKs refuse an org without one: they send every later call there.
      api_url: org.apiUrl || defaultApiUrl,
      proxy_url: org.proxyUrl,
      realtime_url: org.realtimeUrl,
      git_metadata: null,
    })),
  }
}

/** `POST /api/self/me` (Braintrust SDKs): who the caller is and its orgs. */
export function presentSelf(self: SelfView) {
  return {
    id: self.user.id,
    email: self.user.email,
    given_name: self.user.givenName,
    family_name: self.user.familyName,
    organizations: self.organizations.map((org) => ({ id: org.id, name: org.name })),
  }
}
