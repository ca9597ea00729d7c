import { GatehouseApiError } from '../errors.js'
import type { Check, Principal, Verifier } from './create-verifier.js'
import { credentialFromAuthorization } from './read-credential.js'

/** What a request must be allowed to do: one check, or several that must all pass. */
export type Requirement = Check | readonly Check[]

/** What a middleware does with a request. */
export type Outcome =
  | { readonly kind: 'allowed'; readonly principal: Principal }
  | { readonly kind: 'denied'; readonly principal: Principal }
  | { readonly kind: 'unauthenticated' }
  /** The requirement names an object the API refuses (an id too long, empty, not a UUID). */
  | { readonly kind: 'invalid' }

/** A refusal as the middlewares send it: status, headers and Gatehouse's error envelope. */
export interface Refusal {
  readonly status: 400 | 401 | 403
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

const INVALID: Refusal = {
  status: 400,
  headers: {},
  body: { error: { code: 'VALIDATION_FAILED', message: 'The request is not valid' } },
}

/** The response for a refused outcome. */
export function refusalOf(outcome: Exclude<Outcome, { kind: 'allowed' }>): Refusal {
  if (outcome.kind === 'invalid') {
    return INVALID
  }
  return outcome.kind === 'unauthenticated' ? UNAUTHENTICATED : DENIED
}

/**
 * Decides a request from its Authorization header: unauthenticated without a credential or
 * when Gatehouse refuses it, invalid when a check names an object id the API refuses, allowed
 * when every check passes, denied otherwise.
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
  let answer: Awaited<ReturnType<Verifier['authorize']>>
  try {
    answer = await verifier.authorize(credential, checks)
  } catch (err) {
    // The object comes from the end user's request (a path parameter, say): its fault, a 400,
    // not the data plane's 500. Every other failure still goes to the app's error handler.
    if (err instanceof GatehouseApiError && err.status === 400) {
      return { kind: 'invalid' }
    }
    throw err
  }
  const { principal, decisions } = answer
  if (principal === null) {
    return { kind: 'unauthenticated' }
  }
  return decisions.every((d) => d) ? { kind: 'allowed', principal } : { kind: 'denied', principal }
}
