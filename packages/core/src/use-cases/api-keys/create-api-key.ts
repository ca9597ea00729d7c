import type { Actor } from '../../actor.js'
import { generateSecret, hashSecret, previewOf } from '../../credentials/key-format.js'
import { AppError } from '../../errors.js'
import type { ApiKey, User } from '../../model/entities.js'
import { assertMayCreateApiKey } from '../../policies/minting.js'
import type { Deps } from '../../ports.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { apiKeyAuditView } from './api-key-view.js'
import { credentialName, futureExpiry } from './credential-fields.js'

export interface CreateApiKeyInput extends OrgSelector {
  readonly name: string
  /** Epoch ms; must be in the future. Absent or null: the key does not expire. */
  readonly expiresAt?: number | null | undefined
}

export interface CreateApiKeyResult {
  readonly apiKey: ApiKey
  readonly user: User
  /** The raw key, returned this once and stored nowhere. */
  readonly secret: string
}

/**
 * Creates a personal API key of the caller in an org; only an interactive, non-impersonating
 * session may. The org is entered first so that a refused attempt lands in the org's audit log.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, API_KEY_CANNOT_CREATE_API_KEY,
 *   SERVICE_TOKEN_CANNOT_CREATE_API_KEY, IMPERSONATION_CANNOT_MINT, PERMISSION_DENIED,
 *   VALIDATION_FAILED, USER_NOT_FOUND
 */
export async function createApiKey(
  deps: Deps,
  actor: Actor,
  input: CreateApiKeyInput,
): Promise<CreateApiKeyResult> {
  return runOperation(deps, actor, 'api_key.create', async (op) => {
    const org = await op.enterOrg(input)
    assertMayCreateApiKey(actor)
    const name = credentialName(input.name)
    const expiresAt = futureExpiry(input.expiresAt, op.now())
    const user = await op.tx.users.find(actor.userId)
    if (user === undefined || user.deletedAt !== null || user.kind !== 'user') {
      throw new AppError('USER_NOT_FOUND')
    }
    const secret = generateSecret(deps.crypto, 'api_key')
    const apiKey: ApiKey = {
      id: op.uuid(),
      orgId: org.id,
      userId: user.id,
      name,
      previewName: previewOf(secret),
      secretHash: hashSecret(deps.crypto, secret),
      createdAt: op.now(),
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    }
    await op.tx.apiKeys.insert(apiKey)
    await op.record({ objectType: 'api_key', objectId: apiKey.id, after: apiKeyAuditView(apiKey) })
    return { apiKey, user, secret }
  })
}
