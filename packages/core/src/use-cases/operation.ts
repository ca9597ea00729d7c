import { type Actor, auditActorOf } from '../actor.js'
import { sealEvent } from '../audit/chain.js'
import { Evaluator } from '../authz/evaluate.js'
import { SYSTEM_ROLE_IDS } from '../authz/system-roles.js'
import type { Target } from '../authz/target.js'
import { buildWorld } from '../authz/world.js'
import { AppError, type ErrorCode, isAppError } from '../errors.js'
import type { ObjectType, Permission } from '../model/catalog.js'
import type { AuditActor, AuditEntry, Organization } from '../model/entities.js'
import type { Deps, Tx } from '../ports.js'

/** How a request names its org: by name or id; neither means the credential's or the only one. */
export interface OrgSelector {
  readonly orgName?: string | null | undefined
  readonly orgId?: string | null | undefined
}

/**
 * The use cases that only read. Every other one takes its org's write lock when it enters the
 * org, before it reads the world its rules are checked on: two writers of one org then run one
 * after the other, and neither decides on a state the other is about to change. Reads take no
 * lock. An action missing here is locked: a forgotten read costs a wait, never a broken rule.
 */
const READ_ONLY_ACTIONS: ReadonlySet<string> = new Set([
  'access.explain',
  'acl.list',
  'acl.list_org',
  'acl.read',
  'api_key.get',
  'api_key.list',
  'api_key.list_org',
  'audit_log.list',
  'authorize',
  'group.list',
  'group.read',
  'invitation.list',
  'organization.read',
  'project.list',
  'project.read',
  'role.list',
  'role.read',
  'service_account.list',
  'service_token.get',
  'service_token.list',
  'user.list',
])

/** Whether a use case of this action takes its org's write lock (see READ_ONLY_ACTIONS). */
export function writesOrg(action: string): boolean {
  return !READ_ONLY_ACTIONS.has(action)
}

interface DenialScope {
  orgId: string
  objectType: string
  objectId: string | null
}

/**
 * One use case's transaction: the caller, the org it acts in, the authorization world of that
 * org as of this transaction, and the audit trail. A refusal (a `forbidden` error) rolls the
 * transaction back and is then audited in a transaction of its own.
 */
export class Operation {
  readonly deps: Deps
  readonly actor: Actor
  readonly tx: Tx
  readonly action: string
  #org: Organization | undefined
  #ev: Evaluator | undefined
  #people: Set<string> | undefined
  denial: DenialScope | undefined

  constructor(deps: Deps, actor: Actor, tx: Tx, action: string) {
    this.deps = deps
    this.actor = actor
    this.tx = tx
    this.action = action
  }

  get org(): Organization {
    if (this.#org === undefined) {
      throw new Error('Operation.org read before enterOrg')
    }
    return this.#org
  }

  /** The evaluator over the org's world as this transaction sees it. */
  get ev(): Evaluator {
    if (this.#ev === undefined) {
      throw new Error('Operation.ev read before enterOrg')
    }
    return this.#ev
  }

  now(): number {
    return this.deps.clock.now()
  }

  uuid(): string {
    return this.deps.crypto.uuid()
  }

  /**
   * Picks the org the caller acts in and loads its world. An org the caller is not in, or that
   * its credential is not bound to, does not exist for it.
   * @throws ORG_NOT_FOUND, ORG_REQUIRED
   */
  async enterOrg(selector: OrgSelector = {}): Promise<Organization> {
    let org = await this.#selectOrg(selector)
    if (writesOrg(this.action)) {
      // The org as of the lock: its plan and settings may have changed while this waited.
      const locked = await this.tx.orgs.lockForWrite(org.id)
      if (locked === undefined) {
        throw new AppError('ORG_NOT_FOUND')
      }
      org = locked
    }
    this.#org = org
    this.denial = { orgId: org.id, objectType: 'organization', objectId: org.id }
    await this.reload()
    // Removed from the org while waiting for the lock: the org no longer exists for the caller.
    if (!this.ev.world.members.has(this.actor.userId)) {
      throw new AppError('ORG_NOT_FOUND')
    }
    return org
  }

  async #selectOrg(selector: OrgSelector): Promise<Organization> {
    const { tx, actor } = this
    const bound = actor.credential.orgId
    let org: Organization | undefined
    if (selector.orgId) {
      org = await tx.orgs.find(selector.orgId)
    } else if (selector.orgName) {
      org = await tx.orgs.findByName(selector.orgName)
    } else if (bound !== null) {
      org = await tx.orgs.find(bound)
    } else {
      const memberships = await tx.members.listByUser(actor.userId)
      if (memberships.length > 1) {
        throw new AppError('ORG_REQUIRED')
      }
      const only = memberships[0]
      org = only === undefined ? undefined : await tx.orgs.find(only.orgId)
    }
    if (org === undefined || (bound !== null && bound !== org.id)) {
      throw new AppError('ORG_NOT_FOUND')
    }
    if ((await tx.members.find(org.id, actor.userId)) === undefined) {
      throw new AppError('ORG_NOT_FOUND')
    }
    return org
  }

  /** Reloads the org's world after a write that changed it (for checks on the state after). */
  async reload(): Promise<Evaluator> {
    this.#ev = await loadEvaluator(this.tx, this.org)
    this.#people = undefined
    return this.#ev
  }

  /** Members of the org who are people (not service accounts). */
  async people(): Promise<ReadonlySet<string>> {
    if (this.#people === undefined) {
      const users = await this.tx.users.findMany([...this.ev.world.members])
      this.#people = new Set(users.filter((u) => u.kind === 'user').map((u) => u.id))
    }
    return this.#people
  }

  /** The permissions the caller holds on `target` (restrictions read as `asType`). */
  held(target: Target, asType?: ObjectType): Set<Permission> {
    return this.ev.effective(this.actor.userId, target, asType)
  }

  /**
   * Demands `permission` on `target`. Holding nothing there means the object does not exist for
   * the caller (`notFound`); holding something else is a refusal. `asType` asks about objects of
   * that type under `target`: creating a project is `create` on `org_project` as a `project`.
   * @throws the given not-found code, PERMISSION_DENIED
   */
  require(permission: Permission, target: Target, notFound?: ErrorCode, asType?: ObjectType): void {
    this.denial = { orgId: this.org.id, objectType: target.objectType, objectId: target.objectId }
    const held = this.held(target, asType)
    if (held.has(permission)) {
      return
    }
    if (notFound !== undefined && held.size === 0) {
      throw new AppError(notFound)
    }
    throw new AppError('PERMISSION_DENIED', {
      permission,
      object_type: target.objectType,
      object_id: target.objectId,
    })
  }

  /**
   * Demands that the caller hold every permission on the org; `code` names what needed it.
   * @throws OWNER_REQUIRED or the given code
   */
  requireOwner(code: ErrorCode = 'OWNER_REQUIRED'): void {
    if (!this.ev.isOwner(this.actor.userId)) {
      throw new AppError(code)
    }
  }

  /**
   * Gives the caller a direct Owner grant on an object it just created, unless the org turned
   * "direct ownership grants" off (the reference model's creator rule).
   */
  async grantCreatorOwnership(objectType: 'project' | 'group' | 'role', objectId: string) {
    if (!this.org.settings.directOwnershipGrants) {
      return
    }
    await this.tx.acls.insert({
      id: this.uuid(),
      orgId: this.org.id,
      objectType,
      objectId,
      userId: this.actor.userId,
      groupId: null,
      permission: null,
      roleId: SYSTEM_ROLE_IDS.owner,
      restrictObjectType: null,
      createdAt: this.now(),
    })
  }

  /** Marks the org's decisions as changed (caches key on this version). */
  async changedAuthz(): Promise<void> {
    await this.tx.orgs.bumpAuthzVersion(this.org.id)
  }

  /** Appends a success event to the org's audit chain, in this transaction. */
  async record(entry: {
    action?: string
    objectType: string
    objectId: string | null
    before?: unknown
    after?: unknown
    orgId?: string
  }): Promise<void> {
    await appendAudit(this.tx, this.deps, {
      orgId: entry.orgId ?? this.org.id,
      action: entry.action ?? this.action,
      outcome: 'success',
      actor: auditActorOf(this.actor),
      objectType: entry.objectType,
      objectId: entry.objectId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: null,
      requestId: this.actor.requestId ?? null,
      occurredAt: this.now(),
    })
  }
}

/** The rows an org's authorization world is built from, as `tx` sees them. */
export async function readAuthzRows(tx: Tx, orgId: string) {
  const [members, groups, roles, acls] = await Promise.all([
    tx.members.listByOrg(orgId),
    tx.groups.listAll(orgId),
    tx.roles.listAll(orgId),
    tx.acls.listAll(orgId),
  ])
  return { members: members.map((m) => m.userId), groups, roles, acls }
}

/** Loads the authorization world of `org` as `tx` sees it. */
export async function loadEvaluator(tx: Tx, org: Organization): Promise<Evaluator> {
  const rows = await readAuthzRows(tx, org.id)
  return new Evaluator(buildWorld({ orgId: org.id, plan: org.plan, ...rows }))
}

/** Appends one event to its org's hash chain. */
export async function appendAudit(tx: Tx, deps: Deps, entry: AuditEntry): Promise<void> {
  const id = deps.crypto.uuid()
  await tx.audit.append(entry.orgId, (head) => sealEvent(deps.crypto, id, entry, head))
}

/**
 * Runs a use case in one transaction. When it is refused after the org was known, the refusal
 * is audited (outcome `denied`, the error code as reason) after the rollback.
 */
export async function runOperation<T>(
  deps: Deps,
  actor: Actor,
  action: string,
  fn: (op: Operation) => Promise<T>,
): Promise<T> {
  let op: Operation | undefined
  try {
    return await deps.store.transaction((tx) => {
      op = new Operation(deps, actor, tx, action)
      return fn(op)
    })
  } catch (err) {
    const scope = op?.denial
    if (isAppError(err) && err.kind === 'forbidden' && scope !== undefined) {
      await recordDenial(
        deps,
        auditActorOf(actor),
        action,
        scope,
        err.code,
        actor.requestId ?? null,
      )
    }
    throw err
  }
}

async function recordDenial(
  deps: Deps,
  actor: AuditActor,
  action: string,
  scope: DenialScope,
  reason: ErrorCode,
  requestId: string | null,
): Promise<void> {
  await deps.store.transaction((tx) =>
    appendAudit(tx, deps, {
      orgId: scope.orgId,
      action,
      outcome: 'denied',
      actor,
      objectType: scope.objectType,
      objectId: scope.objectId,
      before: null,
      after: null,
      reason,
      requestId,
      occurredAt: deps.clock.now(),
    }),
  )
}
