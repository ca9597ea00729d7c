import type { Actor } from '../../actor.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { findVisibleServiceToken } from './find-visible-service-token.js'
import { type ServiceTokenWithAccount, withServiceAccounts } from './service-token-view.js'

export interface GetServiceTokenInput extends OrgSelector {
  readonly id: string
}

/**
 * One unrevoked service token with its service account. Owners of its org only.
 * @throws SERVICE_TOKEN_NOT_FOUND, OWNER_REQUIRED
 */
export async function getServiceToken(
  deps: Deps,
  actor: Actor,
  input: GetServiceTokenInput,
): Promise<ServiceTokenWithAccount> {
  return runOperation(deps, actor, 'service_token.get', async (op) => {
    const token = await findVisibleServiceToken(op, input.id, input)
    const [pair] = await withServiceAccounts(op.tx, [token])
    return pair ?? { serviceToken: token, serviceAccount: null }
  })
}
