import type { ServiceToken, User } from '../../model/entities.js'
import {
  assertMayCreateServiceAccount,
  assertMayCreateServiceToken,
  type MintContext,
} from '../../policies/minting.js'
import { credentialName } from '../api-keys/credential-fields.js'
import type { Operation } from '../operation.js'
import { issueServiceToken } from '../service-tokens/issue-service-token.js'

export interface AddServiceAccountInput {
  readonly name: string
  /** Also issue the account's first token, under the service-token minting rules. */
  readonly tokenName?: string | null | undefined
}

export interface AddServiceAccountResult {
  readonly user: User
  readonly token?: { readonly serviceToken: ServiceToken; readonly secret: string }
}

/** The non-routable address every service account carries (RFC 2606 reserves `.invalid`). */
export function serviceAccountEmail(id: string): string {
  return `${id}@service-account.gatehouse.invalid`
}

/** What an audit event says about a service account. */
export function serviceAccountAuditView(user: User): Record<string, unknown> {
  return { id: user.id, name: user.givenName, email: user.email, kind: user.kind }
}

/**
 * Creates a service account as a member of the operation's org (which must have been entered),
 * optionally with its first service token; for use inside another use case's operation. Every
 * check runs before the first write.
 * @throws API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT, API_KEY_CANNOT_CREATE_SERVICE_TOKEN,
 *   IMPERSONATION_CANNOT_MINT, SERVICE_TOKEN_MINTING_DISABLED, OWNER_REQUIRED,
 *   PERMISSION_DENIED, VALIDATION_FAILED
 */
export async function addServiceAccount(
  op: Operation,
  input: AddServiceAccountInput,
): Promise<AddServiceAccountResult> {
  const org = op.org
  const ctx: MintContext = {
    callerIsOwner: op.ev.isOwner(op.actor.userId),
    serviceTokensCanMint: org.settings.serviceTokensCanMint,
  }
  assertMayCreateServiceAccount(op.actor, ctx)
  const wantsToken = input.tokenName !== undefined && input.tokenName !== null
  if (wantsToken) {
    assertMayCreateServiceToken(op.actor, ctx)
  }
  const name = credentialName(input.name)
  const tokenName = wantsToken ? credentialName(input.tokenName ?? '', 'token_name') : null

  const id = op.uuid()
  const now = op.now()
  const user: User = {
    id,
    kind: 'service_account',
    email: serviceAccountEmail(id),
    givenName: name,
    familyName: null,
    avatarUrl: null,
    passwordHash: null,
    serviceAccountOrgId: org.id,
    createdAt: now,
    deletedAt: null,
  }
  await op.tx.users.insert(user)
  await op.tx.members.add({ orgId: org.id, userId: user.id, createdAt: now })
  await op.changedAuthz()
  await op.record({
    action: 'service_account.create',
    objectType: 'service_account',
    objectId: user.id,
    after: serviceAccountAuditView(user),
  })
  if (tokenName === null) {
    return { user }
  }
  const token = await issueServiceToken(op, {
    serviceAccount: user,
    name: tokenName,
    expiresAt: null,
  })
  return { user, token }
}
