import type { Actor } from '../../actor.js'
import { hashSecret, parseSecret } from '../../credentials/key-format.js'
import type { Membership, User } from '../../model/entities.js'
import type { Deps } from '../../ports.js'

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
 * neither audits nor writes.
 */
export async function authenticateSecret(deps: Deps, secret: string): Promise<Actor | undefined> {
  const kind = parseSecret(secret)
  if (kind === undefined) {
    return undefined
  }
  const hash = hashSecret(deps.crypto, secret)
  return deps.store.transaction(async (tx) => {
    const credential =
      kind === 'api_key'
        ? await tx.apiKeys.findByHash(hash)
        : await tx.serviceTokens.findByHash(hash)
    if (credential === undefined || credential.secretHash !== hash) {
      return undefined
    }
    const now = deps.clock.now()
    if (credential.revokedAt !== null) {
      return undefined
    }
    if (credential.expiresAt !== null && credential.expiresAt <= now) {
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
      userId,
      credential: { kind, id: credential.id, orgId: credential.orgId },
      impersonatorId: null,
    }
  })
}
