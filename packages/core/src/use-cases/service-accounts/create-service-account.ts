import type { Actor } from '../../actor.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import {
  type AddServiceAccountInput,
  type AddServiceAccountResult,
  addServiceAccount,
} from './add-service-account.js'

export interface CreateServiceAccountInput extends OrgSelector, AddServiceAccountInput {}

/**
 * Creates a service account in an org, optionally with its first service token. Owners only,
 * from a session or an owner-level service token; never from an API key or an impersonation.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT,
 *   API_KEY_CANNOT_CREATE_SERVICE_TOKEN, IMPERSONATION_CANNOT_MINT,
 *   SERVICE_TOKEN_MINTING_DISABLED, OWNER_REQUIRED, PERMISSION_DENIED, VALIDATION_FAILED
 */
export async function createServiceAccount(
  deps: Deps,
  actor: Actor,
  input: CreateServiceAccountInput,
): Promise<AddServiceAccountResult> {
  return runOperation(deps, actor, 'service_account.create', async (op) => {
    await op.enterOrg(input)
    return addServiceAccount(op, input)
  })
}
