import type { Actor } from './actor.js'
import type { Evaluator } from './authz/evaluate.js'
import type { ObjectType, Permission } from './model/catalog.js'
import type {
  Acl,
  AclItem,
  ApiKey,
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
} from './model/entities.js'

/**
 * Ports: what core needs from the outside world. The server implements them on SQLite and
 * PostgreSQL, `@gatehouse/core/testing` in memory; all pass the same contract suite.
 */

export interface Clock {
  now(): number
}

export interface Crypto {
  /** Lower-case hex SHA-256 of the UTF-8 bytes of `input`. */
  sha256Hex(input: string): string
  /** Bytes from a CSPRNG. */
  randomBytes(length: number): Uint8Array
  /** A random (v4) UUID. */
  uuid(): string
}

export interface PasswordHasher {
  /** A self-describing hash (algorithm and parameters included). */
  hash(password: string): Promise<string>
  verify(password: string, stored: string): Promise<boolean>
}

/**
 * A page of a list, newest first. `startingAfter` returns what is older than that id,
 * `endingBefore` what is newer (still newest first); `ids` restricts to those ids.
 */
export interface PageQuery {
  readonly limit?: number | undefined
  readonly startingAfter?: string | undefined
  readonly endingBefore?: string | undefined
  readonly ids?: readonly string[] | undefined
}

/**
 * Search within a list: `search` is a substring that one of the row's human fields must contain,
 * case-insensitively (each list query names its fields). `%`, `_` and `\` match themselves.
 * Empty or absent means no filter. It composes with every other filter and with paging: cursors
 * and `limit` apply within the matching rows. ASCII letters fold on every store; PostgreSQL and
 * the memory store fold other letters too, SQLite does not.
 */
export interface SearchQuery {
  readonly search?: string | undefined
}

export interface OrgRepo {
  insert(org: Organization): Promise<void>
  find(id: string): Promise<Organization | undefined>
  /**
   * Locks the org against every other transaction that locks it, until this one ends, and
   * returns it as committed when the lock was granted; undefined when there is no such org.
   * Whatever the transaction reads after this call includes every change those transactions
   * committed, so a rule checked on it cannot be broken by one of them (last owner, cycles,
   * unique names, the grant ceiling). Reads never lock: they see a snapshot, as before.
   */
  lockForWrite(id: string): Promise<Organization | undefined>
  findByName(name: string): Promise<Organization | undefined>
  /** Orgs with any of these ids, any order. */
  findMany(ids: readonly string[]): Promise<Organization[]>
  /** Replaces the mutable fields (name, plan, settings, urls). */
  update(org: Organization): Promise<void>
  /** Increments and returns the org's authorization version. */
  bumpAuthzVersion(id: string): Promise<number>
  /** Every org, oldest first (operator commands). */
  listAll(): Promise<Organization[]>
}

/** `search` fields: the email and the full name (given and family name, a space between). */
export interface UserListQuery extends PageQuery, SearchQuery {
  readonly orgId: string
  readonly emails?: readonly string[] | undefined
  readonly givenName?: string | undefined
  readonly familyName?: string | undefined
  readonly kind?: User['kind'] | undefined
}

export interface UserRepo {
  insert(user: User): Promise<void>
  find(id: string): Promise<User | undefined>
  /** `email` is compared lower-cased. */
  findByEmail(email: string): Promise<User | undefined>
  findMany(ids: readonly string[]): Promise<User[]>
  update(user: User): Promise<void>
  /** Members of an org, newest first. */
  list(query: UserListQuery): Promise<User[]>
}

export interface MemberRepo {
  add(membership: Membership): Promise<void>
  remove(orgId: string, userId: string): Promise<boolean>
  find(orgId: string, userId: string): Promise<Membership | undefined>
  listByOrg(orgId: string): Promise<Membership[]>
  listByUser(userId: string): Promise<Membership[]>
}

/** `search` fields: the name, and the description where the type has one (groups, roles). */
export interface NamedListQuery extends PageQuery, SearchQuery {
  readonly orgId: string
  readonly name?: string | undefined
}

/** Soft-deleted rows are invisible to every read. */
export interface ProjectRepo {
  insert(project: Project): Promise<void>
  find(id: string): Promise<Project | undefined>
  findByName(orgId: string, name: string): Promise<Project | undefined>
  list(query: NamedListQuery): Promise<Project[]>
  update(project: Project): Promise<void>
  softDelete(id: string, at: number): Promise<void>
  /** Ids of the org's live projects, any order (the decision path's index). */
  listLiveIds(orgId: string): Promise<string[]>
}

export interface GroupRepo {
  /** Inserts the group with its member lists. */
  insert(group: Group): Promise<void>
  find(id: string): Promise<Group | undefined>
  findByName(orgId: string, name: string): Promise<Group | undefined>
  list(query: NamedListQuery): Promise<Group[]>
  /** Every live group of the org, any order. */
  listAll(orgId: string): Promise<Group[]>
  /** Replaces name, description and both member lists. */
  update(group: Group): Promise<void>
  softDelete(id: string, at: number): Promise<void>
}

export interface RoleRepo {
  insert(role: Role): Promise<void>
  /** Finds org roles and system roles (`orgId` null). */
  find(id: string): Promise<Role | undefined>
  /** The org's role of that name, else the system role of that name. */
  findByName(orgId: string, name: string): Promise<Role | undefined>
  /** The org's roles and the system roles, newest first. */
  list(query: NamedListQuery): Promise<Role[]>
  /** Every live role of the org plus the system roles, any order. */
  listAll(orgId: string): Promise<Role[]>
  update(role: Role): Promise<void>
  softDelete(id: string, at: number): Promise<void>
}

export interface AclListQuery extends PageQuery {
  readonly orgId: string
  readonly objectType?: ObjectType | undefined
  readonly objectId?: string | undefined
  readonly userId?: string | undefined
  readonly groupId?: string | undefined
  readonly permission?: Permission | undefined
  readonly roleId?: string | undefined
  readonly restrictObjectType?: ObjectType | undefined
}

export interface AclRepo {
  insert(acl: Acl): Promise<void>
  find(id: string): Promise<Acl | undefined>
  /** The org's ACL with exactly this content (nulls compare equal). */
  findByContent(orgId: string, item: AclItem): Promise<Acl | undefined>
  list(query: AclListQuery): Promise<Acl[]>
  listAll(orgId: string): Promise<Acl[]>
  delete(id: string): Promise<void>
}

/** `search` field: the credential's name. */
export interface CredentialListQuery extends PageQuery, SearchQuery {
  readonly orgId: string
  /** API keys: the owning user; service tokens: the service account. */
  readonly ownerId?: string | undefined
  readonly name?: string | undefined
  /** Include revoked credentials (inventory views). */
  readonly includeRevoked?: boolean | undefined
}

export interface ApiKeyRepo {
  insert(key: ApiKey): Promise<void>
  find(id: string): Promise<ApiKey | undefined>
  findByHash(secretHash: string): Promise<ApiKey | undefined>
  list(query: CredentialListQuery): Promise<ApiKey[]>
  /** Sets revokedAt if not yet revoked. */
  revoke(id: string, at: number): Promise<void>
  /** Revokes every live key of the user in the org; returns how many. */
  revokeAllForUser(orgId: string, userId: string, at: number): Promise<number>
  touch(id: string, at: number): Promise<void>
}

export interface ServiceTokenRepo {
  insert(token: ServiceToken): Promise<void>
  find(id: string): Promise<ServiceToken | undefined>
  findByHash(secretHash: string): Promise<ServiceToken | undefined>
  list(query: CredentialListQuery): Promise<ServiceToken[]>
  revoke(id: string, at: number): Promise<void>
  revokeAllForServiceAccount(serviceAccountId: string, at: number): Promise<number>
  touch(id: string, at: number): Promise<void>
}

/** `search` field: the invited email. */
export interface InvitationListQuery extends PageQuery, SearchQuery {
  readonly orgId: string
  /** Pending at this time: not accepted, not revoked, expiring after it. */
  readonly now: number
}

export interface InvitationRepo {
  insert(invitation: Invitation): Promise<void>
  find(id: string): Promise<Invitation | undefined>
  findByTokenHash(tokenHash: string): Promise<Invitation | undefined>
  /** Not accepted, not revoked, not expired at `now`; newest first. */
  listPending(orgId: string, now: number): Promise<Invitation[]>
  /** The pending invitations of a query, newest first, paged and searched in storage. */
  list(query: InvitationListQuery): Promise<Invitation[]>
  update(invitation: Invitation): Promise<void>
}

export interface SessionRepo {
  insert(session: Session): Promise<void>
  find(id: string): Promise<Session | undefined>
  /** Revoked and expired sessions are found too: the caller refuses them. */
  findByTokenHash(tokenHash: string): Promise<Session | undefined>
  /** Sets lastSeenAt to `at` unless it is already later (touches may arrive out of order). */
  touch(id: string, at: number): Promise<void>
  /** Sets revokedAt if not yet revoked. */
  revoke(id: string, at: number): Promise<void>
  /** Revokes the user's sessions not yet revoked, except `exceptId`; returns how many. */
  revokeAllForUser(userId: string, at: number, exceptId?: string): Promise<number>
  /** The user's sessions neither revoked nor past expiresAt at `now`, newest first. */
  listForUser(userId: string, now: number): Promise<Session[]>
  /** Per user with any session (revoked ones too), the latest lastSeenAt. */
  lastSeenByUsers(userIds: readonly string[]): Promise<Map<string, number>>
}

/** `search` fields: the action, the object type and the object id. */
export interface AuditListQuery extends PageQuery, SearchQuery {
  readonly orgId: string
  readonly actorId?: string | undefined
  readonly action?: string | undefined
  readonly objectType?: string | undefined
  readonly objectId?: string | undefined
  /** Inclusive lower bound on occurredAt. */
  readonly since?: number | undefined
  /** Exclusive upper bound on occurredAt. */
  readonly until?: number | undefined
}

/** The head of an org's audit chain: the last event's seq and hash (0 and the genesis hash first). */
export interface AuditHead {
  readonly seq: number
  readonly hash: string
}

export interface AuditRepo {
  /**
   * Appends to the org's chain. The store locks the org's chain head for the rest of the
   * transaction, then asks `seal` for the event (seq and hashes are core's to compute).
   */
  append(orgId: string, seal: (head: AuditHead) => AuditEvent): Promise<AuditEvent>
  /** Newest first. */
  list(query: AuditListQuery): Promise<AuditEvent[]>
  /** Events with seq > afterSeq in seq order, at most `limit` (chain verification). */
  scan(orgId: string, afterSeq: number, limit: number): Promise<AuditEvent[]>
  /** The org's chain head as stored; undefined for an unknown org. */
  head(orgId: string): Promise<AuditHead | undefined>
}

/** The repositories, bound to one transaction. */
export interface Tx {
  readonly orgs: OrgRepo
  readonly users: UserRepo
  readonly members: MemberRepo
  readonly projects: ProjectRepo
  readonly groups: GroupRepo
  readonly roles: RoleRepo
  readonly acls: AclRepo
  readonly apiKeys: ApiKeyRepo
  readonly serviceTokens: ServiceTokenRepo
  readonly invitations: InvitationRepo
  readonly sessions: SessionRepo
  readonly audit: AuditRepo
}

export interface Store {
  /**
   * Runs `fn` in one transaction: all of it commits or none of it does. A thrown error rolls
   * back and is rethrown unchanged.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
  close(): Promise<void>
  /**
   * Calls `listener` after each commit that bumped authorization versions, with those orgs, before
   * `transaction` resolves: the node that made a change sees it on its very next request.
   * Returns the unsubscribe function.
   */
  onAuthzCommit(listener: (orgIds: readonly string[]) => void): () => void
}

export type ThrottleVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number }

/**
 * Where the login throttle (policies/login-throttle.ts) keeps its counts. The rules are core's;
 * an implementation only stores failures and answers them, in this process (one node) or in the
 * database that every node shares. All pass the same contract suite (testing/).
 */
export interface LoginThrottle {
  /** Whether a login for `email` from `ip` may be tried now (nothing is counted). */
  check(email: string, ip: string): Promise<ThrottleVerdict>
  /**
   * `check`, and when allowed, counts the attempt as a failure, as one step: concurrent attempts
   * (on any node) cannot all pass the check before any of them is counted.
   */
  attempt(email: string, ip: string): Promise<ThrottleVerdict>
  /** Counts a failed attempt, whatever `check` would say. */
  recordFailure(email: string, ip: string): Promise<void>
  /**
   * The person at `ip` knows the password: clears that account-IP pair's failures, and only
   * those (failures from other IPs, and this IP's failures on other accounts, still count).
   */
  recordSuccess(email: string, ip: string): Promise<void>
}

/** A live API key or service token as the decision path needs it. */
export interface CachedCredential {
  readonly actor: Actor
  /** Checked on every use: an expiring key stops at its time even while cached. */
  readonly expiresAt: number | null
}

/** One org's authorization world, compiled once per authorization version. */
export interface OrgIndex {
  readonly org: Organization
  readonly evaluator: Evaluator
  /** Live projects of the org. */
  readonly projects: ReadonlySet<string>
  /** Live roles the org defined (system roles are nobody's objects). */
  readonly roles: ReadonlySet<string>
}

/**
 * Taken before reading the database to fill the cache. A fill whose org was invalidated (or the
 * cache flushed) after its ticket is dropped: it may hold what the invalidation took away.
 */
export type CacheTicket = number

export interface DecisionCacheStats {
  readonly credentialHits: number
  readonly credentialMisses: number
  readonly orgHits: number
  readonly orgMisses: number
  readonly invalidations: number
  readonly flushes: number
  readonly credentialEntries: number
  readonly orgEntries: number
}

/**
 * The decision path's memory: credentials by hash and org indexes by org id. An org's
 * invalidation drops its index and every credential of that org. While suspended (the cross-node
 * invalidation feed is down) it answers nothing, so every decision reads the database: a missed
 * revocation is never served from memory. Core's is LruDecisionCache (cache/).
 */
export interface DecisionCache {
  readonly suspended: boolean
  ticket(): CacheTicket
  /**
   * The cached credential of this hash. `countMiss: false` for a look that a full lookup follows
   * on a miss (which counts it), so that one request is one miss in the metrics.
   */
  credential(secretHash: string, countMiss?: boolean): CachedCredential | undefined
  storeCredential(secretHash: string, value: CachedCredential, ticket: CacheTicket): void
  /** The org's cached index; `countMiss` as for {@link credential}. */
  org(orgId: string, countMiss?: boolean): OrgIndex | undefined
  storeOrg(index: OrgIndex, ticket: CacheTicket): void
  /**
   * After a miss: the compilation of the org's index already under way, else `compile()` (whose
   * result is stored unless the org changed meanwhile). A burst of requests to an org whose index
   * was just invalidated compiles it once, not once per request.
   */
  fill(orgId: string, compile: () => Promise<OrgIndex>): Promise<OrgIndex>
  /** The org's grants, members or credentials changed: nothing cached about it stays usable. */
  invalidateOrg(orgId: string): void
  /** Forgets everything (e.g. invalidations may have been missed). */
  flush(): void
  /** Stops answering until {@link resume}; what was cached is forgotten. */
  suspend(): void
  /** Answers again, from an empty cache. */
  resume(): void
  stats(): DecisionCacheStats
}

/** Everything a use case may use. */
export interface Deps {
  readonly store: Store
  readonly clock: Clock
  readonly crypto: Crypto
  readonly passwords: PasswordHasher
  /**
   * The decision path's memory (credentials, compiled org indexes). Without it every decision
   * reads the database; with it the store's commits must invalidate it (see createNodeDeps).
   */
  readonly cache?: DecisionCache | undefined
}
