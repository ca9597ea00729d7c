import type { Actor } from '../actor.js'
import { AppError } from '../errors.js'

/**
 * Credentials never mint credentials. What decides is the credential that authenticated the
 * request (resolved by HTTP from whatever transport carried it), never the header's shape.
 */

/**
 * API keys come only from an interactive session that is not impersonating.
 * @throws API_KEY_CANNOT_CREATE_API_KEY, SERVICE_TOKEN_CANNOT_CREATE_API_KEY,
 *   IMPERSONATION_CANNOT_MINT, PERMISSION_DENIED
 */
export function assertMayCreateApiKey(actor: Actor): void {
  switch (actor.credential.kind) {
    case 'api_key':
      throw new AppError('API_KEY_CANNOT_CREATE_API_KEY')
    case 'service_token':
      throw new AppError('SERVICE_TOKEN_CANNOT_CREATE_API_KEY')
    case 'operator':
      throw new AppError('PERMISSION_DENIED')
    case 'session':
      if (actor.impersonatorId !== null) {
        throw new AppError('IMPERSONATION_CANNOT_MINT')
      }
  }
}

export interface MintContext {
  /** The caller holds every permission on the org. */
  readonly callerIsOwner: boolean
  /** The org lets owner-level service tokens create service tokens. */
  readonly serviceTokensCanMint: boolean
}

/**
 * Service tokens come from an owner's session, or from an owner-level service token where the
 * org allows it; never from a user API key, never under impersonation.
 * @throws API_KEY_CANNOT_CREATE_SERVICE_TOKEN, IMPERSONATION_CANNOT_MINT,
 *   SERVICE_TOKEN_MINTING_DISABLED, OWNER_REQUIRED, PERMISSION_DENIED
 */
export function assertMayCreateServiceToken(actor: Actor, ctx: MintContext): void {
  if (actor.credential.kind === 'api_key') {
    throw new AppError('API_KEY_CANNOT_CREATE_SERVICE_TOKEN')
  }
  if (actor.credential.kind === 'operator') {
    throw new AppError('PERMISSION_DENIED')
  }
  if (actor.impersonatorId !== null) {
    throw new AppError('IMPERSONATION_CANNOT_MINT')
  }
  if (actor.credential.kind === 'service_token' && !ctx.serviceTokensCanMint) {
    throw new AppError('SERVICE_TOKEN_MINTING_DISABLED')
  }
  if (!ctx.callerIsOwner) {
    throw new AppError('OWNER_REQUIRED')
  }
}

/**
 * Service accounts are new principals: owners create them from a session or an owner-level
 * service token. API keys may not (stricter than Braintrust, which lets any member manager).
 * @throws API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT, IMPERSONATION_CANNOT_MINT, OWNER_REQUIRED,
 *   PERMISSION_DENIED
 */
export function assertMayCreateServiceAccount(actor: Actor, ctx: MintContext): void {
  if (actor.credential.kind === 'api_key') {
    throw new AppError('API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT')
  }
  if (actor.credential.kind === 'operator') {
    throw new AppError('PERMISSION_DENIED')
  }
  if (actor.impersonatorId !== null) {
    throw new AppError('IMPERSONATION_CANNOT_MINT')
  }
  if (!ctx.callerIsOwner) {
    throw new AppError('OWNER_REQUIRED')
  }
}

/**
 * The org settings that decide who may mint or own what (service tokens minting service tokens,
 * direct ownership grants) change only from an interactive session that is not impersonating:
 * otherwise a credential could re-open what an owner closed, and then mint again.
 * @throws CREDENTIAL_SETTING_NEEDS_SESSION
 */
export function assertMayChangeCredentialSettings(actor: Actor): void {
  if (actor.credential.kind !== 'session' || actor.impersonatorId !== null) {
    throw new AppError('CREDENTIAL_SETTING_NEEDS_SESSION')
  }
}
