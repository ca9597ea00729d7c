import type { Actor } from '../../actor.js'
import { hashSecret, parseSecret, type SecretKind } from '../../credentials/key-format.js'
import type { Membership, User } from '../../model/entities.js'
import type { CachedCredential, Deps } from '../../ports.js'

function usable(
  expected: User['kind'],
  orgId: string,
  user: User | undefined,
  membership: Membership | undefined,
): boolean {
  if (user === undefined || user.deletedAt !== null || user.kind !== expected) {
    return false
  }
  if (expected === 'service_account' && user.serviceAccountOrgId !== orgId) {
    return false
  }
  return membership !== undefined
}

/**
 * The caller a raw API key or service token stands for, or undefined when it is malformed,
 * unknown, revoked, expired (at `expiresAt` exactly too), or its owner is deleted or no longer
 * in the credential's org. A malformed string never reaches storage. Reads only: the hot path
 * neither audits nor writes. With `deps.cache`, a live credential is remembered by its hash
 * until its org changes (revocations, removals) or the cache's TTL; unknown and refused secrets
 * are not remembered, so a stream of them cannot grow memory.
 */
export async function authenticateSecret(deps: Deps, secret: string): Promise<Actor | undefined> {
  const kind = parseSecret(secret)
  if (kind === undefined) {
    return undefined
  }
  const hash = hashSecret(deps.crypto, secret)
  const cache = deps.cache
  const cached = cache?.credential(hash)
  if (cached !== undefined) {
    return live(cached, deps.clock.now()) ? cached.actor : undefined
  }
  return readCredential(deps, kind, hash)
}

/**
 * {@link authenticateSecret} from the cache alone, without waiting: the actor of a cached live
 * credential, else undefined (not cached, expired or malformed; ask authenticateSecret).
 */
export function authenticateCached(deps: Deps, secret: string): Actor | undefined {
  const cache = deps.cache
  if (cache === undefined || parseSecret(secret) === undefined) {
    return undefined
  }
  // A miss here is counted by the authenticateSecret that follows it.
  const cached = cache.credential(hashSecret(deps.crypto, secret), false)
  return cached !== undefined && live(cached, deps.clock.now()) ? cached.actor : undefined
}

async function readCredential(
  deps: Deps,
  kind: SecretKind,
  hash: string,
): Promise<Actor | undefined> {
  const cache = deps.cache
  const ticket = cache?.ticket() ?? 0
  const found = await deps.store.transaction(async (tx): Promise<CachedCredential | undefined> => {
    const credential =
      kind === 'api_key'
        ? await tx.apiKeys.findByHash(hash)
        : await tx.serviceTokens.findByHash(hash)
    if (credential === undefined || credential.secretHash !== hash) {
      return undefined
    }
    if (credential.revokedAt !== null) {
      return undefined
    }
    const userId = 'userId' in credential ? credential.userId : credential.serviceAccountId
    const [user, membership] = await Promise.all([
      tx.users.find(userId),
      tx.members.find(credential.orgId, userId),
    ])
    const expected = kind === 'api_key' ? 'user' : 'service_account'
    if (!usable(expected, credential.orgId, user, membership)) {
      return undefined
    }
    return {
      actor: {
        userId,
        credential: { kind, id: credential.id, orgId: credential.orgId },
        impersonatorId: null,
      },
      expiresAt: credential.expiresAt,
    }
  })
  if (found === undefined || !live(found, deps.clock.now())) {
    return undefined
  }
  cache?.storeCredential(hash, found, ticket)
  return found.actor
}

function live(credential: CachedCredential, now: number): boolean {
  return credential.expiresAt === null || credential.expiresAt > now
}
