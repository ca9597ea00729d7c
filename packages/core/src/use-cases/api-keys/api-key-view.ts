import type { ApiKey, User } from '../../model/entities.js'
import type { Tx } from '../../ports.js'

/** An API key with the user it belongs to (the wire shows the user's email and names). */
export interface ApiKeyWithUser {
  readonly apiKey: ApiKey
  /** null only if the user row is gone (never, with soft deletes). */
  readonly user: User | null
}

/** What an audit event may say about an API key: never the secret, nor its hash. */
export function apiKeyAuditView(key: ApiKey): Record<string, unknown> {
  return {
    id: key.id,
    name: key.name,
    userId: key.userId,
    previewName: key.previewName,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
  }
}

/** Pairs keys with their users in one read. */
export async function withUsers(tx: Tx, keys: readonly ApiKey[]): Promise<ApiKeyWithUser[]> {
  const ids = [...new Set(keys.map((k) => k.userId))]
  const users = new Map((await tx.users.findMany(ids)).map((u) => [u.id, u]))
  return keys.map((apiKey) => ({ apiKey, user: users.get(apiKey.userId) ?? null }))
}
