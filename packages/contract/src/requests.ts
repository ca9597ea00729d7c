import { IMAGE_RENDERING_MODES } from '@gatehouse/core'
import { z } from 'zod'
import {
  AclObjectType,
  JsonObject,
  LIMITS,
  ObjectId,
  OrgName,
  PageQuery,
  Permission,
  Plan,
  repeated,
  searchParam,
  text,
  Uuid,
  uuidUnlessDataPlane,
} from './common.js'
import { Acl, AclItem, RolePermission } from './resources.js'

const Name = text().trim().min(1).max(256)
const Description = text().max(4096).nullable().optional()
const OrgSelector = { org_name: OrgName.nullable().optional() }

export const OrganizationListQuery = PageQuery.extend({ org_name: OrgName.optional() })

export const PatchOrganization = z
  .object({
    name: Name.nullable().optional(),
    api_url: text().max(2048).nullable().optional(),
    is_universal_api: z.boolean().nullable().optional(),
    is_dataplane_private: z.boolean().nullable().optional(),
    proxy_url: text().max(2048).nullable().optional(),
    realtime_url: text().max(2048).nullable().optional(),
    image_rendering_mode: z.enum(IMAGE_RENDERING_MODES).nullable().optional(),
    direct_ownership_grants: z.boolean().nullable().optional(),
    service_tokens_can_mint: z.boolean().nullable().optional(),
  })
  .strict()
  .meta({ id: 'PatchOrganization' })

export const PatchOrganizationMembers = z
  .object({
    invite_users: z
      .object({
        ids: z.array(Uuid).max(LIMITS.members).nullable().optional(),
        emails: z.array(text().max(320)).max(LIMITS.members).nullable().optional(),
        service_accounts: z
          .array(z.object({ name: Name, token_name: Name.nullable().optional() }).strict())
          .max(LIMITS.members)
          .nullable()
          .optional(),
        send_invite_emails: z.boolean().nullable().optional(),
        group_ids: z.array(Uuid).max(LIMITS.members).nullable().optional(),
        group_names: z.array(Name).max(LIMITS.members).nullable().optional(),
        group_id: Uuid.nullable().optional(),
        group_name: Name.nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
    remove_users: z
      .object({
        ids: z.array(Uuid).max(LIMITS.members).nullable().optional(),
        emails: z.array(text().max(320)).max(LIMITS.members).nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
    org_name: OrgName.nullable().optional(),
    org_id: Uuid.nullable().optional(),
  })
  .strict()
  .meta({ id: 'PatchOrganizationMembers' })

export const PatchOrganizationMembersOutput = z
  .object({
    status: z.literal('success'),
    org_id: Uuid,
    send_email_error: z.string().nullable(),
    added_users: z.array(
      z.object({
        id: Uuid,
        email: z.string().nullable(),
        api_key: z.string().nullable().optional(),
        token_name: z.string().nullable().optional(),
      }),
    ),
    invitations: z.array(
      z.object({ id: Uuid, email: z.string(), invite_url: z.string(), expires_at: z.string() }),
    ),
  })
  .meta({ id: 'PatchOrganizationMembersOutput' })

export const ProjectListQuery = PageQuery.extend({
  q: searchParam('the name'),
  project_name: text().optional(),
  org_name: OrgName.optional(),
})
export const CreateProject = z
  .object({ name: Name, ...OrgSelector })
  .strict()
  .meta({ id: 'CreateProject' })
export const PatchProject = z
  .object({
    name: Name.nullable().optional(),
    settings: JsonObject.nullable().optional(),
  })
  .strict()
  .meta({ id: 'PatchProject' })

export const GroupListQuery = PageQuery.extend({
  q: searchParam('the name or the description'),
  group_name: text().optional(),
  org_name: OrgName.optional(),
})
export const CreateGroup = z
  .object({
    name: Name,
    description: Description,
    member_users: z.array(Uuid).max(LIMITS.groupMembers).nullable().optional(),
    member_groups: z.array(Uuid).max(LIMITS.groupMembers).nullable().optional(),
    ...OrgSelector,
  })
  .strict()
  .meta({ id: 'CreateGroup' })
export const PatchGroup = z
  .object({
    name: Name.nullable().optional(),
    description: Description,
    add_member_users: z.array(Uuid).max(LIMITS.groupMembers).nullable().optional(),
    remove_member_users: z.array(Uuid).max(LIMITS.groupMembers).nullable().optional(),
    add_member_groups: z.array(Uuid).max(LIMITS.groupMembers).nullable().optional(),
    remove_member_groups: z.array(Uuid).max(LIMITS.groupMembers).nullable().optional(),
  })
  .strict()
  .meta({ id: 'PatchGroup' })

export const RoleListQuery = PageQuery.extend({
  q: searchParam('the name or the description'),
  role_name: text().optional(),
  org_name: OrgName.optional(),
})
export const CreateRole = z
  .object({
    name: Name,
    description: Description,
    member_permissions: z.array(RolePermission).max(LIMITS.roleMembers).nullable().optional(),
    member_roles: z.array(Uuid).max(LIMITS.roleMembers).nullable().optional(),
    ...OrgSelector,
  })
  .strict()
  .meta({ id: 'CreateRole' })
export const PatchRole = z
  .object({
    name: Name.nullable().optional(),
    description: Description,
    add_member_permissions: z.array(RolePermission).max(LIMITS.roleMembers).nullable().optional(),
    remove_member_permissions: z
      .array(RolePermission)
      .max(LIMITS.roleMembers)
      .nullable()
      .optional(),
    add_member_roles: z.array(Uuid).max(LIMITS.roleMembers).nullable().optional(),
    remove_member_roles: z.array(Uuid).max(LIMITS.roleMembers).nullable().optional(),
  })
  .strict()
  .meta({ id: 'PatchRole' })

const AclFilters = {
  user_id: Uuid.optional(),
  group_id: Uuid.optional(),
  permission: Permission.optional(),
  restrict_object_type: AclObjectType.optional(),
  role_id: Uuid.optional(),
}
export const AclListQuery = PageQuery.extend({
  object_type: AclObjectType,
  object_id: ObjectId,
  ...AclFilters,
}).superRefine((q, ctx) => uuidUnlessDataPlane(ctx, q.object_type, q.object_id, 'object_id'))
export const AclListOrgQuery = PageQuery.extend({
  object_type: AclObjectType.optional(),
  object_id: ObjectId.optional(),
  org_name: OrgName.optional(),
  ...AclFilters,
}).superRefine((q, ctx) => uuidUnlessDataPlane(ctx, q.object_type, q.object_id, 'object_id'))
export const AclBatchUpdateRequest = z
  .object({
    add_acls: z.array(AclItem).max(LIMITS.aclBatch).nullable().optional(),
    remove_acls: z.array(AclItem).max(LIMITS.aclBatch).nullable().optional(),
  })
  .strict()
  .meta({ id: 'AclBatchUpdateRequest' })
export const AclBatchUpdateResponse = z
  .object({ added_acls: z.array(Acl), removed_acls: z.array(Acl) })
  .meta({ id: 'AclBatchUpdateResponse' })

export const UserListQuery = PageQuery.extend({
  q: searchParam('the email or the full name (given and family name)'),
  given_name: text().optional(),
  family_name: text().optional(),
  email: repeated(text().max(320)).optional(),
  org_name: OrgName.optional(),
})

export const ApiKeyListQuery = PageQuery.extend({
  q: searchParam("the key's name"),
  api_key_name: text().optional(),
  org_name: OrgName.optional(),
  scope: z.enum(['self', 'org']).optional().meta({
    description: '`org`: every key in the organization (owners only)',
  }),
})
export const CreateApiKey = z
  .object({
    name: Name,
    org_name: OrgName.nullable().optional(),
    expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict()
  .meta({ id: 'CreateApiKey' })

export const ServiceTokenListQuery = PageQuery.extend({
  q: searchParam("the token's name"),
  service_token_name: text().optional(),
  org_name: OrgName.optional(),
})
export const CreateServiceToken = z
  .object({
    name: Name,
    service_account_id: Uuid,
    org_name: OrgName.nullable().optional(),
    expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict()
  .meta({ id: 'CreateServiceToken' })
export const DeleteServiceToken = z.object({ id: Uuid }).strict().meta({ id: 'DeleteServiceToken' })

export const CreateServiceAccount = z
  .object({ name: Name, token_name: Name.nullable().optional(), ...OrgSelector })
  .strict()
  .meta({ id: 'CreateServiceAccount' })
export const ServiceAccountListQuery = PageQuery.extend({
  q: searchParam("the service account's name or email"),
  service_account_name: text().optional(),
  org_name: OrgName.optional(),
})

export const InvitationListQuery = PageQuery.extend({
  q: searchParam('the invited email'),
  org_name: OrgName.optional(),
})
const InvitationTokenField = text().min(1).max(256).meta({
  description: 'The token from the invitation link (/invite/{token}); never sent in a URL query',
})
export const InvitationTokenRequest = z
  .object({ token: InvitationTokenField })
  .strict()
  .meta({ id: 'InvitationTokenRequest' })
export const AcceptInvitation = z
  .object({
    token: InvitationTokenField,
    password: text().max(1024).optional().meta({
      description: "The new account's password, when no account has the invited email yet",
    }),
  })
  .strict()
  .meta({ id: 'AcceptInvitation' })

export const AuditLogQuery = PageQuery.extend({
  q: searchParam('the action, the object type or the object id'),
  org_name: OrgName.optional(),
  actor_id: Uuid.optional(),
  action: text().max(128).optional(),
  object_type: text().max(64).optional(),
  object_id: text().max(128).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
})

export const AuthorizeCheck = z
  .object({
    permission: Permission,
    object_type: AclObjectType,
    object_id: ObjectId,
    project_id: Uuid.nullable().optional(),
  })
  .strict()
  .superRefine((c, ctx) => uuidUnlessDataPlane(ctx, c.object_type, c.object_id, 'object_id'))
  .meta({ id: 'AuthorizeCheck' })

const SINGLE_CHECK_FIELDS = ['permission', 'object_type', 'object_id'] as const

/**
 * Either form: `checks` (up to LIMITS.authorizeChecks), or the single-check form with the check's fields at the top
 * level, answered with a top-level `allowed` too. Never both.
 */
export const AuthorizeRequest = z
  .object({
    checks: z
      .array(AuthorizeCheck)
      .min(1)
      .max(LIMITS.authorizeChecks)
      .optional()
      .meta({ description: 'Batch form: one answer per check, in order' }),
    permission: Permission.optional().meta({ description: 'Single-check form' }),
    object_type: AclObjectType.optional().meta({ description: 'Single-check form' }),
    object_id: ObjectId.optional().meta({ description: 'Single-check form' }),
    project_id: Uuid.nullable().optional().meta({ description: 'Single-check form' }),
    explain: z.boolean().optional(),
    org_name: OrgName.nullable().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    uuidUnlessDataPlane(ctx, body.object_type, body.object_id, 'object_id')
    if (body.checks !== undefined) {
      for (const field of [...SINGLE_CHECK_FIELDS, 'project_id'] as const) {
        if (body[field] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: 'Give checks or one check, not both',
          })
        }
      }
      return
    }
    for (const field of SINGLE_CHECK_FIELDS) {
      if (body[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'Required (or give checks)' })
      }
    }
  })
  .meta({ id: 'AuthorizeRequest' })

export const GrantSource = z
  .object({
    permission: Permission,
    acl_id: Uuid,
    acl_object_type: AclObjectType,
    acl_object_id: z.string(),
    group_path: z.array(Uuid),
    role_path: z.array(Uuid),
    restrict_object_type: AclObjectType.nullable(),
  })
  .meta({ id: 'GrantSource' })

export const AclExplainRequest = z
  .object({
    user_id: Uuid.meta({ description: 'Whose access to explain' }),
    object_type: AclObjectType,
    object_id: ObjectId,
    project_id: Uuid.nullable().optional().meta({
      description: 'For an object inside a project: its project, so grants there count too',
    }),
    org_name: OrgName.nullable().optional(),
  })
  .strict()
  .superRefine((r, ctx) => uuidUnlessDataPlane(ctx, r.object_type, r.object_id, 'object_id'))
  .meta({ id: 'AclExplainRequest' })

export const AclExplainResponse = z
  .object({
    permissions: z.array(Permission).meta({ description: 'What the user holds on the object' }),
    grants: z.array(GrantSource).meta({ description: 'Every grant behind those permissions' }),
  })
  .meta({ id: 'AclExplainResponse' })

export const AuthorizeResponse = z
  .object({
    principal: z.object({
      user_id: Uuid,
      kind: z.enum(['user', 'service_account']),
      org_id: Uuid,
      credential_kind: z.enum(['session', 'api_key', 'service_token']),
      impersonator_user_id: Uuid.nullable(),
    }),
    results: z.array(z.object({ allowed: z.boolean(), grants: z.array(GrantSource).optional() })),
    allowed: z
      .boolean()
      .optional()
      .meta({ description: 'Single-check form only: the answer (also in results[0])' }),
  })
  .meta({ id: 'AuthorizeResponse' })

export const Login = z
  .object({ email: text().max(320), password: text().max(1024) })
  .strict()
  .meta({ id: 'Login' })

export const SetupRequest = z
  .object({
    token: text().max(256),
    org_name: Name,
    email: text().max(320),
    password: text().max(1024),
    plan: Plan.optional(),
  })
  .strict()
  .meta({ id: 'SetupRequest' })

export const ChangePassword = z
  .object({ current_password: text().max(1024), new_password: text().max(1024) })
  .strict()
  .meta({ id: 'ChangePassword' })

export const SessionInfo = z
  .object({
    user: z.object({
      id: Uuid,
      email: z.string(),
      given_name: z.string().nullable(),
      family_name: z.string().nullable(),
    }),
    organizations: z.array(z.object({ id: Uuid, name: z.string(), plan: Plan })),
    impersonator_user_id: Uuid.nullable(),
  })
  .meta({ id: 'SessionInfo' })

/** Braintrust SDKs' org discovery: the key in `Authorization`, or in the body (older SDKs). */
export const ApiKeyLoginRequest = z
  .object({
    token: text().min(1).max(1024).optional().meta({
      description: 'The API key or service token (older SDKs); prefer the Authorization header',
    }),
  })
  .strict()
  .meta({ id: 'ApiKeyLoginRequest' })

export const ApiKeyLoginResponse = z
  .object({
    org_info: z.array(
      z.object({
        id: Uuid,
        name: z.string(),
        api_url: z.string().meta({
          description:
            "Where the SDK sends its API calls: the org's api_url, else the server's public URL",
        }),
        proxy_url: z.string().nullable(),
        realtime_url: z.string().nullable(),
        git_metadata: z.null(),
      }),
    ),
  })
  .meta({ id: 'ApiKeyLoginResponse' })

export const SelfMeResponse = z
  .object({
    id: Uuid,
    email: z.string(),
    given_name: z.string().nullable(),
    family_name: z.string().nullable(),
    organizations: z.array(z.object({ id: Uuid, name: z.string() })),
  })
  .meta({ id: 'SelfMeResponse' })
