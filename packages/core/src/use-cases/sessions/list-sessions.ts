import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Session } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { isSessionLive } from './session-secrets.js'

/**
 * The caller's sessions that still admit requests, newest first, for a "where you're logged in"
 * page (ASVS 5.0 7.5.2). Only from a browser session: they show addresses and browsers.
 * @throws PERMISSION_DENIED (not a session)
 */
export async function listSessions(deps: Deps, actor: Actor): Promise<Session[]> {
  if (actor.credential.kind !== 'session') {
    throw new AppError('PERMISSION_DENIED', { reason: 'session required' })
  }
  const now = deps.clock.now()
  const sessions = await deps.store.transaction((tx) => tx.sessions.listForUser(actor.userId, now))
  return sessions.filter((s) => isSessionLive(s, now))
}
