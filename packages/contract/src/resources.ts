import { z } from 'zod'
import {
  AclObjectType,
  DateTime,
  ObjectId,
  Permission,
  Plan,
  Uuid,
  uuidUnlessDataPlane,
} from './common.js'

const nullableString = z.string().nullable()

export const Organization = z
  .object({
    id: Uuid,
    name: z.string(),
    plan: Plan,
    api_url: nullableString,
    is_universal_api: z.boolean().nullable(),
    is_dataplane_private: z.boolean().nullable(),
    proxy_url: nullableString,
    realtime_url: nullableString,
    image_rendering_mode: nullableString,
    created: DateTime.nullable(),
    direct_ownership_grants: z.boolean().meta({
      description: 'Creators of projects, groups and roles get a direct Owner grant',
    }),
    service_tokens_can_mint: z.boolean().meta({
      description: 'Owner-level service tokens may create service tokens',
    }),
  })
  .meta({ id: 'Organization' })

export const Project = z
  .object({
    id: Uuid,
    org_id: Uuid,
    name: z.string(),
    created: DateTime.nullable(),
    deleted_at: DateTime.nullable(),
    user_id: Uuid.nullable(),
    settings: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'Project' })

export const Group = z
  .object({
    id: Uuid,
    org_id: Uuid,
    user_id: Uuid.nullable(),
    created: DateTime.nullable(),
    name: z.string(),
    description: nullableString,
    deleted_at: DateTime.nullable(),
    member_users: z.array(Uuid),
    member_groups: z.array(Uuid),
    builtin: z.enum(['owners', 'engineers', 'viewers']).nullable().meta({
      description: 'Set on the built-in groups, which cannot be deleted or renamed',
    }),
  })
  .meta({ id: 'Group' })

export const RolePermission = z
  .object({ permission: Permission, restrict_object_type: AclObjectType.nullable().optional() })
  .strict()
  .meta({ id: 'RolePermission' })

export const Role = z
  .object({
    id: Uuid,
    org_id: Uuid.nullable().meta({ description: 'null for system roles' }),
    user_id: Uuid.nullable(),
    created: DateTime.nullable(),
    name: z.string(),
    description: nullableString,
    deleted_at: DateTime.nullable(),
    member_permissions: z.array(
      z.object({ permission: Permission, restrict_object_type: AclObjectType.nullable() }),
    ),
    member_roles: z.array(Uuid),
  })
  .meta({ id: 'Role' })

export const AclItem = z
  .object({
    object_type: AclObjectType,
    object_id: ObjectId,
    user_id: Uuid.nullable().optional(),
    group_id: Uuid.nullable().optional(),
    permission: Permission.nullable().optional(),
    restrict_object_type: AclObjectType.nullable().optional(),
    role_id: Uuid.nullable().optional(),
  })
  .strict()
  .superRefine((a, ctx) => uuidUnlessDataPlane(ctx, a.object_type, a.object_id, 'object_id'))
  .meta({
    id: 'AclItem',
    description:
      'user_id XOR group_id, permission XOR role_id; restrict_object_type only with a permission',
  })

export const Acl = z
  .object({
    id: Uuid,
    object_type: AclObjectType,
    object_id: z.string(),
    user_id: Uuid.nullable(),
    group_id: Uuid.nullable(),
    permission: Permission.nullable(),
    restrict_object_type: AclObjectType.nullable(),
    role_id: Uuid.nullable(),
    _object_org_id: Uuid,
    created: DateTime.nullable(),
  })
  .meta({ id: 'Acl' })

export const User = z
  .object({
    id: Uuid,
    given_name: nullableString,
    family_name: nullableString,
    email: nullableString,
    avatar_url: nullableString,
    created: DateTime.nullable(),
  })
  .meta({ id: 'User' })

/** A member as `GET /v1/user` lists them: Gatehouse extensions the settings UI needs. */
export const UserListItem = User.extend({
  kind: z.enum(['user', 'service_account']).meta({
    description: 'Gatehouse extension: a person, or a service account of the organization',
  }),
  last_active_at: DateTime.nullable().meta({
    description:
      'Gatehouse extension: when the user was last seen in a browser session; null when never',
  }),
}).meta({ id: 'UserListItem' })

export const ApiKey = z
  .object({
    id: Uuid,
    created: DateTime.nullable(),
    name: z.string(),
    preview_name: z.string(),
    user_id: Uuid.nullable(),
    user_email: nullableString,
    user_given_name: nullableString,
    user_family_name: nullableString,
    org_id: Uuid.nullable(),
    expires_at: DateTime.nullable(),
    last_used_at: DateTime.nullable(),
    revoked_at: DateTime.nullable(),
  })
  .meta({ id: 'ApiKey', description: 'API key metadata; the secret is never returned again' })

export const CreateApiKeyOutput = ApiKey.extend({
  key: z.string().meta({ description: 'The secret, shown this one time' }),
}).meta({ id: 'CreateApiKeyOutput' })

export const ServiceToken = z
  .object({
    id: Uuid,
    created: DateTime.nullable(),
    name: z.string(),
    preview_name: z.string(),
    service_account_id: Uuid.nullable(),
    service_account_email: nullableString,
    service_account_name: nullableString,
    org_id: Uuid.nullable(),
    expires_at: DateTime.nullable(),
    last_used_at: DateTime.nullable(),
    revoked_at: DateTime.nullable(),
  })
  .meta({ id: 'ServiceToken' })

export const CreateServiceTokenOutput = ServiceToken.extend({
  key: z.string().meta({ description: 'The secret, shown this one time' }),
}).meta({ id: 'CreateServiceTokenOutput' })

export const ServiceAccount = z
  .object({
    id: Uuid,
    org_id: Uuid,
    name: z.string(),
    email: z.string().meta({ description: 'Not routable' }),
    created: DateTime.nullable(),
  })
  .meta({ id: 'ServiceAccount' })

export const Invitation = z
  .object({
    id: Uuid,
    org_id: Uuid,
    email: z.string(),
    group_ids: z.array(Uuid),
    invited_by: Uuid.nullable(),
    created: DateTime,
    expires_at: DateTime,
  })
  .meta({ id: 'Invitation' })

export const AuditEvent = z
  .object({
    id: Uuid,
    org_id: Uuid,
    seq: z.number().int(),
    occurred_at: DateTime,
    action: z.string(),
    outcome: z.enum(['success', 'denied']),
    actor_user_id: Uuid.nullable(),
    credential_kind: z.enum(['session', 'api_key', 'service_token', 'operator']),
    credential_id: z.string().nullable(),
    impersonator_user_id: Uuid.nullable(),
    object_type: z.string(),
    object_id: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    reason: nullableString,
    request_id: nullableString,
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' })

export const CreateServiceAccountOutput = z
  .object({
    service_account: ServiceAccount,
    token: CreateServiceTokenOutput.optional().meta({
      description: 'The first service token, with its secret shown this one time (token_name)',
    }),
  })
  .meta({ id: 'CreateServiceAccountOutput' })

export const InvitationPreview = z
  .object({
    org_id: Uuid,
    org_name: z.string(),
    email: z.string(),
    account_exists: z.boolean().meta({
      description: 'true: sign in to accept; false: choose a password to accept',
    }),
    expires_at: DateTime,
  })
  .meta({ id: 'InvitationPreview' })

export const AcceptInvitationOutput = z
  .object({
    user_id: Uuid,
    org_id: Uuid,
    created_user: z.boolean().meta({ description: 'A new account was created (log in next)' }),
  })
  .meta({ id: 'AcceptInvitationOutput' })
