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

/** A position in newest-first order: larger `at` first, then larger id. */
interface Position {
  readonly at: number
  readonly id: string
}

function compareNewestFirst(a: Position, b: Position): number {
  if (a.at !== b.at) {
    return b.at - a.at
  }
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/**
 * Applies a PageQuery to rows that already passed the query's filters. Cursors are looked up
 * among all rows of the table (`cursorOf`); an unknown cursor yields nothing, like a SQL
 * comparison against a missing row.
 */
function paginate<T>(
  rows: readonly T[],
  query: PageQuery,
  positionOf: (row: T) => Position,
  cursorOf: (id: string) => Position | undefined,
): T[] {
  let result = [...rows]
  if (query.ids !== undefined) {
    const ids = new Set(query.ids)
    result = result.filter((row) => ids.has(positionOf(row).id))
  }
  result.sort((a, b) => compareNewestFirst(positionOf(a), positionOf(b)))
  if (query.startingAfter !== undefined) {
    const cursor = cursorOf(query.startingAfter)
    if (cursor === undefined) {
      return []
    }
    result = result.filter((row) => compareNewestFirst(positionOf(row), cursor) > 0)
  }
  if (query.endingBefore !== undefined) {
    const cursor = cursorOf(query.endingBefore)
    if (cursor === undefined) {
      return []
    }
    result = result.filter((row) => compareNewestFirst(positionOf(row), cursor) < 0)
  }
  if (query.limit !== undefined && result.length > query.limit) {
    // Going backwards, the page is the rows nearest the cursor, still shown newest first.
    const fromEnd = query.endingBefore !== undefined && query.startingAfter === undefined
    result = fromEnd ? result.slice(result.length - query.limit) : result.slice(0, query.limit)
  }
  return result
}

const byCreated = (row: { id: string; createdAt: number }): Position => ({
  at: row.createdAt,
  id: row.id,
})

function cursorIn<T extends { id: string; createdAt: number }>(
  rows: Iterable<T>,
): (id: string) => Position | undefined {
  // A Map's values() can be iterated once; both cursors of one query look up here.
  const all = [...rows]
  return (id) => {
    for (const row of all) {
      if (row.id === id) {
        return byCreated(row)
      }
    }
    return undefined
  }
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

function orgRepo(s: State): OrgRepo {
  const nameTaken = (name: string, exceptId: string | null): boolean =>
    [...s.orgs.values()].some((o) => o.name === name && o.id !== exceptId)
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
    async find(id) {
      const org = s.orgs.get(id)
      return org === undefined ? undefined : copyOrg(org)
    },
    // Transactions here run one at a time, so holding the org is holding the whole store.
    async lockForWrite(id) {
      const org = s.orgs.get(id)
      return org === undefined ? undefined : copyOrg(org)
    },
    async findByName(name) {
      const org = [...s.orgs.values()].find((o) => o.name === name)
      return org === undefined ? undefined : copyOrg(org)
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
      return [...s.orgs.values()]
        .sort((a, b) => compareNewestFirst(byCreated(b), byCreated(a)))
        .map(copyOrg)
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
      const user = s.users.get(id)
      return user === undefined ? undefined : copyUser(user)
    },
    async findByEmail(email) {
      const user = byEmail(email, null)
      return user === undefined ? undefined : copyUser(user)
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
          (query.kind === undefined || u.kind === query.kind),
      )
      return paginate(rows, query, byCreated, cursorIn(s.users.values())).map(copyUser)
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
      const m = s.members.get(memberKey(orgId, userId))
      return m === undefined ? undefined : copyMembership(m)
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
  return {
    async insert(project) {
      conflictOnId(s.projects, project.id, 'project')
      liveNameOnce(s.projects, project)
      s.projects.set(project.id, copyProject(project))
    },
    async find(id) {
      const p = live(s.projects.get(id))
      return p === undefined ? undefined : copyProject(p)
    },
    async findByName(orgId, name) {
      const p = [...s.projects.values()].find(
        (x) => x.orgId === orgId && x.name === name && x.deletedAt === null,
      )
      return p === undefined ? undefined : copyProject(p)
    },
    async list(query) {
      const rows = [...s.projects.values()].filter(
        (p) =>
          p.orgId === query.orgId &&
          p.deletedAt === null &&
          (query.name === undefined || p.name === query.name),
      )
      return paginate(rows, query, byCreated, cursorIn(s.projects.values())).map(copyProject)
    },
    async update(project) {
      const current = live(s.projects.get(project.id))
      if (current === undefined) {
        return
      }
      liveNameOnce(s.projects, { ...current, name: project.name })
      s.projects.set(
        project.id,
        copyProject({ ...current, name: project.name, settings: project.settings }),
      )
    },
    async softDelete(id, at) {
      const current = live(s.projects.get(id))
      if (current !== undefined) {
        s.projects.set(id, { ...current, deletedAt: at })
      }
    },
    async listLiveIds(orgId) {
      return [...s.projects.values()]
        .filter((p) => p.orgId === orgId && p.deletedAt === null)
        .map((p) => p.id)
    },
  }
}

function groupRepo(s: State): GroupRepo {
  return {
    async insert(group) {
      conflictOnId(s.groups, group.id, 'group')
      liveNameOnce(s.groups, group)
      s.groups.set(group.id, copyGroup(group))
    },
    async find(id) {
      const g = live(s.groups.get(id))
      return g === undefined ? undefined : copyGroup(g)
    },
    async findByName(orgId, name) {
      const g = [...s.groups.values()].find(
        (x) => x.orgId === orgId && x.name === name && x.deletedAt === null,
      )
      return g === undefined ? undefined : copyGroup(g)
    },
    async list(query) {
      const rows = [...s.groups.values()].filter(
        (g) =>
          g.orgId === query.orgId &&
          g.deletedAt === null &&
          (query.name === undefined || g.name === query.name),
      )
      return paginate(rows, query, byCreated, cursorIn(s.groups.values())).map(copyGroup)
    },
    async listAll(orgId) {
      return [...s.groups.values()]
        .filter((g) => g.orgId === orgId && g.deletedAt === null)
        .map(copyGroup)
    },
    async update(group) {
      const current = live(s.groups.get(group.id))
      if (current === undefined) {
        return
      }
      liveNameOnce(s.groups, { ...current, name: group.name })
      s.groups.set(
        group.id,
        copyGroup({
          ...current,
          name: group.name,
          description: group.description,
          memberUsers: group.memberUsers,
          memberGroups: group.memberGroups,
        }),
      )
    },
    async softDelete(id, at) {
      const current = live(s.groups.get(id))
      if (current !== undefined) {
        s.groups.set(id, { ...current, deletedAt: at })
      }
    },
  }
}

function roleRepo(s: State): RoleRepo {
  const visible = (orgId: string): Role[] => [
    ...[...s.roles.values()].filter((r) => r.orgId === orgId && r.deletedAt === null),
    ...SYSTEM_ROLES,
  ]
  return {
    async insert(role) {
      if (role.orgId === null) {
        throw new Error('System roles are built in and cannot be inserted')
      }
      conflictOnId(s.roles, role.id, 'role')
      if (SYSTEM_ROLES.some((r) => r.id === role.id)) {
        throw new AppError('NAME_TAKEN', { reason: 'duplicate role id' })
      }
      liveNameOnce(s.roles, role)
      s.roles.set(role.id, copyRole(role))
    },
    async find(id) {
      const r = live(s.roles.get(id)) ?? SYSTEM_ROLES.find((x) => x.id === id)
      return r === undefined ? undefined : copyRole(r)
    },
    async findByName(orgId, name) {
      const own = [...s.roles.values()].find(
        (r) => r.orgId === orgId && r.name === name && r.deletedAt === null,
      )
      const r = own ?? SYSTEM_ROLES.find((x) => x.name === name)
      return r === undefined ? undefined : copyRole(r)
    },
    async list(query) {
      const rows = visible(query.orgId).filter(
        (r) => query.name === undefined || r.name === query.name,
      )
      return paginate(rows, query, byCreated, cursorIn([...s.roles.values(), ...SYSTEM_ROLES])).map(
        copyRole,
      )
    },
    async listAll(orgId) {
      return visible(orgId).map(copyRole)
    },
    async update(role) {
      const current = live(s.roles.get(role.id))
      if (current === undefined) {
        return
      }
      liveNameOnce(s.roles, { ...current, name: role.name })
      s.roles.set(
        role.id,
        copyRole({
          ...current,
          name: role.name,
          description: role.description,
          memberPermissions: role.memberPermissions,
          memberRoles: role.memberRoles,
        }),
      )
    },
    async softDelete(id, at) {
      const current = live(s.roles.get(id))
      if (current !== undefined) {
        s.roles.set(id, { ...current, deletedAt: at })
      }
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
      const a = s.acls.get(id)
      return a === undefined ? undefined : copyAcl(a)
    },
    async findByContent(orgId, item) {
      const a = [...s.acls.values()].find((x) => x.orgId === orgId && sameContent(x, item))
      return a === undefined ? undefined : copyAcl(a)
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
      return paginate(rows, query, byCreated, cursorIn(s.acls.values())).map(copyAcl)
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
  const revokeWhere = (match: (row: T) => boolean, at: number): number => {
    let count = 0
    for (const row of [...table.values()]) {
      if (row.revokedAt === null && match(row)) {
        table.set(row.id, { ...row, revokedAt: at })
        count++
      }
    }
    return count
  }
  return {
    async insert(row: T): Promise<void> {
      conflictOnId(table, row.id, what)
      if ([...table.values()].some((x) => x.secretHash === row.secretHash)) {
        throw new AppError('NAME_TAKEN', { reason: `duplicate ${what} secret hash` })
      }
      table.set(row.id, copy(row))
    },
    async find(id: string): Promise<T | undefined> {
      const row = table.get(id)
      return row === undefined ? undefined : copy(row)
    },
    async findByHash(secretHash: string): Promise<T | undefined> {
      const row = [...table.values()].find((x) => x.secretHash === secretHash)
      return row === undefined ? undefined : copy(row)
    },
    async list(
      query: {
        orgId: string
        ownerId?: string | undefined
        name?: string | undefined
        includeRevoked?: boolean | undefined
      } & PageQuery,
    ): Promise<T[]> {
      const rows = [...table.values()].filter(
        (x) =>
          x.orgId === query.orgId &&
          (query.ownerId === undefined || ownerOf(x) === query.ownerId) &&
          (query.name === undefined || x.name === query.name) &&
          (query.includeRevoked === true || x.revokedAt === null),
      )
      return paginate(rows, query, byCreated, cursorIn(table.values())).map(copy)
    },
    async revoke(id: string, at: number): Promise<void> {
      revokeWhere((x) => x.id === id, at)
    },
    revokeWhere,
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
  return {
    async insert(invitation) {
      conflictOnId(s.invitations, invitation.id, 'invitation')
      if ([...s.invitations.values()].some((i) => i.tokenHash === invitation.tokenHash)) {
        throw new AppError('NAME_TAKEN', { reason: 'duplicate invitation token hash' })
      }
      s.invitations.set(invitation.id, copyInvitation(invitation))
    },
    async find(id) {
      const i = s.invitations.get(id)
      return i === undefined ? undefined : copyInvitation(i)
    },
    async findByTokenHash(tokenHash) {
      const i = [...s.invitations.values()].find((x) => x.tokenHash === tokenHash)
      return i === undefined ? undefined : copyInvitation(i)
    },
    async listPending(orgId, now) {
      return [...s.invitations.values()]
        .filter(
          (i) =>
            i.orgId === orgId && i.acceptedAt === null && i.revokedAt === null && i.expiresAt > now,
        )
        .sort((a, b) => compareNewestFirst(byCreated(a), byCreated(b)))
        .map(copyInvitation)
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
  return {
    async insert(session) {
      conflictOnId(s.sessions, session.id, 'session')
      if ([...s.sessions.values()].some((x) => x.tokenHash === session.tokenHash)) {
        throw new AppError('NAME_TAKEN', { reason: 'duplicate session token hash' })
      }
      s.sessions.set(session.id, copySession(session))
    },
    async find(id) {
      const x = s.sessions.get(id)
      return x === undefined ? undefined : copySession(x)
    },
    async findByTokenHash(tokenHash) {
      const x = [...s.sessions.values()].find((row) => row.tokenHash === tokenHash)
      return x === undefined ? undefined : copySession(x)
    },
    async touch(id, at) {
      const x = s.sessions.get(id)
      if (x !== undefined && x.lastSeenAt < at) {
        s.sessions.set(id, { ...x, lastSeenAt: at })
      }
    },
    async revoke(id, at) {
      const x = s.sessions.get(id)
      if (x !== undefined && x.revokedAt === null) {
        s.sessions.set(id, { ...x, revokedAt: at })
      }
    },
    async revokeAllForUser(userId, at, exceptId) {
      let count = 0
      for (const x of [...s.sessions.values()]) {
        if (x.userId === userId && x.revokedAt === null && x.id !== exceptId) {
          s.sessions.set(x.id, { ...x, revokedAt: at })
          count++
        }
      }
      return count
    },
    async listForUser(userId, now) {
      return [...s.sessions.values()]
        .filter((x) => x.userId === userId && x.revokedAt === null && x.expiresAt > now)
        .sort((a, b) => compareNewestFirst(byCreated(a), byCreated(b)))
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
  const bySeq = (e: AuditEvent): Position => ({ at: e.seq, id: e.id })
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
          (query.until === undefined || e.occurredAt < query.until),
      )
      const cursorOf = (id: string): Position | undefined => {
        const e = events.find((x) => x.id === id)
        return e === undefined ? undefined : bySeq(e)
      }
      return paginate(rows, query, bySeq, cursorOf).map(copyAuditEvent)
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
