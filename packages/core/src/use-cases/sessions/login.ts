import { AppError } from '../../errors.js'
import type { Session, User } from '../../model/entities.js'
import type { Deps, LoginThrottle } from '../../ports.js'
import { authenticatePassword } from '../users/authenticate-password.js'
import { auditInUserOrgs } from './session-audit.js'
import { newSessionSecret, SESSION_MAX_MS, sessionAuditView } from './session-secrets.js'

export interface LoginInput {
  readonly email: string
  readonly password: string
  /** The client's address, as the server saw it; also the throttle's per-IP key. */
  readonly ip?: string | null | undefined
  readonly userAgent?: string | null | undefined
  readonly requestId?: string | null | undefined
}

export interface LoginOptions {
  /** The server's login throttle; without one, logins are not throttled (CLI, tests). */
  readonly throttle?: LoginThrottle | undefined
}

export interface LoginResult {
  readonly session: Session
  /** The cookie secret: shown once, stored only as a hash. */
  readonly token: string
  /** The CSRF token the browser sends back on writes: shown once, stored only as a hash. */
  readonly csrfToken: string
  readonly user: User
}

/** Stored for the sessions page and the audit log; longer values are cut, not refused. */
const MAX_IP_LENGTH = 64
const MAX_USER_AGENT_LENGTH = 512

/** The throttle's key for a client whose address the server does not know. */
const UNKNOWN_IP = 'unknown'

/**
 * Logs a person in with email and password and opens a browser session: a fresh cookie secret
 * and CSRF token (≈256 bits each), an idle timeout of 12 hours and an absolute end after 7 days.
 * Every refusal is the same UNAUTHENTICATED, whether the account is unknown, deleted, a service
 * account or the password wrong. With a throttle, an attempt over its limits is refused before
 * the password is checked. The login is audited in every org of the person.
 * @throws UNAUTHENTICATED, RATE_LIMITED (details.retry_after_seconds), PASSWORD_TOO_LONG
 */
export async function login(
  deps: Deps,
  input: LoginInput,
  options: LoginOptions = {},
): Promise<LoginResult> {
  const { throttle } = options
  const ip = clip(input.ip, MAX_IP_LENGTH)
  const throttleIp = ip ?? UNKNOWN_IP
  if (throttle !== undefined) {
    // Counted before the (slow) password check, in the same step as the check, so that
    // concurrent guesses cannot all pass it before any of them is counted; a success takes it
    // back.
    const verdict = await throttle.attempt(input.email, throttleIp)
    if (!verdict.allowed) {
      throw new AppError('RATE_LIMITED', { retry_after_seconds: verdict.retryAfterSeconds })
    }
  }
  const user = await authenticatePassword(deps, { email: input.email, password: input.password })
  if (user === undefined) {
    throw new AppError('UNAUTHENTICATED')
  }
  await throttle?.recordSuccess(input.email, throttleIp)

  const token = newSessionSecret(deps.crypto)
  const csrf = newSessionSecret(deps.crypto)
  const now = deps.clock.now()
  const session: Session = {
    id: deps.crypto.uuid(),
    userId: user.id,
    tokenHash: token.hash,
    csrfHash: csrf.hash,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + SESSION_MAX_MS,
    revokedAt: null,
    ip,
    userAgent: clip(input.userAgent, MAX_USER_AGENT_LENGTH),
  }
  await deps.store.transaction(async (tx) => {
    const current = await tx.users.find(user.id)
    // The password was checked outside this transaction: a deletion or a password change since
    // then means the password that was checked no longer opens the account.
    if (
      current === undefined ||
      current.deletedAt !== null ||
      current.kind !== 'user' ||
      current.passwordHash !== user.passwordHash
    ) {
      throw new AppError('UNAUTHENTICATED')
    }
    await tx.sessions.insert(session)
    await auditInUserOrgs(tx, deps, user.id, {
      action: 'session.login',
      actor: {
        userId: user.id,
        credentialKind: 'session',
        credentialId: session.id,
        impersonatorId: null,
      },
      objectType: 'session',
      objectId: session.id,
      after: sessionAuditView(session),
      requestId: input.requestId ?? null,
    })
  })
  return { session, token: token.secret, csrfToken: csrf.secret, user }
}

function clip(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null) {
    return null
  }
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed.slice(0, max)
}
