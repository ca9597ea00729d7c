import type { Actor } from '../../actor.js'
import type { ServiceToken } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { runOperation } from '../operation.js'
import {
  type CreateServiceTokenInput,
  type CreateServiceTokenResult,
  prepareServiceToken,
} from './create-service-token.js'
import { issueServiceToken, serviceTokenAuditView } from './issue-service-token.js'

export interface ReplaceServiceTokenResult extends CreateServiceTokenResult {
  /** The live tokens of that name that were revoked, as revoked. */
  readonly replaced: readonly ServiceToken[]
}

/**
 * Create-or-replace by name (`PUT /v1/service_token`): revokes the service account's live
 * tokens of that name and issues a new one, under the same rules as creating.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, API_KEY_CANNOT_CREATE_SERVICE_TOKEN,
 *   IMPERSONATION_CANNOT_MINT, SERVICE_TOKEN_MINTING_DISABLED, OWNER_REQUIRED,
 *   PERMISSION_DENIED, VALIDATION_FAILED, SERVICE_ACCOUNT_NOT_FOUND
 */
export async function replaceServiceToken(
  deps: Deps,
  actor: Actor,
  input: CreateServiceTokenInput,
): Promise<ReplaceServiceTokenResult> {
  return runOperation(deps, actor, 'service_token.replace', async (op) => {
    const { serviceAccount, name, expiresAt } = await prepareServiceToken(op, input)
    const live = await op.tx.serviceTokens.list({
      orgId: op.org.id,
      ownerId: serviceAccount.id,
      name,
    })
    const replaced: ServiceToken[] = []
    for (const token of live) {
      // The store's name filter may be looser than equality; replacing is by exact name.
      if (token.name !== name || token.serviceAccountId !== serviceAccount.id) {
        continue
      }
      const at = op.now()
      await op.tx.serviceTokens.revoke(token.id, at)
      const revoked = { ...token, revokedAt: token.revokedAt ?? at }
      replaced.push(revoked)
      await op.record({
        action: 'service_token.delete',
        objectType: 'service_token',
        objectId: token.id,
        before: serviceTokenAuditView(token),
        after: serviceTokenAuditView(revoked),
      })
    }
    if (replaced.length > 0) {
      await op.changedAuthz()
    }
    const issued = await issueServiceToken(op, { serviceAccount, name, expiresAt })
    return { ...issued, serviceAccount, replaced }
  })
}
