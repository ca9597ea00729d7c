import { type Actor, auditActorOf } from '../../actor.js'
import {
  assertPasswordAcceptable,
  assertPasswordHashable,
} from '../../credentials/password-policy.js'
import { AppError, isAppError } from '../../errors.js'
import { assertMayChangeIdentity } from '../../policies/impersonation.js'
import type { Deps } from '../../ports.js'
import { appendAudit } from '../operation.js'

export interface ChangePasswordInput {
  readonly currentPassword: string
  readonly newPassword: string
}

const ACTION = 'user.change_password'

/**
 * Changes the caller's own password. Only from the person's own session, never under
 * impersonation or with an API key, and only with the current password. A password belongs to
 * the person, not to one org, so the change (and a refusal) is audited in every org they are in.
 * Every other session of the person ends with it (ASVS 5.0 7.4.3): whoever knew the old password
 * may have logged in with it.
 * @throws IMPERSONATION_CANNOT_CHANGE_IDENTITY, PERMISSION_DENIED, PASSWORD_TOO_SHORT,
 *   PASSWORD_TOO_LONG, VALIDATION_FAILED (current password wrong), UNAUTHENTICATED
 */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: ChangePasswordInput,
): Promise<void> {
  try {
    assertMayChangeIdentity(actor)
    if (actor.credential.kind !== 'session') {
      throw new AppError('PERMISSION_DENIED', { reason: 'session required' })
    }
  } catch (err) {
    if (isAppError(err)) {
      await auditEverywhere(deps, actor, err.code)
    }
    throw err
  }
  assertPasswordHashable(input.currentPassword)
  assertPasswordAcceptable(input.newPassword)

  const user = await deps.store.transaction((tx) => tx.users.find(actor.userId))
  if (user === undefined || user.deletedAt !== null || user.kind !== 'user') {
    throw new AppError('UNAUTHENTICATED')
  }
  const verified =
    user.passwordHash !== null &&
    (await deps.passwords.verify(input.currentPassword, user.passwordHash))
  if (!verified) {
    await auditEverywhere(deps, actor, 'VALIDATION_FAILED')
    throw new AppError('VALIDATION_FAILED', { field: 'current_password' })
  }
  const passwordHash = await deps.passwords.hash(input.newPassword)

  await deps.store.transaction(async (tx) => {
    const current = await tx.users.find(user.id)
    // The check above was against this hash; a change in between must not be overwritten.
    if (current === undefined || current.passwordHash !== user.passwordHash) {
      throw new AppError('VALIDATION_FAILED', { field: 'current_password' })
    }
    await tx.users.update({ ...current, passwordHash })
    const revokedSessions = await tx.sessions.revokeAllForUser(
      user.id,
      deps.clock.now(),
      actor.credential.id ?? undefined,
    )
    for (const m of await tx.members.listByUser(user.id)) {
      await appendAudit(tx, deps, {
        orgId: m.orgId,
        action: ACTION,
        outcome: 'success',
        actor: auditActorOf(actor),
        objectType: 'user',
        objectId: user.id,
        before: null,
        after: { revokedSessions },
        reason: null,
        requestId: actor.requestId ?? null,
        occurredAt: deps.clock.now(),
      })
    }
  })
}

/** Records a refused change in every org of the subject, each in the org's own chain. */
async function auditEverywhere(deps: Deps, actor: Actor, reason: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    for (const m of await tx.members.listByUser(actor.userId)) {
      await appendAudit(tx, deps, {
        orgId: m.orgId,
        action: ACTION,
        outcome: 'denied',
        actor: auditActorOf(actor),
        objectType: 'user',
        objectId: actor.userId,
        before: null,
        after: null,
        reason,
        requestId: actor.requestId ?? null,
        occurredAt: deps.clock.now(),
      })
    }
  })
}
