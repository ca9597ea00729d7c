import type { Actor } from '../actor.js'
import type { Plan } from '../model/catalog.js'
import type { Acl, AclItem, AuditEvent, Group, Organization, User } from '../model/entities.js'
import type { Deps } from '../ports.js'
import { bootstrapOrganization } from '../use-cases/orgs/bootstrap-organization.js'

/** The password of every user the fixtures create (owners from seedOrg, people from addMember). */
export const TEST_PASSWORD = 'correct horse battery staple'

export interface SeededOrg {
  readonly org: Organization
  readonly owner: User
  readonly ownerActor: Actor
  readonly groups: { readonly owners: Group; readonly engineers?: Group; readonly viewers?: Group }
}

function shortId(deps: Deps): string {
  return deps.crypto.uuid().slice(0, 8)
}

/**
 * Creates an organization through bootstrapOrganization (Enterprise unless told otherwise) with
 * its built-in groups and a first owner whose password is {@link TEST_PASSWORD}. Names and
 * emails default to fresh ones, so several orgs can live in one store.
 */
export async function seedOrg(
  deps: Deps,
  options: { name?: string; plan?: Plan; ownerEmail?: string } = {},
): Promise<SeededOrg> {
  const suffix = shortId(deps)
  const { org, user } = await bootstrapOrganization(deps, {
    orgName: options.name ?? `org-${suffix}`,
    email: options.ownerEmail ?? `owner-${suffix}@example.com`,
    password: TEST_PASSWORD,
    plan: options.plan ?? 'enterprise',
  })
  const all = await deps.store.transaction((tx) => tx.groups.listAll(org.id))
  const builtin = (name: Group['builtin']): Group | undefined => all.find((g) => g.builtin === name)
  const owners = builtin('owners')
  if (owners === undefined) {
    throw new Error('bootstrapOrganization made no Owners group')
  }
  const engineers = builtin('engineers')
  const viewers = builtin('viewers')
  return {
    org,
    owner: user,
    ownerActor: sessionActor(user),
    groups: {
      owners,
      ...(engineers === undefined ? {} : { engineers }),
      ...(viewers === undefined ? {} : { viewers }),
    },
  }
}

/**
 * Puts a member into `org` straight through the store (no use case, no audit event): a person
 * with password {@link TEST_PASSWORD}, or a service account owned by the org. An existing user
 * with that email is reused, which makes one person a member of several orgs. Each group in
 * `groups` gains the member, and the org's authorization version is bumped once.
 */
export async function addMember(
  deps: Deps,
  org: Organization,
  options: {
    email?: string
    groups?: Group[]
    kind?: 'user' | 'service_account'
    name?: string
  } = {},
): Promise<User> {
  const kind = options.kind ?? 'user'
  const passwordHash = kind === 'user' ? await deps.passwords.hash(TEST_PASSWORD) : null
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now()
    const id = deps.crypto.uuid()
    const email =
      kind === 'service_account'
        ? `${id}@service-account.gatehouse.invalid`
        : (options.email ?? `member-${id.slice(0, 8)}@example.com`).trim().toLowerCase()
    let user = kind === 'user' ? await tx.users.findByEmail(email) : undefined
    if (user === undefined) {
      user = {
        id,
        kind,
        email,
        givenName: options.name ?? null,
        familyName: null,
        avatarUrl: null,
        passwordHash,
        serviceAccountOrgId: kind === 'service_account' ? org.id : null,
        createdAt: now,
        deletedAt: null,
      }
      await tx.users.insert(user)
    }
    await tx.members.add({ orgId: org.id, userId: user.id, createdAt: now })
    for (const wanted of options.groups ?? []) {
      // Re-read: the caller's copy may be stale after earlier addMember calls.
      const group = await tx.groups.find(wanted.id)
      if (group === undefined || group.orgId !== org.id) {
        throw new Error(`Group ${wanted.id} is not a live group of org ${org.id}`)
      }
      if (!group.memberUsers.includes(user.id)) {
        await tx.groups.update({ ...group, memberUsers: [...group.memberUsers, user.id] })
      }
    }
    await tx.orgs.bumpAuthzVersion(org.id)
    return user
  })
}

function userIdOf(user: User | string): string {
  return typeof user === 'string' ? user : user.id
}

export interface ActorOptions {
  readonly impersonatorId?: string | undefined
  /** The credential's id (an API key's or service token's id); null by default. */
  readonly credentialId?: string | undefined
  readonly requestId?: string | undefined
}

/** A browser session of `user`, not bound to any org. */
export function sessionActor(user: User | string, options: ActorOptions = {}): Actor {
  return {
    userId: userIdOf(user),
    credential: { kind: 'session', id: options.credentialId ?? null, orgId: null },
    impersonatorId: options.impersonatorId ?? null,
    requestId: options.requestId ?? null,
  }
}

/** A request made with one of `user`'s API keys in `orgId`. */
export function apiKeyActor(user: User | string, orgId: string, options: ActorOptions = {}): Actor {
  return {
    userId: userIdOf(user),
    credential: { kind: 'api_key', id: options.credentialId ?? null, orgId },
    impersonatorId: options.impersonatorId ?? null,
    requestId: options.requestId ?? null,
  }
}

/** A request made with one of the service account's tokens in `orgId`. */
export function serviceTokenActor(
  serviceAccount: User | string,
  orgId: string,
  options: Omit<ActorOptions, 'impersonatorId'> = {},
): Actor {
  return {
    userId: userIdOf(serviceAccount),
    credential: { kind: 'service_token', id: options.credentialId ?? null, orgId },
    impersonatorId: null,
    requestId: options.requestId ?? null,
  }
}

/** Every audit event of the org, oldest first. */
export async function auditEvents(deps: Deps, orgId: string): Promise<AuditEvent[]> {
  return deps.store.transaction(async (tx) => {
    const events: AuditEvent[] = []
    for (;;) {
      const page = await tx.audit.scan(orgId, events.at(-1)?.seq ?? 0, 500)
      events.push(...page)
      if (page.length < 500) {
        return events
      }
    }
  })
}

/**
 * Puts an ACL straight into the store (no use case, no audit) and bumps the org's authorization
 * version: test setup for a world.
 */
export async function grantAcl(
  deps: Deps,
  org: Organization,
  item: Partial<AclItem> & Pick<AclItem, 'objectType' | 'objectId'>,
): Promise<Acl> {
  const acl: Acl = {
    userId: null,
    groupId: null,
    permission: null,
    roleId: null,
    restrictObjectType: null,
    ...item,
    id: deps.crypto.uuid(),
    orgId: org.id,
    createdAt: deps.clock.now(),
  }
  await deps.store.transaction(async (tx) => {
    await tx.acls.insert(acl)
    // As every real grant does: decisions cached for the org must not outlive it.
    await tx.orgs.bumpAuthzVersion(org.id)
  })
  return acl
}
