import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { findVisibleServiceToken } from './find-visible-service-token.js'
import { serviceTokenAuditView } from './issue-service-token.js'
import { type ServiceTokenWithAccount, withServiceAccounts } from './service-token-view.js'

export interface DeleteServiceTokenInput extends OrgSelector {
  readonly id: string
}

/**
 * Revokes a service token and returns it as revoked. Owners of its org only; another org's
 * token does not exist for the caller (and keeps working).
 * @throws SERVICE_TOKEN_NOT_FOUND, OWNER_REQUIRED
 */
export async function deleteServiceToken(
  deps: Deps,
  actor: Actor,
  input: DeleteServiceTokenInput,
): Promise<ServiceTokenWithAccount> {
  return runOperation(deps, actor, 'service_token.delete', async (op) => {
    const before = await findVisibleServiceToken(op, input.id, input)
    await op.tx.serviceTokens.revoke(before.id, op.now())
    const after = await op.tx.serviceTokens.find(before.id)
    if (after === undefined) {
      throw new AppError('SERVICE_TOKEN_NOT_FOUND')
    }
    await op.changedAuthz()
    await op.record({
      objectType: 'service_token',
      objectId: after.id,
      before: serviceTokenAuditView(before),
      after: serviceTokenAuditView(after),
    })
    const [pair] = await withServiceAccounts(op.tx, [after])
    return pair ?? { serviceToken: after, serviceAccount: null }
  })
}
