import type { Actor } from '../../actor.js'
import type { ServiceToken, User } from '../../model/entities.js'
import { assertMayCreateServiceToken } from '../../policies/minting.js'
import type { Deps } from '../../ports.js'
import { credentialName, futureExpiry } from '../api-keys/credential-fields.js'
import { type Operation, type OrgSelector, runOperation } from '../operation.js'
import { findServiceAccount } from '../service-accounts/find-service-account.js'
import { issueServiceToken } from './issue-service-token.js'

export interface CreateServiceTokenInput extends OrgSelector {
  /** Not unique: an account may hold several tokens of one name. */
  readonly name: string
  readonly serviceAccountId: string
  /** Epoch ms; must be in the future. Absent or null: the token does not expire. */
  readonly expiresAt?: number | null | undefined
}

export interface CreateServiceTokenResult {
  readonly serviceToken: ServiceToken
  readonly serviceAccount: User
  /** The raw token, returned this once and stored nowhere. */
  readonly secret: string
}

/**
 * Checks the minting rules, then the input and the service account, in that order: a refused
 * caller learns nothing about the account.
 */
export async function prepareServiceToken(
  op: Operation,
  input: CreateServiceTokenInput,
): Promise<{ serviceAccount: User; name: string; expiresAt: number | null }> {
  const org = await op.enterOrg(input)
  assertMayCreateServiceToken(op.actor, {
    callerIsOwner: op.ev.isOwner(op.actor.userId),
    serviceTokensCanMint: org.settings.serviceTokensCanMint,
  })
  const name = credentialName(input.name)
  const expiresAt = futureExpiry(input.expiresAt, op.now())
  const serviceAccount = await findServiceAccount(op, input.serviceAccountId)
  return { serviceAccount, name, expiresAt }
}

/**
 * Creates a service token for a service account of the org: from an owner's session, or from an
 * owner-level service token where the org allows it.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, API_KEY_CANNOT_CREATE_SERVICE_TOKEN,
 *   IMPERSONATION_CANNOT_MINT, SERVICE_TOKEN_MINTING_DISABLED, OWNER_REQUIRED,
 *   PERMISSION_DENIED, VALIDATION_FAILED, SERVICE_ACCOUNT_NOT_FOUND
 */
export async function createServiceToken(
  deps: Deps,
  actor: Actor,
  input: CreateServiceTokenInput,
): Promise<CreateServiceTokenResult> {
  return runOperation(deps, actor, 'service_token.create', async (op) => {
    const { serviceAccount, name, expiresAt } = await prepareServiceToken(op, input)
    const issued = await issueServiceToken(op, { serviceAccount, name, expiresAt })
    return { ...issued, serviceAccount }
  })
}
