import type { Session } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { sessionSecretHash } from './session-secrets.js'

/**
 * Whether `presented` is the CSRF token of `session`. Compares the hashes in time independent
 * of where they differ; a missing or malformed token never matches.
 */
export function csrfMatches(
  deps: Pick<Deps, 'crypto'>,
  session: Session,
  presented: string | undefined,
): boolean {
  if (presented === undefined) {
    return false
  }
  const hash = sessionSecretHash(deps.crypto, presented)
  return hash !== undefined && constantTimeEqual(hash, session.csrfHash)
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) {
    return false
  }
  let diff = 0
  for (let i = 0; i < a.length; i++) {
    diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  }
  return diff === 0
}
