import { generateSecret, hashSecret, previewOf } from '../../credentials/key-format.js'
import type { ServiceToken, User } from '../../model/entities.js'
import type { Operation } from '../operation.js'

export interface IssueServiceTokenInput {
  readonly serviceAccount: User
  /** Already validated (see credentialName). */
  readonly name: string
  /** Already validated (see futureExpiry). */
  readonly expiresAt: number | null
}

/** What an audit event may say about a service token: never the secret, nor its hash. */
export function serviceTokenAuditView(token: ServiceToken): Record<string, unknown> {
  return {
    id: token.id,
    name: token.name,
    serviceAccountId: token.serviceAccountId,
    previewName: token.previewName,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
  }
}

/**
 * Stores a new service token for a service account of the operation's org and audits it. The
 * caller has already run assertMayCreateServiceToken: this helper decides nothing.
 */
export async function issueServiceToken(
  op: Operation,
  input: IssueServiceTokenInput,
): Promise<{ serviceToken: ServiceToken; secret: string }> {
  const secret = generateSecret(op.deps.crypto, 'service_token')
  const serviceToken: ServiceToken = {
    id: op.uuid(),
    orgId: op.org.id,
    serviceAccountId: input.serviceAccount.id,
    name: input.name,
    previewName: previewOf(secret),
    secretHash: hashSecret(op.deps.crypto, secret),
    createdAt: op.now(),
    expiresAt: input.expiresAt,
    lastUsedAt: null,
    revokedAt: null,
  }
  await op.tx.serviceTokens.insert(serviceToken)
  await op.record({
    action: 'service_token.create',
    objectType: 'service_token',
    objectId: serviceToken.id,
    after: serviceTokenAuditView(serviceToken),
  })
  return { serviceToken, secret }
}
