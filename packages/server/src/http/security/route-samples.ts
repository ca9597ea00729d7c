import {
  createAcl,
  createApiKey,
  createGroup,
  createProject,
  createRole,
  createServiceAccount,
  createServiceToken,
  type ErrorCode,
  updateMembers,
} from '@gatehouse/core'
import { TEST_PASSWORD } from '@gatehouse/core/testing'
import type { Credential, Harness, Member, World } from '../testing/harness.js'

/*
 * One concrete request per route of the API, and what each kind of caller must get back. The
 * route matrix (route-matrix.test.ts) runs every row; a route without a row fails it, so a new
 * route cannot ship without saying who may call it.
 */

/** Who sends the request: A's owner, a member of A without the permission, or B's owner. */
export type Who = 'owner' | 'member' | 'cross'

export interface SampleRequest {
  readonly path: string
  readonly query?: Record<string, string>
  readonly body?: unknown
  /** Replaces the caller's usual credential (a fresh session for routes that end it, say). */
  readonly auth?: Credential
}

export interface Expect {
  readonly status: number
  /** The error code of a 4xx; on a 403 the message must be the rule's, word for word. */
  readonly code?: ErrorCode
  /** Why a member gets a 2xx, or why another org's owner does not get a 404. */
  readonly why?: string
}

export interface Sample {
  /** Builds the request; routes that change or destroy an object get a fresh one per call. */
  build(ctx: MatrixContext, who: Who, caller: Member): Promise<SampleRequest>
  /** A member of A who lacks the permission: a person in no group, or a Viewer. */
  readonly member: Expect & { readonly as: 'nobody' | 'viewer' }
  /** B's owner. 404 when the request names anything of A; otherwise `why` says why not. */
  readonly cross: Expect & {
    /** Why a 2xx answer may name org A (the caller holds A's invitation token). */
    readonly mayNameA?: string
  }
  /** A's owner; 200 unless said otherwise. */
  readonly owner?: Expect
  /** The caller's credential: its API key (default) or its browser session (minting rules). */
  readonly auth?: 'key' | 'session'
  /** B's owner calls with its API key and with its session unless this narrows it (say why). */
  readonly crossWith?: { readonly kinds: readonly ('key' | 'session')[]; readonly why: string }
}

export interface MatrixContext {
  readonly h: Harness
  /** The org under attack (Enterprise), with fixtures of every kind. */
  readonly a: World
  /** The other tenant. */
  readonly b: World
  readonly nobody: Member
  readonly viewer: Member
  readonly project: string
  readonly group: string
  readonly role: string
  readonly acl: string
  readonly apiKey: string
  readonly serviceAccount: string
  readonly serviceToken: string
  readonly fresh: Fresh
}

export interface Fresh {
  name(prefix: string): string
  email(): string
  project(): Promise<string>
  group(): Promise<{ id: string; name: string }>
  role(): Promise<{ id: string; name: string }>
  /** An ACL granting `read` on the shared project to the Engineers group. */
  acl(): Promise<{ id: string; item: Record<string, string> }>
  invitation(email?: string): Promise<{ id: string; token: string }>
  apiKey(): Promise<string>
  serviceAccount(): Promise<string>
  serviceToken(): Promise<string>
}

/** Builds org A with one object of every kind, org B, and A's members without permissions. */
export async function buildMatrixContext(h: Harness): Promise<MatrixContext> {
  const a = await h.world()
  const b = await h.world()
  const orgName = a.org.name
  const actor = a.owner.actor
  const deps = h.deps
  let counter = 0
  const fresh: Fresh = {
    name: (prefix) => `${prefix}-${++counter}-${deps.crypto.uuid().slice(0, 6)}`,
    email: () => `invitee-${++counter}-${deps.crypto.uuid().slice(0, 6)}@example.com`,
    async project() {
      const { project } = await createProject(deps, actor, { name: fresh.name('p'), orgName })
      return project.id
    },
    async group() {
      const { group } = await createGroup(deps, actor, { name: fresh.name('g'), orgName })
      return { id: group.id, name: group.name }
    },
    async role() {
      const { role } = await createRole(deps, actor, {
        name: fresh.name('r'),
        memberPermissions: [{ permission: 'read' }],
        orgName,
      })
      return { id: role.id, name: role.name }
    },
    async acl() {
      const { group } = await createGroup(deps, actor, { name: fresh.name('ag'), orgName })
      const item = {
        object_type: 'project',
        object_id: project,
        group_id: group.id,
        permission: 'read',
      }
      const { acl } = await createAcl(deps, actor, {
        objectType: 'project',
        objectId: project,
        groupId: group.id,
        permission: 'read',
        orgName,
      })
      return { id: acl.id, item }
    },
    async invitation(email) {
      const viewers = a.groups.viewers
      if (viewers === undefined) {
        throw new Error('an Enterprise org has Viewers')
      }
      const result = await updateMembers(deps, actor, {
        orgName,
        inviteUsers: { emails: [email ?? fresh.email()], groupIds: [viewers.id] },
      })
      const invitation = result.invitations[0]
      if (invitation === undefined) {
        throw new Error('no invitation was created')
      }
      return { id: invitation.id, token: invitation.token }
    },
    async apiKey() {
      const { apiKey } = await createApiKey(deps, actor, { name: fresh.name('k'), orgName })
      return apiKey.id
    },
    async serviceAccount() {
      const { user } = await createServiceAccount(deps, actor, { name: fresh.name('sa'), orgName })
      return user.id
    },
    async serviceToken() {
      const { serviceToken } = await createServiceToken(deps, actor, {
        name: fresh.name('t'),
        serviceAccountId: serviceAccount,
        orgName,
      })
      return serviceToken.id
    },
  }
  const project = await fresh.project()
  const serviceAccount = await fresh.serviceAccount()
  const viewers = a.groups.viewers
  if (viewers === undefined) {
    throw new Error('an Enterprise org has Viewers')
  }
  return {
    h,
    a,
    b,
    nobody: await h.member(a),
    viewer: await h.member(a, [viewers]),
    project,
    group: (await fresh.group()).id,
    role: (await fresh.role()).id,
    acl: (await fresh.acl()).id,
    apiKey: await fresh.apiKey(),
    serviceAccount,
    serviceToken: await fresh.serviceToken(),
    fresh,
  }
}

const PUBLIC = 'public: no credential needed'
const NAMES_NOTHING = 'names nothing of A: it answers about the caller itself'
const MEMBERSHIP = 'any member of the org may'

/** The org selector of list and create routes: naming A is what another tenant must not get. */
const inA = (ctx: MatrixContext) => ({ org_name: ctx.a.org.name })

export const SAMPLES: Record<string, Sample> = {
  healthz: {
    build: async () => ({ path: '/healthz' }),
    member: { as: 'nobody', status: 200, why: PUBLIC },
    cross: { status: 200, why: PUBLIC },
  },
  readyz: {
    build: async () => ({ path: '/readyz' }),
    member: { as: 'nobody', status: 200, why: PUBLIC },
    cross: { status: 200, why: PUBLIC },
  },
  login: {
    build: async (_ctx, _who, caller) => ({
      path: '/auth/login',
      body: { email: caller.user.email, password: TEST_PASSWORD },
    }),
    member: { as: 'nobody', status: 200, why: 'anyone may log in with their own password' },
    cross: { status: 200, why: 'logs the caller into its own account' },
  },
  logout: {
    auth: 'session',
    build: async (ctx, _who, caller) => ({
      path: '/auth/logout',
      auth: await ctx.h.sessionFor(caller.user),
    }),
    member: { as: 'nobody', status: 200, why: 'ends only the caller’s own session' },
    cross: { status: 200, why: 'ends only the caller’s own session' },
  },
  getSession: {
    build: async () => ({ path: '/auth/session' }),
    member: { as: 'nobody', status: 200, why: 'says who the caller is' },
    cross: { status: 200, why: NAMES_NOTHING },
  },
  changePassword: {
    auth: 'session',
    // A person of the caller's org made for this request: the change ends their other sessions.
    build: async (ctx, who) => {
      const owners = ctx.a.groups.owners
      const person =
        who === 'cross'
          ? await ctx.h.member(ctx.b)
          : await ctx.h.member(ctx.a, who === 'owner' ? [owners] : [])
      return {
        path: '/auth/password',
        body: { current_password: TEST_PASSWORD, new_password: 'another long passphrase' },
        auth: person.session,
      }
    },
    member: { as: 'nobody', status: 200, why: 'changes only the caller’s own password' },
    cross: { status: 200, why: 'changes only the caller’s own password' },
  },
  setup: {
    build: async (ctx) => ({
      path: '/auth/setup',
      body: {
        token: ctx.h.services.setup.issue(),
        org_name: ctx.fresh.name('setup'),
        email: ctx.fresh.email(),
        password: 'a long setup password',
      },
    }),
    member: { as: 'nobody', status: 404, code: 'SETUP_NOT_AVAILABLE' },
    cross: {
      status: 404,
      code: 'SETUP_NOT_AVAILABLE',
      why: 'first run only: once an organization exists, even a valid token does nothing',
    },
    owner: { status: 404, code: 'SETUP_NOT_AVAILABLE' },
  },

  listOrganizations: {
    build: async (ctx) => ({ path: '/v1/organization', query: inA(ctx) }),
    member: { as: 'nobody', status: 200, why: MEMBERSHIP },
    cross: {
      status: 200,
      why: 'org_name filters the caller’s own orgs: the list comes back empty',
    },
  },
  updateOrganizationMembers: {
    build: async (ctx) => ({
      path: '/v1/organization/members',
      body: {
        org_id: ctx.a.org.id,
        invite_users: { emails: [ctx.fresh.email()], group_names: ['Viewers'] },
      },
    }),
    member: { as: 'nobody', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  getOrganization: {
    build: async (ctx) => ({ path: `/v1/organization/${ctx.a.org.id}` }),
    member: { as: 'nobody', status: 200, why: MEMBERSHIP },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  updateOrganization: {
    build: async (ctx) => ({
      path: `/v1/organization/${ctx.a.org.id}`,
      body: { api_url: 'https://data.example.com' },
    }),
    member: { as: 'nobody', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  listInvitations: {
    build: async (ctx) => ({ path: '/v1/invitation', query: inA(ctx) }),
    member: { as: 'nobody', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  revokeInvitation: {
    build: async (ctx) => ({ path: `/v1/invitation/${(await ctx.fresh.invitation()).id}` }),
    member: { as: 'nobody', status: 404, code: 'INVITATION_NOT_FOUND' },
    cross: { status: 404, code: 'INVITATION_NOT_FOUND' },
  },
  previewInvitation: {
    build: async (ctx) => ({
      path: '/v1/invitation/preview',
      body: { token: (await ctx.fresh.invitation()).token },
    }),
    member: { as: 'nobody', status: 200, why: 'public: the token is the credential' },
    cross: {
      status: 200,
      why: 'public: the token is the credential',
      mayNameA: 'whoever holds the link may see which org invited them',
    },
  },
  acceptInvitation: {
    // Owner and member accept an invitation of a new address (the token is the credential);
    // B's owner holds A's invitation of B's owner's own address but calls with an API key, and
    // an existing account accepts only from its own session.
    build: async (ctx, who, caller) => {
      const email = who === 'cross' ? caller.user.email : undefined
      const { token } = await ctx.fresh.invitation(email)
      return {
        path: '/v1/invitation/accept',
        body: who === 'cross' ? { token } : { token, password: 'a long new password' },
      }
    },
    member: { as: 'nobody', status: 200, why: 'public: the token is the credential' },
    cross: { status: 404, code: 'INVITATION_NOT_FOUND' },
    crossWith: {
      kinds: ['key'],
      why: 'from its own session, B’s owner may accept an invitation of its own address',
    },
  },

  listUsers: {
    build: async (ctx) => ({ path: '/v1/user', query: inA(ctx) }),
    member: { as: 'nobody', status: 200, why: MEMBERSHIP },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  getUser: {
    build: async (ctx) => ({ path: `/v1/user/${ctx.a.owner.user.id}` }),
    member: { as: 'nobody', status: 200, why: 'members may see each other' },
    cross: { status: 404, code: 'USER_NOT_FOUND' },
  },

  listProjects: {
    build: async (ctx) => ({ path: '/v1/project', query: inA(ctx) }),
    member: { as: 'nobody', status: 200, why: 'lists only what the caller may read (nothing)' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  createProject: {
    build: async (ctx) => ({
      path: '/v1/project',
      body: { name: ctx.fresh.name('p'), ...inA(ctx) },
    }),
    member: { as: 'viewer', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  getProject: {
    build: async (ctx) => ({ path: `/v1/project/${ctx.project}` }),
    member: { as: 'nobody', status: 404, code: 'PROJECT_NOT_FOUND' },
    cross: { status: 404, code: 'PROJECT_NOT_FOUND' },
  },
  updateProject: {
    build: async (ctx) => ({
      path: `/v1/project/${await ctx.fresh.project()}`,
      body: { name: ctx.fresh.name('renamed') },
    }),
    member: { as: 'viewer', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'PROJECT_NOT_FOUND' },
  },
  deleteProject: {
    build: async (ctx) => ({ path: `/v1/project/${await ctx.fresh.project()}` }),
    member: { as: 'viewer', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'PROJECT_NOT_FOUND' },
  },

  listGroups: {
    build: async (ctx) => ({ path: '/v1/group', query: inA(ctx) }),
    member: { as: 'nobody', status: 200, why: 'lists only what the caller may read' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  createGroup: {
    build: async (ctx) => ({ path: '/v1/group', body: { name: ctx.fresh.name('g'), ...inA(ctx) } }),
    member: { as: 'nobody', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  replaceGroup: {
    build: async (ctx) => ({
      path: '/v1/group',
      body: { name: (await ctx.fresh.group()).name, description: 'replaced', ...inA(ctx) },
    }),
    member: { as: 'nobody', status: 404, code: 'GROUP_NOT_FOUND' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  getGroup: {
    build: async (ctx) => ({ path: `/v1/group/${ctx.group}` }),
    member: { as: 'nobody', status: 404, code: 'GROUP_NOT_FOUND' },
    cross: { status: 404, code: 'GROUP_NOT_FOUND' },
  },
  updateGroup: {
    build: async (ctx) => ({
      path: `/v1/group/${(await ctx.fresh.group()).id}`,
      body: { description: 'changed' },
    }),
    member: { as: 'nobody', status: 404, code: 'GROUP_NOT_FOUND' },
    cross: { status: 404, code: 'GROUP_NOT_FOUND' },
  },
  deleteGroup: {
    build: async (ctx) => ({ path: `/v1/group/${(await ctx.fresh.group()).id}` }),
    member: { as: 'nobody', status: 404, code: 'GROUP_NOT_FOUND' },
    cross: { status: 404, code: 'GROUP_NOT_FOUND' },
  },

  listRoles: {
    build: async (ctx) => ({ path: '/v1/role', query: inA(ctx) }),
    member: { as: 'nobody', status: 200, why: 'system roles are public; org roles are filtered' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  createRole: {
    build: async (ctx) => ({
      path: '/v1/role',
      body: {
        name: ctx.fresh.name('r'),
        member_permissions: [{ permission: 'read' }],
        ...inA(ctx),
      },
    }),
    member: { as: 'nobody', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  replaceRole: {
    build: async (ctx) => ({
      path: '/v1/role',
      body: { name: (await ctx.fresh.role()).name, description: 'replaced', ...inA(ctx) },
    }),
    member: { as: 'nobody', status: 404, code: 'ROLE_NOT_FOUND' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  getRole: {
    build: async (ctx) => ({ path: `/v1/role/${ctx.role}` }),
    member: { as: 'nobody', status: 404, code: 'ROLE_NOT_FOUND' },
    cross: { status: 404, code: 'ROLE_NOT_FOUND' },
  },
  updateRole: {
    build: async (ctx) => ({
      path: `/v1/role/${(await ctx.fresh.role()).id}`,
      body: { description: 'changed' },
    }),
    member: { as: 'nobody', status: 404, code: 'ROLE_NOT_FOUND' },
    cross: { status: 404, code: 'ROLE_NOT_FOUND' },
  },
  deleteRole: {
    build: async (ctx) => ({ path: `/v1/role/${(await ctx.fresh.role()).id}` }),
    member: { as: 'nobody', status: 404, code: 'ROLE_NOT_FOUND' },
    cross: { status: 404, code: 'ROLE_NOT_FOUND' },
  },

  batchUpdateAcls: {
    build: async (ctx) => ({
      path: '/v1/acl/batch_update',
      body: {
        add_acls: [
          {
            object_type: 'project',
            object_id: ctx.project,
            user_id: ctx.nobody.user.id,
            permission: 'read',
          },
        ],
      },
    }),
    member: { as: 'viewer', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'PROJECT_NOT_FOUND' },
  },
  listOrgAcls: {
    build: async (ctx) => ({ path: '/v1/acl/list_org', query: inA(ctx) }),
    member: { as: 'nobody', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  explainAccess: {
    build: async (ctx) => ({
      path: '/v1/acl/explain',
      body: { user_id: ctx.a.owner.user.id, object_type: 'project', object_id: ctx.project },
    }),
    member: { as: 'viewer', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'PROJECT_NOT_FOUND' },
  },
  listAcls: {
    build: async (ctx) => ({
      path: '/v1/acl',
      query: { object_type: 'project', object_id: ctx.project },
    }),
    member: { as: 'viewer', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'PROJECT_NOT_FOUND' },
  },
  createAcl: {
    build: async (ctx) => ({
      path: '/v1/acl',
      body: {
        object_type: 'project',
        object_id: ctx.project,
        user_id: ctx.viewer.user.id,
        permission: 'update',
      },
    }),
    member: { as: 'viewer', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'PROJECT_NOT_FOUND' },
  },
  deleteAclByContent: {
    build: async (ctx) => ({ path: '/v1/acl', body: (await ctx.fresh.acl()).item }),
    member: { as: 'viewer', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'PROJECT_NOT_FOUND' },
  },
  getAcl: {
    build: async (ctx) => ({ path: `/v1/acl/${ctx.acl}` }),
    member: { as: 'viewer', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'ACL_NOT_FOUND' },
  },
  deleteAcl: {
    build: async (ctx) => ({ path: `/v1/acl/${(await ctx.fresh.acl()).id}` }),
    member: { as: 'viewer', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'ACL_NOT_FOUND' },
  },

  listApiKeys: {
    build: async (ctx) => ({ path: '/v1/api_key', query: { scope: 'org', ...inA(ctx) } }),
    member: { as: 'nobody', status: 403, code: 'OWNER_ONLY_KEY_INVENTORY' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  createApiKey: {
    auth: 'session',
    build: async (ctx) => ({
      path: '/v1/api_key',
      body: { name: ctx.fresh.name('k'), ...inA(ctx) },
    }),
    member: {
      as: 'nobody',
      status: 200,
      why: 'every member may make their own key from a session',
    },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  getApiKey: {
    build: async (ctx) => ({ path: `/v1/api_key/${ctx.apiKey}` }),
    member: { as: 'nobody', status: 404, code: 'API_KEY_NOT_FOUND' },
    cross: { status: 404, code: 'API_KEY_NOT_FOUND' },
  },
  deleteApiKey: {
    build: async (ctx) => ({ path: `/v1/api_key/${await ctx.fresh.apiKey()}` }),
    member: { as: 'nobody', status: 404, code: 'API_KEY_NOT_FOUND' },
    cross: { status: 404, code: 'API_KEY_NOT_FOUND' },
  },

  listServiceTokens: {
    build: async (ctx) => ({ path: '/v1/service_token', query: inA(ctx) }),
    member: { as: 'nobody', status: 403, code: 'OWNER_REQUIRED' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  createServiceToken: {
    auth: 'session',
    build: async (ctx) => ({
      path: '/v1/service_token',
      body: { name: ctx.fresh.name('t'), service_account_id: ctx.serviceAccount, ...inA(ctx) },
    }),
    member: { as: 'nobody', status: 403, code: 'OWNER_REQUIRED' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  replaceServiceToken: {
    auth: 'session',
    build: async (ctx) => ({
      path: '/v1/service_token',
      body: { name: ctx.fresh.name('t'), service_account_id: ctx.serviceAccount, ...inA(ctx) },
    }),
    member: { as: 'nobody', status: 403, code: 'OWNER_REQUIRED' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  deleteServiceTokenByBody: {
    build: async (ctx) => ({
      path: '/v1/service_token',
      body: { id: await ctx.fresh.serviceToken() },
    }),
    member: { as: 'nobody', status: 403, code: 'OWNER_REQUIRED' },
    cross: { status: 404, code: 'SERVICE_TOKEN_NOT_FOUND' },
  },
  getServiceToken: {
    build: async (ctx) => ({ path: `/v1/service_token/${ctx.serviceToken}` }),
    member: { as: 'nobody', status: 403, code: 'OWNER_REQUIRED' },
    cross: { status: 404, code: 'SERVICE_TOKEN_NOT_FOUND' },
  },
  deleteServiceToken: {
    build: async (ctx) => ({ path: `/v1/service_token/${await ctx.fresh.serviceToken()}` }),
    member: { as: 'nobody', status: 403, code: 'OWNER_REQUIRED' },
    cross: { status: 404, code: 'SERVICE_TOKEN_NOT_FOUND' },
  },

  listServiceAccounts: {
    build: async (ctx) => ({ path: '/v1/service_account', query: inA(ctx) }),
    member: { as: 'nobody', status: 403, code: 'OWNER_REQUIRED' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  createServiceAccount: {
    auth: 'session',
    build: async (ctx) => ({
      path: '/v1/service_account',
      body: { name: ctx.fresh.name('sa'), ...inA(ctx) },
    }),
    member: { as: 'nobody', status: 403, code: 'OWNER_REQUIRED' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  deleteServiceAccount: {
    build: async (ctx) => ({ path: `/v1/service_account/${await ctx.fresh.serviceAccount()}` }),
    member: { as: 'nobody', status: 403, code: 'OWNER_REQUIRED' },
    cross: { status: 404, code: 'SERVICE_ACCOUNT_NOT_FOUND' },
  },

  listAuditLog: {
    build: async (ctx) => ({ path: '/v1/audit_log', query: inA(ctx) }),
    member: { as: 'nobody', status: 403, code: 'PERMISSION_DENIED' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  authorize: {
    build: async (ctx) => ({
      path: '/v1/authorize',
      body: {
        ...inA(ctx),
        checks: [{ permission: 'read', object_type: 'project', object_id: ctx.project }],
      },
    }),
    member: { as: 'nobody', status: 200, why: 'each check is answered (denied), not enforced' },
    cross: { status: 404, code: 'ORG_NOT_FOUND' },
  },
  apiKeyLogin: {
    build: async () => ({ path: '/api/apikey/login' }),
    member: { as: 'nobody', status: 200, why: 'lists the caller’s own orgs' },
    cross: { status: 200, why: NAMES_NOTHING },
  },
  selfMe: {
    build: async () => ({ path: '/api/self/me' }),
    member: { as: 'nobody', status: 200, why: 'says who the caller is' },
    cross: { status: 200, why: NAMES_NOTHING },
  },
}
