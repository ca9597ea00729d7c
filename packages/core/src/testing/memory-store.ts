import { GENESIS_HASH } from '../audit/chain.js'
import { SYSTEM_ROLES } from '../authz/system-roles.js'
import { AppError } from '../errors.js'
import type {
  Acl,
  AclItem,
  ApiKey,
  AuditActor,
  AuditEvent,
  Group,
  Invitation,
  Membership,
  Organization,
  Project,
  Role,
  ServiceToken,
  Session,
  User,
} from '../model/entities.js'
import type {
  AclRepo,
  ApiKeyRepo,
  AuditHead,
  AuditRepo,
  GroupRepo,
  InvitationRepo,
  MemberRepo,
  NamedListQuery,
  OrgRepo,
  PageQuery,
  ProjectRepo,
  RoleRepo,
  ServiceTokenRepo,
  SessionRepo,
  Store,
  Tx,
  UserRepo,
} from '../ports.js'
import { compareNewestFirst, paginate } from '../use-cases/paginate.js'

/*
 * The in-memory Store of the test fixtures. It must behave like the SQL stores in every way a
 * use case can observe (the contract suite holds all of them to the same rules), so it copies
 * rows in and out field by field, round-trips JSON like a text column would, and runs each
 * transaction on a private copy of the state that only replaces the committed state on success.
 */

interface State {
  readonly orgs: Map<string, Organization>
  readonly users: Map<string, User>
  /** Keyed by `orgId userId`. */
  readonly members: Map<string, Membership>
  readonly projects: Map<string, Project>
  readonly groups: Map<string, Group>
  readonly roles: Map<string, Role>
  readonly acls: Map<string, Acl>
  readonly apiKeys: Map<string, ApiKey>
  readonly serviceTokens: Map<string, ServiceToken>
  readonly invitations: Map<string, Invitation>
  readonly sessions: Map<string, Session>
  /** Per org, in seq order. */
  readonly audit: Map<string, AuditEvent[]>
  readonly heads: Map<string, AuditHead>
}

function emptyState(): State {
  return {
    orgs: new Map(),
    users: new Map(),
    members: new Map(),
    projects: new Map(),
    groups: new Map(),
    roles: new Map(),
    acls: new Map(),
    apiKeys: new Map(),
    serviceTokens: new Map(),
    invitations: new Map(),
    sessions: new Map(),
    audit: new Map(),
    heads: new Map(),
  }
}

/** Stored rows are never mutated in place (updates replace them), so a shallow copy isolates. */
function copyState(state: State): State {
  return {
    orgs: new Map(state.orgs),
    users: new Map(state.users),
    members: new Map(state.members),
    projects: new Map(state.projects),
    groups: new Map(state.groups),
    roles: new Map(state.roles),
    acls: new Map(state.acls),
    apiKeys: new Map(state.apiKeys),
    serviceTokens: new Map(state.serviceTokens),
    invitations: new Map(state.invitations),
    sessions: new Map(state.sessions),
    audit: new Map([...state.audit].map(([orgId, events]) => [orgId, [...events]])),
    heads: new Map(state.heads),
  }
}

/** What a JSON text column gives back: undefined dropped, a fresh object graph. */
function json<T>(value: T): T {
  return value === undefined ? (null as T) : (JSON.parse(JSON.stringify(value)) as T)
}

// Field-by-field copies: a row holds exactly the entity's fields, like a table's columns would,
// and no caller ever holds a reference into the store.

function copyOrg(o: Organization): Organization {
  return {
    id: o.id,
    name: o.name,
    plan: o.plan,
    settings: {
      directOwnershipGrants: o.settings.directOwnershipGrants,
      serviceTokensCanMint: o.settings.serviceTokensCanMint,
    },
    apiUrl: o.apiUrl,
    proxyUrl: o.proxyUrl,
    realtimeUrl: o.realtimeUrl,
    isUniversalApi: o.isUniversalApi,
    isDataplanePrivate: o.isDataplanePrivate,
    imageRenderingMode: o.imageRenderingMode,
    authzVersion: o.authzVersion,
    createdAt: o.createdAt,
  }
}

function copyUser(u: User): User {
  return {
    id: u.id,
    kind: u.kind,
    email: u.email.toLowerCase(),
    givenName: u.givenName,
    familyName: u.familyName,
    avatarUrl: u.avatarUrl,
    passwordHash: u.passwordHash,
    serviceAccountOrgId: u.serviceAccountOrgId,
    createdAt: u.createdAt,
    deletedAt: u.deletedAt,
  }
}

function copyMembership(m: Membership): Membership {
  return { orgId: m.orgId, userId: m.userId, createdAt: m.createdAt }
}

function copyProject(p: Project): Project {
  return {
    id: p.id,
    orgId: p.orgId,
    name: p.name,
    userId: p.userId,
    settings: p.settings === null ? null : json(p.settings),
    createdAt: p.createdAt,
    deletedAt: p.deletedAt,
  }
}

function copyGroup(g: Group): Group {
  return {
    id: g.id,
    orgId: g.orgId,
    userId: g.userId,
    name: g.name,
    description: g.description,
    builtin: g.builtin,
    memberUsers: [...new Set(g.memberUsers)],
    memberGroups: [...new Set(g.memberGroups)],
    createdAt: g.createdAt,
    deletedAt: g.deletedAt,
  }
}

function copyRole(r: Role): Role {
  return {
    id: r.id,
    orgId: r.orgId,
    userId: r.userId,
    name: r.name,
    description: r.description,
    memberPermissions: r.memberPermissions.map((p) => ({
      permission: p.permission,
      restrictObjectType: p.restrictObjectType,
    })),
    memberRoles: [...new Set(r.memberRoles)],
    createdAt: r.createdAt,
    deletedAt: r.deletedAt,
  }
}

function copyAcl(a: Acl): Acl {
  return {
    id: a.id,
    orgId: a.orgId,
    objectType: a.objectType,
    objectId: a.objectId,
    userId: a.userId,
    groupId: a.groupId,
    permission: a.permission,
    roleId: a.roleId,
    restrictObjectType: a.restrictObjectType,
    createdAt: a.createdAt,
  }
}

function copyApiKey(k: ApiKey): ApiKey {
  return {
    id: k.id,
    orgId: k.orgId,
    userId: k.userId,
    name: k.name,
    previewName: k.previewName,
    secretHash: k.secretHash,
    createdAt: k.createdAt,
    expiresAt: k.expiresAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  }
}

function copyServiceToken(t: ServiceToken): ServiceToken {
  return {
    id: t.id,
    orgId: t.orgId,
    serviceAccountId: t.serviceAccountId,
    name: t.name,
    previewName: t.previewName,
    secretHash: t.secretHash,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
  }
}

function copyInvitation(i: Invitation): Invitation {
  return {
    id: i.id,
    orgId: i.orgId,
    email: i.email,
    groupIds: [...i.groupIds],
    tokenHash: i.tokenHash,
    invitedBy: i.invitedBy,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    acceptedAt: i.acceptedAt,
    acceptedUserId: i.acceptedUserId,
    revokedAt: i.revokedAt,
  }
}

function copySession(x: Session): Session {
  return {
    id: x.id,
    userId: x.userId,
    tokenHash: x.tokenHash,
    csrfHash: x.csrfHash,
    createdAt: x.createdAt,
    lastSeenAt: x.lastSeenAt,
    expiresAt: x.expiresAt,
    revokedAt: x.revokedAt,
    ip: x.ip,
    userAgent: x.userAgent,
  }
}

function copyAuditActor(a: AuditActor): AuditActor {
  return {
    userId: a.userId,
    credentialKind: a.credentialKind,
    credentialId: a.credentialId,
    impersonatorId: a.impersonatorId,
  }
}

function copyAuditEvent(e: AuditEvent): AuditEvent {
  return {
    id: e.id,
    orgId: e.orgId,
    seq: e.seq,
    action: e.action,
    outcome: e.outcome,
    actor: copyAuditActor(e.actor),
    objectType: e.objectType,
    objectId: e.objectId,
    before: json(e.before),
    after: json(e.after),
    reason: e.reason,
    requestId: e.requestId,
    occurredAt: e.occurredAt,
    prevHash: e.prevHash,
    hash: e.hash,
  }
}

/** The row, copied, or undefined: no caller ever holds a reference into the store. */
function copied<T>(row: T | undefined, copy: (row: T) => T): T | undefined {
  return row === undefined ? undefined : copy(row)
}

/** SearchQuery's rule: some field contains `search`, case-insensitively; none given is no filter. */
function matches(search: string | undefined, ...fields: (string | null)[]): boolean {
  if (search === undefined || search === '') {
    return true
  }
  const needle = search.toLowerCase()
  return fields.some((f) => f?.toLowerCase().includes(needle) === true)
}

/** A user's full name as the search sees it: given and family name, a space between. */
function fullName(u: User): string {
  return `${u.givenName ?? ''} ${u.familyName ?? ''}`
}

function memberKey(orgId: string, userId: string): string {
  return `${orgId} ${userId}`
}

function live<T extends { deletedAt: number | null }>(row: T | undefined): T | undefined {
  return row === undefined || row.deletedAt !== null ? undefined : row
}

function conflictOnId(table: Map<string, unknown>, id: string, what: string): void {
  if (table.has(id)) {
    throw new AppError('NAME_TAKEN', { reason: `duplicate ${what} id` })
  }
}

/**
 * Refuses a second live row of one name in an org (the SQL stores' partial unique index):
 * soft-deleted rows keep their names without holding them.
 */
function liveNameOnce(
  table: Map<string, { orgId: string | null; name: string; deletedAt: number | null }>,
  row: { id: string; orgId: string | null; name: string },
): void {
  for (const [id, other] of table) {
    if (id !== row.id && other.deletedAt === null && other.orgId === row.orgId) {
      if (other.name === row.name) {
        throw new AppError('NAME_TAKEN')
      }
    }
  }
}

interface Named {
  readonly id: string
  readonly orgId: string | null
  readonly name: string
  readonly createdAt: number
  readonly deletedAt: number | null
}

/**
 * Projects, groups and roles share their storage rules: one live row of a name per org, soft
 * deletes hidden from every read, updates that change only what `changed` takes from the caller.
 */
function namedRepo<T extends Named>(
  table: Map<string, T>,
  copy: (row: T) => T,
  what: string,
  changed: (current: T, update: T) => T,
  searched: (row: T) => (string | null)[] = (row) => [row.name],
) {
  const liveIn = (orgId: string): T[] =>
    [...table.values()].filter((row) => row.orgId === orgId && row.deletedAt === null)
  return {
    liveIn,
    async insert(row: T): Promise<void> {
      conflictOnId(table, row.id, what)
      liveNameOnce(table, row)
      table.set(row.id, copy(row))
    },
    async find(id: string): Promise<T | undefined> {
      return copied(live(table.get(id)), copy)
    },
    async findByName(orgId: string, name: string): Promise<T | undefined> {
      return copied(
        liveIn(orgId).find((row) => row.name === name),
        copy,
      )
    },
    async list(query: NamedListQuery): Promise<T[]> {
      const rows = liveIn(query.orgId).filter(
        (row) =>
          (query.name === undefined || row.name === query.name) &&
          matches(query.search, ...searched(row)),
      )
      return paginate(rows, query, [...table.values()]).map(copy)
    },
    async update(row: T): Promise<void> {
      const current = live(table.get(row.id))
      if (current === undefined) {
        return
      }
      liveNameOnce(table, { ...current, name: row.name })
      table.set(row.id, copy(changed(current, row)))
    },
    async softDelete(id: string, at: number): Promise<void> {
      const current = live(table.get(id))
      if (current !== undefined) {
        table.set(id, { ...current, deletedAt: at })
      }
    },
  }
}

/**
 * API keys, service tokens, invitations and sessions: found by id and by the hash of their
 * secret, which no two rows share, and revoked once (the first revocation time stays).
 */
function hashedTable<T extends { readonly id: string; readonly revokedAt: number | null }>(
  table: Map<string, T>,
  copy: (row: T) => T,
  hashOf: (row: T) => string,
  what: string,
  hashName: string,
) {
  return {
    async insert(row: T): Promise<void> {
      conflictOnId(table, row.id, what)
      if ([...table.values()].some((x) => hashOf(x) === hashOf(row))) {
        throw new AppError('NAME_TAKEN', { reason: `duplicate ${what} ${hashName}` })
      }
      table.set(row.id, copy(row))
    },
    async find(id: string): Promise<T | undefined> {
      return copied(table.get(id), copy)
    },
    async findByHash(hash: string): Promise<T | undefined> {
      return copied(
        [...table.values()].find((x) => hashOf(x) === hash),
        copy,
      )
    },
    revokeWhere(match: (row: T) => boolean, at: number): number {
      let count = 0
      for (const row of [...table.values()]) {
        if (row.revokedAt === null && match(row)) {
          table.set(row.id, { ...row, revokedAt: at })
          count++
        }
      }
      return count
    },
  }
}

function orgRepo(s: State): OrgRepo {
  const nameTaken = (name: string, exceptId: string | null): boolean =>
    [...s.orgs.values()].some((o) => o.name === name && o.id !== exceptId)
  const find = async (id: string): Promise<Organization | undefined> =>
    copied(s.orgs.get(id), copyOrg)
  return {
    async insert(org) {
      conflictOnId(s.orgs, org.id, 'organization')
      if (nameTaken(org.name, null)) {
        throw new AppError('ORG_NAME_TAKEN')
      }
      s.orgs.set(org.id, copyOrg(org))
      s.heads.set(org.id, { seq: 0, hash: GENESIS_HASH })
      s.audit.set(org.id, [])
    },
    find,
    // Transactions here run one at a time, so holding the org is holding the whole store.
    lockForWrite: find,
    async findByName(name) {
      return copied(
        [...s.orgs.values()].find((o) => o.name === name),
        copyOrg,
      )
    },
    async findMany(ids) {
      const wanted = new Set(ids)
      return [...s.orgs.values()].filter((o) => wanted.has(o.id)).map(copyOrg)
    },
    async update(org) {
      const current = s.orgs.get(org.id)
      if (current === undefined) {
        return
      }
      if (nameTaken(org.name, org.id)) {
        throw new AppError('ORG_NAME_TAKEN')
      }
      s.orgs.set(
        org.id,
        copyOrg({ ...org, authzVersion: current.authzVersion, createdAt: current.createdAt }),
      )
    },
    async bumpAuthzVersion(id) {
      const current = s.orgs.get(id)
      if (current === undefined) {
        throw new AppError('ORG_NOT_FOUND')
      }
      const authzVersion = current.authzVersion + 1
      s.orgs.set(id, { ...current, authzVersion })
      return authzVersion
    },
    async listAll() {
      // Oldest first: the newest-first order reversed.
      return [...s.orgs.values()].sort((a, b) => compareNewestFirst(b, a)).map(copyOrg)
    },
  }
}

function userRepo(s: State): UserRepo {
  const byEmail = (email: string, exceptId: string | null): User | undefined => {
    const wanted = email.toLowerCase()
    return [...s.users.values()].find((u) => u.email === wanted && u.id !== exceptId)
  }
  return {
    async insert(user) {
      conflictOnId(s.users, user.id, 'user')
      if (byEmail(user.email, null) !== undefined) {
        throw new AppError('EMAIL_TAKEN')
      }
      s.users.set(user.id, copyUser(user))
    },
    async find(id) {
      return copied(s.users.get(id), copyUser)
    },
    async findByEmail(email) {
      return copied(byEmail(email, null), copyUser)
    },
    async findMany(ids) {
      const wanted = new Set(ids)
      return [...s.users.values()].filter((u) => wanted.has(u.id)).map(copyUser)
    },
    async update(user) {
      const current = s.users.get(user.id)
      if (current === undefined) {
        return
      }
      if (byEmail(user.email, user.id) !== undefined) {
        throw new AppError('EMAIL_TAKEN')
      }
      s.users.set(
        user.id,
        copyUser({
          ...user,
          kind: current.kind,
          serviceAccountOrgId: current.serviceAccountOrgId,
          createdAt: current.createdAt,
        }),
      )
    },
    async list(query) {
      const emails =
        query.emails === undefined ? undefined : new Set(query.emails.map((e) => e.toLowerCase()))
      const rows = [...s.users.values()].filter(
        (u) =>
          s.members.has(memberKey(query.orgId, u.id)) &&
          (emails === undefined || emails.has(u.email)) &&
          (query.givenName === undefined || u.givenName === query.givenName) &&
          (query.familyName === undefined || u.familyName === query.familyName) &&
          (query.kind === undefined || u.kind === query.kind) &&
          matches(query.search, u.email, fullName(u)),
      )
      return paginate(rows, query, [...s.users.values()]).map(copyUser)
    },
  }
}

function memberRepo(s: State): MemberRepo {
  const ordered = (rows: Membership[]): Membership[] =>
    rows
      .sort((a, b) =>
        a.createdAt !== b.createdAt
          ? a.createdAt - b.createdAt
          : memberKey(a.orgId, a.userId) < memberKey(b.orgId, b.userId)
            ? -1
            : 1,
      )
      .map(copyMembership)
  return {
    async add(membership) {
      const key = memberKey(membership.orgId, membership.userId)
      if (s.members.has(key)) {
        throw new AppError('ALREADY_MEMBER')
      }
      s.members.set(key, copyMembership(membership))
    },
    async remove(orgId, userId) {
      return s.members.delete(memberKey(orgId, userId))
    },
    async find(orgId, userId) {
      return copied(s.members.get(memberKey(orgId, userId)), copyMembership)
    },
    async listByOrg(orgId) {
      return ordered([...s.members.values()].filter((m) => m.orgId === orgId))
    },
    async listByUser(userId) {
      return ordered([...s.members.values()].filter((m) => m.userId === userId))
    },
  }
}

function projectRepo(s: State): ProjectRepo {
  const { liveIn, ...repo } = namedRepo(s.projects, copyProject, 'project', (current, p) => ({
    ...current,
    name: p.name,
    settings: p.settings,
  }))
  return {
    ...repo,
    async listLiveIds(orgId) {
      return liveIn(orgId).map((p) => p.id)
    },
  }
}

function groupRepo(s: State): GroupRepo {
  const { liveIn, ...repo } = namedRepo(
    s.groups,
    copyGroup,
    'group',
    (current, g) => ({
      ...current,
      name: g.name,
      description: g.description,
      memberUsers: g.memberUsers,
      memberGroups: g.memberGroups,
    }),
    (g) => [g.name, g.description],
  )
  return {
    ...repo,
    async listAll(orgId) {
      return liveIn(orgId).map(copyGroup)
    },
  }
}

function roleRepo(s: State): RoleRepo {
  const { liveIn, ...repo } = namedRepo(s.roles, copyRole, 'role', (current, r) => ({
    ...current,
    name: r.name,
    description: r.description,
    memberPermissions: r.memberPermissions,
    memberRoles: r.memberRoles,
  }))
  const visible = (orgId: string): Role[] => [...liveIn(orgId), ...SYSTEM_ROLES]
  return {
    ...repo,
    async insert(role) {
      if (role.orgId === null) {
        throw new Error('System roles are built in and cannot be inserted')
      }
      if (SYSTEM_ROLES.some((r) => r.id === role.id)) {
        throw new AppError('NAME_TAKEN', { reason: 'duplicate role id' })
      }
      await repo.insert(role)
    },
    async find(id) {
      return (
        (await repo.find(id)) ??
        copied(
          SYSTEM_ROLES.find((r) => r.id === id),
          copyRole,
        )
      )
    },
    async findByName(orgId, name) {
      return (
        (await repo.findByName(orgId, name)) ??
        copied(
          SYSTEM_ROLES.find((r) => r.name === name),
          copyRole,
        )
      )
    },
    async list(query) {
      const rows = visible(query.orgId).filter(
        (r) =>
          (query.name === undefined || r.name === query.name) &&
          matches(query.search, r.name, r.description),
      )
      return paginate(rows, query, [...s.roles.values(), ...SYSTEM_ROLES]).map(copyRole)
    },
    async listAll(orgId) {
      return visible(orgId).map(copyRole)
    },
  }
}

function sameContent(a: AclItem, b: AclItem): boolean {
  return (
    a.objectType === b.objectType &&
    a.objectId === b.objectId &&
    a.userId === b.userId &&
    a.groupId === b.groupId &&
    a.permission === b.permission &&
    a.roleId === b.roleId &&
    a.restrictObjectType === b.restrictObjectType
  )
}

function aclRepo(s: State): AclRepo {
  return {
    async insert(acl) {
      conflictOnId(s.acls, acl.id, 'ACL')
      s.acls.set(acl.id, copyAcl(acl))
    },
    async find(id) {
      return copied(s.acls.get(id), copyAcl)
    },
    async findByContent(orgId, item) {
      return copied(
        [...s.acls.values()].find((x) => x.orgId === orgId && sameContent(x, item)),
        copyAcl,
      )
    },
    async list(query) {
      const rows = [...s.acls.values()].filter(
        (a) =>
          a.orgId === query.orgId &&
          (query.objectType === undefined || a.objectType === query.objectType) &&
          (query.objectId === undefined || a.objectId === query.objectId) &&
          (query.userId === undefined || a.userId === query.userId) &&
          (query.groupId === undefined || a.groupId === query.groupId) &&
          (query.permission === undefined || a.permission === query.permission) &&
          (query.roleId === undefined || a.roleId === query.roleId) &&
          (query.restrictObjectType === undefined ||
            a.restrictObjectType === query.restrictObjectType),
      )
      return paginate(rows, query, [...s.acls.values()]).map(copyAcl)
    },
    async listAll(orgId) {
      return [...s.acls.values()].filter((a) => a.orgId === orgId).map(copyAcl)
    },
    async delete(id) {
      s.acls.delete(id)
    },
  }
}

interface Credential {
  readonly id: string
  readonly orgId: string
  readonly name: string
  readonly secretHash: string
  readonly createdAt: number
  readonly revokedAt: number | null
  readonly lastUsedAt: number | null
}

/** API keys and service tokens share their storage rules; only the owner column differs. */
function credentialRepo<T extends Credential>(
  table: Map<string, T>,
  copy: (row: T) => T,
  ownerOf: (row: T) => string,
  what: string,
) {
  const hashed = hashedTable(table, copy, (x) => x.secretHash, what, 'secret hash')
  return {
    ...hashed,
    async list(
      query: {
        orgId: string
        ownerId?: string | undefined
        name?: string | undefined
        includeRevoked?: boolean | undefined
        search?: string | undefined
      } & PageQuery,
    ): Promise<T[]> {
      const rows = [...table.values()].filter(
        (x) =>
          x.orgId === query.orgId &&
          (query.ownerId === undefined || ownerOf(x) === query.ownerId) &&
          (query.name === undefined || x.name === query.name) &&
          (query.includeRevoked === true || x.revokedAt === null) &&
          matches(query.search, x.name),
      )
      return paginate(rows, query, [...table.values()]).map(copy)
    },
    async revoke(id: string, at: number): Promise<void> {
      hashed.revokeWhere((x) => x.id === id, at)
    },
    async touch(id: string, at: number): Promise<void> {
      const row = table.get(id)
      if (row !== undefined) {
        table.set(id, { ...row, lastUsedAt: at })
      }
    },
  }
}

function apiKeyRepo(s: State): ApiKeyRepo {
  const { revokeWhere, ...repo } = credentialRepo(s.apiKeys, copyApiKey, (k) => k.userId, 'API key')
  return {
    ...repo,
    async revokeAllForUser(orgId, userId, at) {
      return revokeWhere((k) => k.orgId === orgId && k.userId === userId, at)
    },
  }
}

function serviceTokenRepo(s: State): ServiceTokenRepo {
  const { revokeWhere, ...repo } = credentialRepo(
    s.serviceTokens,
    copyServiceToken,
    (t) => t.serviceAccountId,
    'service token',
  )
  return {
    ...repo,
    async revokeAllForServiceAccount(serviceAccountId, at) {
      return revokeWhere((t) => t.serviceAccountId === serviceAccountId, at)
    },
  }
}

function invitationRepo(s: State): InvitationRepo {
  const { insert, find, findByHash } = hashedTable(
    s.invitations,
    copyInvitation,
    (i) => i.tokenHash,
    'invitation',
    'token hash',
  )
  return {
    insert,
    find,
    findByTokenHash: findByHash,
    async listPending(orgId, now) {
      return [...s.invitations.values()]
        .filter(
          (i) =>
            i.orgId === orgId && i.acceptedAt === null && i.revokedAt === null && i.expiresAt > now,
        )
        .sort(compareNewestFirst)
        .map(copyInvitation)
    },
    async list(query) {
      const rows = [...s.invitations.values()].filter(
        (i) =>
          i.orgId === query.orgId &&
          i.acceptedAt === null &&
          i.revokedAt === null &&
          i.expiresAt > query.now &&
          matches(query.search, i.email),
      )
      return paginate(rows, query, [...s.invitations.values()]).map(copyInvitation)
    },
    async update(invitation) {
      const current = s.invitations.get(invitation.id)
      if (current === undefined) {
        return
      }
      s.invitations.set(
        invitation.id,
        copyInvitation({ ...invitation, orgId: current.orgId, createdAt: current.createdAt }),
      )
    },
  }
}

function sessionRepo(s: State): SessionRepo {
  const { insert, find, findByHash, revokeWhere } = hashedTable(
    s.sessions,
    copySession,
    (x) => x.tokenHash,
    'session',
    'token hash',
  )
  return {
    insert,
    find,
    findByTokenHash: findByHash,
    async touch(id, at) {
      const x = s.sessions.get(id)
      if (x !== undefined && x.lastSeenAt < at) {
        s.sessions.set(id, { ...x, lastSeenAt: at })
      }
    },
    async revoke(id, at) {
      revokeWhere((x) => x.id === id, at)
    },
    async revokeAllForUser(userId, at, exceptId) {
      return revokeWhere((x) => x.userId === userId && x.id !== exceptId, at)
    },
    async listForUser(userId, now) {
      return [...s.sessions.values()]
        .filter((x) => x.userId === userId && x.revokedAt === null && x.expiresAt > now)
        .sort(compareNewestFirst)
        .map(copySession)
    },
    async lastSeenByUsers(userIds) {
      const wanted = new Set(userIds)
      const out = new Map<string, number>()
      for (const x of s.sessions.values()) {
        if (wanted.has(x.userId) && x.lastSeenAt > (out.get(x.userId) ?? -Infinity)) {
          out.set(x.userId, x.lastSeenAt)
        }
      }
      return out
    },
  }
}

function auditRepo(s: State): AuditRepo {
  // Events page by seq, which plays the part of a row's creation time.
  const bySeq = (e: AuditEvent) => ({ id: e.id, createdAt: e.seq, event: e })
  return {
    async head(orgId) {
      const head = s.heads.get(orgId)
      return head === undefined ? undefined : { ...head }
    },
    async append(orgId, seal) {
      const head = s.heads.get(orgId)
      const events = s.audit.get(orgId)
      if (head === undefined || events === undefined) {
        throw new Error(`No audit chain for organization ${orgId}`)
      }
      const event = copyAuditEvent(seal({ seq: head.seq, hash: head.hash }))
      if (event.orgId !== orgId || event.seq !== head.seq + 1 || event.prevHash !== head.hash) {
        throw new Error('A sealed audit event must continue its own org chain from the head')
      }
      events.push(event)
      s.heads.set(orgId, { seq: event.seq, hash: event.hash })
      return copyAuditEvent(event)
    },
    async list(query) {
      const events = s.audit.get(query.orgId) ?? []
      const rows = events.filter(
        (e) =>
          (query.actorId === undefined || e.actor.userId === query.actorId) &&
          (query.action === undefined || e.action === query.action) &&
          (query.objectType === undefined || e.objectType === query.objectType) &&
          (query.objectId === undefined || e.objectId === query.objectId) &&
          (query.since === undefined || e.occurredAt >= query.since) &&
          (query.until === undefined || e.occurredAt < query.until) &&
          matches(query.search, e.action, e.objectType, e.objectId),
      )
      return paginate(rows.map(bySeq), query, events.map(bySeq)).map((row) =>
        copyAuditEvent(row.event),
      )
    },
    async scan(orgId, afterSeq, limit) {
      const events = s.audit.get(orgId) ?? []
      return events
        .filter((e) => e.seq > afterSeq)
        .slice(0, Math.max(0, limit))
        .map(copyAuditEvent)
    },
  }
}

/** Wraps every method so that a Tx used after its transaction ended fails loudly. */
function guarded<T extends object>(repo: T, isOpen: () => boolean): T {
  const out: Record<string, unknown> = {}
  for (const [name, method] of Object.entries(repo)) {
    out[name] = async (...args: unknown[]): Promise<unknown> => {
      if (!isOpen()) {
        throw new Error(`Transaction is over: ${name} called on a stale Tx`)
      }
      return (method as (...a: unknown[]) => Promise<unknown>)(...args)
    }
  }
  return out as T
}

function createTx(s: State, isOpen: () => boolean, bumped: Set<string>): Tx {
  const orgs = orgRepo(s)
  return {
    orgs: guarded(
      {
        ...orgs,
        async bumpAuthzVersion(id: string) {
          const version = await orgs.bumpAuthzVersion(id)
          bumped.add(id)
          return version
        },
      },
      isOpen,
    ),
    users: guarded(userRepo(s), isOpen),
    members: guarded(memberRepo(s), isOpen),
    projects: guarded(projectRepo(s), isOpen),
    groups: guarded(groupRepo(s), isOpen),
    roles: guarded(roleRepo(s), isOpen),
    acls: guarded(aclRepo(s), isOpen),
    apiKeys: guarded(apiKeyRepo(s), isOpen),
    serviceTokens: guarded(serviceTokenRepo(s), isOpen),
    invitations: guarded(invitationRepo(s), isOpen),
    sessions: guarded(sessionRepo(s), isOpen),
    audit: guarded(auditRepo(s), isOpen),
  }
}

/**
 * An in-memory Store with real transactions: each runs alone (a promise queue serializes them)
 * on a private copy of the state, which becomes the state only if the transaction returns.
 * Do not open a transaction from inside another one: it waits for the outer one forever.
 */
export function createMemoryStore(): Store {
  let state = emptyState()
  let queue: Promise<unknown> = Promise.resolve()
  let closed = false
  const listeners = new Set<(orgIds: readonly string[]) => void>()

  async function run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (closed) {
      throw new Error('The store is closed')
    }
    const working = copyState(state)
    const bumped = new Set<string>()
    let open = true
    try {
      const result = await fn(createTx(working, () => open, bumped))
      state = working
      if (bumped.size > 0) {
        for (const listener of listeners) {
          listener([...bumped])
        }
      }
      return result
    } finally {
      open = false
    }
  }

  return {
    transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const result = queue.then(() => run(fn))
      queue = result.catch(() => undefined)
      return result
    },
    async close() {
      // Transactions already queued may finish; nothing starts afterwards.
      await queue
      closed = true
    },
    onAuthzCommit(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
