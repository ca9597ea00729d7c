import type { ErrorCode } from '@gatehouse/core'
import { TEST_PASSWORD } from '@gatehouse/core/testing'
import type { Credential, Member } from './harness.js'
import type { MatrixContext } from './matrix-context.js'

/*
 * One concrete request per route of the API, and what each kind of caller must get back. The
 * route matrix (security/route-matrix.test.ts) runs every row; a route without a row fails it, so
 * a new route cannot ship without saying who may call it.
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

/** A member of A who lacks the permission: a person in no group, or a Viewer. */
export type MemberExpect = Expect & { readonly as: 'nobody' | 'viewer' }

/** B's owner. 404 when the request names anything of A; otherwise `why` says why not. */
export type CrossExpect = Expect & {
  /** Why a 2xx answer may name org A (the caller holds A's invitation token). */
  readonly mayNameA?: string
}

export interface Sample {
  /** Builds the request; routes that change or destroy an object get a fresh one per call. */
  build(ctx: MatrixContext, who: Who, caller: Member): Promise<SampleRequest>
  readonly member: MemberExpect
  readonly cross: CrossExpect
  /** A's owner; 200 unless said otherwise. */
  readonly owner?: Expect
  /** The caller's credential: its API key (default) or its browser session (minting rules). */
  readonly auth?: 'key' | 'session'
  /** B's owner calls with its API key and with its session unless this narrows it (say why). */
  readonly crossWith?: { readonly kinds: readonly ('key' | 'session')[]; readonly why: string }
}

type Build = Sample['build']
type Body = Record<string, unknown>

// The requests.

/** The org selector of list and create routes: naming A is what another tenant must not get. */
const inA = (ctx: MatrixContext) => ({ org_name: ctx.a.org.name })

const at =
  (path: string, body?: (ctx: MatrixContext) => Body | Promise<Body>): Build =>
  async (ctx) =>
    body === undefined ? { path } : { path, body: await body(ctx) }

const listIn =
  (path: string, query: Record<string, string> = {}): Build =>
  async (ctx) => ({ path, query: { ...query, ...inA(ctx) } })

const createIn =
  (path: string, body: (ctx: MatrixContext) => Body | Promise<Body>): Build =>
  async (ctx) => ({ path, body: { ...(await body(ctx)), ...inA(ctx) } })

/** One object named by its id in the path: a shared one to read, a fresh one to change. */
const byId =
  (
    base: string,
    id: (ctx: MatrixContext) => string | Promise<string>,
    body?: (ctx: MatrixContext) => Body,
  ): Build =>
  async (ctx) => {
    const path = `${base}/${await id(ctx)}`
    return body === undefined ? { path } : { path, body: body(ctx) }
  }

// What a member of A without the permission gets.

const refused = (code: ErrorCode = 'PERMISSION_DENIED'): MemberExpect => ({
  as: 'nobody',
  status: 403,
  code,
})
const VIEWER_REFUSED: MemberExpect = { as: 'viewer', status: 403, code: 'PERMISSION_DENIED' }
const OWNER_ONLY = refused('OWNER_REQUIRED')
/** A 404: the member may not see the object, so it does not exist for them. */
const unseen = (code: ErrorCode): MemberExpect => ({ as: 'nobody', status: 404, code })
const allowed = (why: string): MemberExpect => ({ as: 'nobody', status: 200, why })

// What B's owner gets.

const notFound = (code: ErrorCode): CrossExpect => ({ status: 404, code })
const NO_SUCH_ORG = notFound('ORG_NOT_FOUND')
const answered = (why: string): CrossExpect => ({ status: 200, why })

const PUBLIC = 'public: no credential needed'
const NAMES_NOTHING = 'names nothing of A: it answers about the caller itself'
const MEMBERSHIP = 'any member of the org may'
const TOKEN_IS_CREDENTIAL = 'public: the token is the credential'
const SAYS_WHO = 'says who the caller is'

const row = (
  build: Build,
  member: MemberExpect,
  cross: CrossExpect,
  more: Pick<Sample, 'auth' | 'owner' | 'crossWith'> = {},
): Sample => ({ build, member, cross, ...more })

/** A route that needs no credential and answers everyone alike. */
const publicRoute = (path: string): Sample => row(at(path), allowed(PUBLIC), answered(PUBLIC))

/**
 * Projects, groups and roles: list, create, get, update, delete (and replace by name), each
 * refused alike to a member who lacks the permission and hidden from another org.
 */
function namedObjectRoutes(
  noun: 'Project' | 'Group' | 'Role',
  o: {
    readonly path: string
    readonly notFound: ErrorCode
    readonly listWhy: string
    readonly createBody: (ctx: MatrixContext) => Body
    readonly shared: (ctx: MatrixContext) => string
    readonly fresh: (ctx: MatrixContext) => Promise<{ id: string; name?: string }>
    readonly updateBody: (ctx: MatrixContext) => Body
    /** What the member gets on create, and on the writes that name an object. */
    readonly create: MemberExpect
    readonly write: MemberExpect
    readonly replace: boolean
  },
): Record<string, Sample> {
  const gone = notFound(o.notFound)
  const freshId = async (ctx: MatrixContext) => (await o.fresh(ctx)).id
  const routes: Record<string, Sample> = {
    [`list${noun}s`]: row(listIn(o.path), allowed(o.listWhy), NO_SUCH_ORG),
    [`create${noun}`]: row(createIn(o.path, o.createBody), o.create, NO_SUCH_ORG),
    [`get${noun}`]: row(byId(o.path, o.shared), unseen(o.notFound), gone),
    [`update${noun}`]: row(byId(o.path, freshId, o.updateBody), o.write, gone),
    [`delete${noun}`]: row(byId(o.path, freshId), o.write, gone),
  }
  if (o.replace) {
    routes[`replace${noun}`] = row(
      createIn(o.path, async (ctx) => ({
        name: (await o.fresh(ctx)).name,
        description: 'replaced',
      })),
      o.write,
      NO_SUCH_ORG,
    )
  }
  return routes
}

const newToken = (ctx: MatrixContext) => ({
  name: ctx.fresh.name('t'),
  service_account_id: ctx.serviceAccount,
})

/** An invitation of the caller's own address (B's owner) or of a new one (the others). */
const acceptInvitation: Build = async (ctx, who, caller) => {
  const email = who === 'cross' ? caller.user.email : undefined
  const { token } = await ctx.fresh.invitation(email)
  return {
    path: '/v1/invitation/accept',
    body: who === 'cross' ? { token } : { token, password: 'a long new password' },
  }
}

/** A person of the caller's org made for this request: the change ends their other sessions. */
const changePassword: Build = async (ctx, who) => {
  const person =
    who === 'cross'
      ? await ctx.h.member(ctx.b)
      : await ctx.h.member(ctx.a, who === 'owner' ? [ctx.a.groups.owners] : [])
  return {
    path: '/auth/password',
    body: { current_password: TEST_PASSWORD, new_password: 'another long passphrase' },
    auth: person.session,
  }
}

const projectAcl = (ctx: MatrixContext, userId: string, permission: string) => ({
  object_type: 'project',
  object_id: ctx.project,
  user_id: userId,
  permission,
})

const SETUP_DONE = notFound('SETUP_NOT_AVAILABLE')

export const SAMPLES: Record<string, Sample> = {
  healthz: publicRoute('/healthz'),
  readyz: publicRoute('/readyz'),
  login: row(
    async (_ctx, _who, caller) => ({
      path: '/auth/login',
      body: { email: caller.user.email, password: TEST_PASSWORD },
    }),
    allowed('anyone may log in with their own password'),
    answered('logs the caller into its own account'),
  ),
  logout: row(
    async (ctx, _who, caller) => ({
      path: '/auth/logout',
      auth: await ctx.h.sessionFor(caller.user),
    }),
    allowed('ends only the caller’s own session'),
    answered('ends only the caller’s own session'),
    { auth: 'session' },
  ),
  getSession: row(at('/auth/session'), allowed(SAYS_WHO), answered(NAMES_NOTHING)),
  changePassword: row(
    changePassword,
    allowed('changes only the caller’s own password'),
    answered('changes only the caller’s own password'),
    { auth: 'session' },
  ),
  setup: row(
    at('/auth/setup', (ctx) => ({
      token: ctx.h.services.setup.issue(),
      org_name: ctx.fresh.name('setup'),
      email: ctx.fresh.email(),
      password: 'a long setup password',
    })),
    unseen('SETUP_NOT_AVAILABLE'),
    {
      ...SETUP_DONE,
      why: 'first run only: once an organization exists, even a valid token does nothing',
    },
    { owner: SETUP_DONE },
  ),

  listOrganizations: row(
    listIn('/v1/organization'),
    allowed(MEMBERSHIP),
    answered('org_name filters the caller’s own orgs: the list comes back empty'),
  ),
  updateOrganizationMembers: row(
    at('/v1/organization/members', (ctx) => ({
      org_id: ctx.a.org.id,
      invite_users: { emails: [ctx.fresh.email()], group_names: ['Viewers'] },
    })),
    refused(),
    NO_SUCH_ORG,
  ),
  getOrganization: row(
    byId('/v1/organization', (ctx) => ctx.a.org.id),
    allowed(MEMBERSHIP),
    NO_SUCH_ORG,
  ),
  updateOrganization: row(
    byId(
      '/v1/organization',
      (ctx) => ctx.a.org.id,
      () => ({ api_url: 'https://data.example.com' }),
    ),
    refused(),
    NO_SUCH_ORG,
  ),
  listInvitations: row(listIn('/v1/invitation'), refused(), NO_SUCH_ORG),
  revokeInvitation: row(
    byId('/v1/invitation', async (ctx) => (await ctx.fresh.invitation()).id),
    unseen('INVITATION_NOT_FOUND'),
    notFound('INVITATION_NOT_FOUND'),
  ),
  previewInvitation: row(
    at('/v1/invitation/preview', async (ctx) => ({ token: (await ctx.fresh.invitation()).token })),
    allowed(TOKEN_IS_CREDENTIAL),
    {
      ...answered(TOKEN_IS_CREDENTIAL),
      mayNameA: 'whoever holds the link may see which org invited them',
    },
  ),
  // B's owner calls with an API key: an existing account accepts only from its own session.
  acceptInvitation: row(
    acceptInvitation,
    allowed(TOKEN_IS_CREDENTIAL),
    notFound('INVITATION_NOT_FOUND'),
    {
      crossWith: {
        kinds: ['key'],
        why: 'from its own session, B’s owner may accept an invitation of its own address',
      },
    },
  ),

  listUsers: row(listIn('/v1/user'), allowed(MEMBERSHIP), NO_SUCH_ORG),
  getUser: row(
    byId('/v1/user', (ctx) => ctx.a.owner.user.id),
    allowed('members may see each other'),
    notFound('USER_NOT_FOUND'),
  ),

  ...namedObjectRoutes('Project', {
    path: '/v1/project',
    notFound: 'PROJECT_NOT_FOUND',
    listWhy: 'lists only what the caller may read (nothing)',
    createBody: (ctx) => ({ name: ctx.fresh.name('p') }),
    shared: (ctx) => ctx.project,
    fresh: async (ctx) => ({ id: await ctx.fresh.project() }),
    updateBody: (ctx) => ({ name: ctx.fresh.name('renamed') }),
    create: VIEWER_REFUSED,
    write: VIEWER_REFUSED,
    replace: false,
  }),
  ...namedObjectRoutes('Group', {
    path: '/v1/group',
    notFound: 'GROUP_NOT_FOUND',
    listWhy: 'lists only what the caller may read',
    createBody: (ctx) => ({ name: ctx.fresh.name('g') }),
    shared: (ctx) => ctx.group,
    fresh: (ctx) => ctx.fresh.group(),
    updateBody: () => ({ description: 'changed' }),
    create: refused(),
    write: unseen('GROUP_NOT_FOUND'),
    replace: true,
  }),
  ...namedObjectRoutes('Role', {
    path: '/v1/role',
    notFound: 'ROLE_NOT_FOUND',
    listWhy: 'system roles are public; org roles are filtered',
    createBody: (ctx) => ({
      name: ctx.fresh.name('r'),
      member_permissions: [{ permission: 'read' }],
    }),
    shared: (ctx) => ctx.role,
    fresh: (ctx) => ctx.fresh.role(),
    updateBody: () => ({ description: 'changed' }),
    create: refused(),
    write: unseen('ROLE_NOT_FOUND'),
    replace: true,
  }),

  batchUpdateAcls: row(
    at('/v1/acl/batch_update', (ctx) => ({
      add_acls: [projectAcl(ctx, ctx.nobody.user.id, 'read')],
    })),
    VIEWER_REFUSED,
    notFound('PROJECT_NOT_FOUND'),
  ),
  listOrgAcls: row(listIn('/v1/acl/list_org'), refused(), NO_SUCH_ORG),
  explainAccess: row(
    at('/v1/acl/explain', (ctx) => ({
      user_id: ctx.a.owner.user.id,
      object_type: 'project',
      object_id: ctx.project,
    })),
    VIEWER_REFUSED,
    notFound('PROJECT_NOT_FOUND'),
  ),
  listAcls: row(
    async (ctx) => ({
      path: '/v1/acl',
      query: { object_type: 'project', object_id: ctx.project },
    }),
    VIEWER_REFUSED,
    notFound('PROJECT_NOT_FOUND'),
  ),
  createAcl: row(
    at('/v1/acl', (ctx) => projectAcl(ctx, ctx.viewer.user.id, 'update')),
    VIEWER_REFUSED,
    notFound('PROJECT_NOT_FOUND'),
  ),
  deleteAclByContent: row(
    at('/v1/acl', async (ctx) => (await ctx.fresh.acl()).item),
    VIEWER_REFUSED,
    notFound('PROJECT_NOT_FOUND'),
  ),
  getAcl: row(
    byId('/v1/acl', (ctx) => ctx.acl),
    VIEWER_REFUSED,
    notFound('ACL_NOT_FOUND'),
  ),
  deleteAcl: row(
    byId('/v1/acl', async (ctx) => (await ctx.fresh.acl()).id),
    VIEWER_REFUSED,
    notFound('ACL_NOT_FOUND'),
  ),

  listApiKeys: row(
    listIn('/v1/api_key', { scope: 'org' }),
    refused('OWNER_ONLY_KEY_INVENTORY'),
    NO_SUCH_ORG,
  ),
  createApiKey: row(
    createIn('/v1/api_key', (ctx) => ({ name: ctx.fresh.name('k') })),
    allowed('every member may make their own key from a session'),
    NO_SUCH_ORG,
    { auth: 'session' },
  ),
  getApiKey: row(
    byId('/v1/api_key', (ctx) => ctx.apiKey),
    unseen('API_KEY_NOT_FOUND'),
    notFound('API_KEY_NOT_FOUND'),
  ),
  deleteApiKey: row(
    byId('/v1/api_key', (ctx) => ctx.fresh.apiKey()),
    unseen('API_KEY_NOT_FOUND'),
    notFound('API_KEY_NOT_FOUND'),
  ),

  listServiceTokens: row(listIn('/v1/service_token'), OWNER_ONLY, NO_SUCH_ORG),
  createServiceToken: row(createIn('/v1/service_token', newToken), OWNER_ONLY, NO_SUCH_ORG, {
    auth: 'session',
  }),
  replaceServiceToken: row(createIn('/v1/service_token', newToken), OWNER_ONLY, NO_SUCH_ORG, {
    auth: 'session',
  }),
  deleteServiceTokenByBody: row(
    at('/v1/service_token', async (ctx) => ({ id: await ctx.fresh.serviceToken() })),
    OWNER_ONLY,
    notFound('SERVICE_TOKEN_NOT_FOUND'),
  ),
  getServiceToken: row(
    byId('/v1/service_token', (ctx) => ctx.serviceToken),
    OWNER_ONLY,
    notFound('SERVICE_TOKEN_NOT_FOUND'),
  ),
  deleteServiceToken: row(
    byId('/v1/service_token', (ctx) => ctx.fresh.serviceToken()),
    OWNER_ONLY,
    notFound('SERVICE_TOKEN_NOT_FOUND'),
  ),

  listServiceAccounts: row(listIn('/v1/service_account'), OWNER_ONLY, NO_SUCH_ORG),
  createServiceAccount: row(
    createIn('/v1/service_account', (ctx) => ({ name: ctx.fresh.name('sa') })),
    OWNER_ONLY,
    NO_SUCH_ORG,
    { auth: 'session' },
  ),
  deleteServiceAccount: row(
    byId('/v1/service_account', (ctx) => ctx.fresh.serviceAccount()),
    OWNER_ONLY,
    notFound('SERVICE_ACCOUNT_NOT_FOUND'),
  ),

  listAuditLog: row(listIn('/v1/audit_log'), refused(), NO_SUCH_ORG),
  authorize: row(
    at('/v1/authorize', (ctx) => ({
      ...inA(ctx),
      checks: [{ permission: 'read', object_type: 'project', object_id: ctx.project }],
    })),
    allowed('each check is answered (denied), not enforced'),
    NO_SUCH_ORG,
  ),
  apiKeyLogin: row(
    at('/api/apikey/login'),
    allowed('lists the caller’s own orgs'),
    answered(NAMES_NOTHING),
  ),
  selfMe: row(at('/api/self/me'), allowed(SAYS_WHO), answered(NAMES_NOTHING)),
}
