import type { Check, Principal, Verifier } from './create-verifier.js'
import { credentialFromAuthorization } from './read-credential.js'

/** What a request must be allowed to do: one check, or several that must all pass. */
export type Requirement = Check | readonly Check[]

/** What a middleware does with a request. */
export type Outcome =
  | { readonly kind: 'allowed'; readonly principal: Principal }
  | { readonly kind: 'denied'; readonly principal: Principal }
  | { readonly kind: 'unauthenticated' }

/** A refusal as the middlewares send it: status, headers and Gatehouse's error envelope. */
export interface Refusal {
  readonly status: 401 | 403
  readonly headers: Readonly<Record<string, string>>
  readonly body: { readonly error: { readonly code: string; readonly message: string } }
}

const UNAUTHENTICATED: Refusal = {
  status: 401,
  // RFC 9110: a 401 names the scheme that would be accepted.
  headers: { 'www-authenticate': 'Bearer' },
  body: { error: { code: 'UNAUTHENTICATED', message: 'Credentials are missing or invalid' } },
}

const DENIED: Refusal = {
  status: 403,
  headers: {},
  body: {
    error: {
      code: 'PERMISSION_DENIED',
      message: 'The caller lacks the permission this request needs',
    },
  },
}

/** The response for a refused outcome. */
export function refusalOf(outcome: Exclude<Outcome, { kind: 'allowed' }>): Refusal {
  return outcome.kind === 'unauthenticated' ? UNAUTHENTICATED : DENIED
}

/**
 * Decides a request from its Authorization header: unauthenticated without a credential or
 * when Gatehouse refuses it, allowed when every check passes, denied otherwise.
 * @throws GatehouseApiError when Gatehouse cannot answer: the middlewares pass it on, so a
 * request is never let through on an error.
 */
export async function decideRequest(
  verifier: Verifier,
  authorization: string | undefined,
  requirement: Requirement,
): Promise<Outcome> {
  const credential = credentialFromAuthorization(authorization)
  if (credential === undefined) {
    return { kind: 'unauthenticated' }
  }
  const checks: readonly Check[] = Array.isArray(requirement) ? requirement : [requirement as Check]
  const { principal, decisions } = await verifier.authorize(credential, checks)
  if (principal === null) {
    return { kind: 'unauthenticated' }
  }
  return decisions.every((d) => d) ? { kind: 'allowed', principal } : { kind: 'denied', principal }
}
