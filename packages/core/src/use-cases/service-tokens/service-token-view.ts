import type { ServiceToken, User } from '../../model/entities.js'
import type { Tx } from '../../ports.js'

/** A service token with its service account (the wire shows the account's name and email). */
export interface ServiceTokenWithAccount {
  readonly serviceToken: ServiceToken
  /** null only if the account row is gone (never, with soft deletes). */
  readonly serviceAccount: User | null
}

/** Pairs tokens with their service accounts in one read. */
export async function withServiceAccounts(
  tx: Tx,
  tokens: readonly ServiceToken[],
): Promise<ServiceTokenWithAccount[]> {
  const ids = [...new Set(tokens.map((t) => t.serviceAccountId))]
  const accounts = new Map((await tx.users.findMany(ids)).map((u) => [u.id, u]))
  return tokens.map((serviceToken) => ({
    serviceToken,
    serviceAccount: accounts.get(serviceToken.serviceAccountId) ?? null,
  }))
}
