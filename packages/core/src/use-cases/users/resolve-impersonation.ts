import { type Actor, auditActorOf } from '../../actor.js'
import { AppError, isAppError } from '../../errors.js'
import type { User } from '../../model/entities.js'
import { assertMayImpersonate } from '../../policies/impersonation.js'
import type { Deps, Tx } from '../../ports.js'
import { appendAudit, loadEvaluator } from '../operation.js'

const ACTION = 'user.impersonate'

/**
 * The actor a request runs as when it asks to impersonate `target` (a user id or email): the
 * target's permissions, the caller's own credential, the caller recorded as impersonator. Only
 * an Owner of every org the target belongs to may; a credential bound to one org is an Owner
 * nowhere else. Unknown targets are refused like forbidden ones, so the header cannot probe for
 * accounts. Refusals are audited in the orgs the caller shares with the target, else in the
 * credential's org.
 * @throws IMPERSONATION_NESTED, IMPERSONATION_NOT_ALLOWED
 */
export async function resolveImpersonation(
  deps: Deps,
  actor: Actor,
  target: string,
): Promise<Actor> {
  let scope: { callerOrgs: string[]; targetOrgs: string[]; targetId: string | null } | undefined
  try {
    return await deps.store.transaction(async (tx) => {
      const bound = actor.credential.orgId
      const callerOrgs = (await tx.members.listByUser(actor.userId))
        .map((m) => m.orgId)
        .filter((orgId) => bound === null || orgId === bound)
      const user = await findTarget(tx, target)
      const targetOrgs =
        user === undefined ? [] : (await tx.members.listByUser(user.id)).map((m) => m.orgId)
      scope = { callerOrgs, targetOrgs, targetId: user?.id ?? null }
      const owned = new Set<string>()
      for (const orgId of callerOrgs.filter((id) => targetOrgs.includes(id))) {
        const org = await tx.orgs.find(orgId)
        if (org !== undefined && (await loadEvaluator(tx, org)).isOwner(actor.userId)) {
          owned.add(orgId)
        }
      }
      assertMayImpersonate(actor, user === undefined ? undefined : targetOrgs, (orgId) =>
        owned.has(orgId),
      )
      if (user === undefined) {
        throw new AppError('IMPERSONATION_NOT_ALLOWED')
      }
      return {
        userId: user.id,
        credential: actor.credential,
        impersonatorId: actor.userId,
        requestId: actor.requestId,
      }
    })
  } catch (err) {
    if (isAppError(err) && err.kind === 'forbidden') {
      await auditRefusal(deps, actor, target, err.code, scope)
    }
    throw err
  }
}

async function findTarget(tx: Tx, target: string): Promise<User | undefined> {
  const key = target.trim()
  const user = key.includes('@')
    ? await tx.users.findByEmail(key.toLowerCase())
    : await tx.users.find(key)
  return user === undefined || user.deletedAt !== null ? undefined : user
}

async function auditRefusal(
  deps: Deps,
  actor: Actor,
  target: string,
  reason: string,
  scope: { callerOrgs: string[]; targetOrgs: string[]; targetId: string | null } | undefined,
): Promise<void> {
  const shared = scope?.callerOrgs.filter((id) => scope.targetOrgs.includes(id)) ?? []
  const bound = actor.credential.orgId
  const orgIds = shared.length > 0 ? shared : bound === null ? [] : [bound]
  if (orgIds.length === 0) {
    return
  }
  await deps.store.transaction(async (tx) => {
    for (const orgId of orgIds) {
      const inOrg = shared.includes(orgId)
      await appendAudit(tx, deps, {
        orgId,
        action: ACTION,
        outcome: 'denied',
        actor: auditActorOf(actor),
        objectType: 'user',
        // Outside the orgs they share, only what the caller sent is kept: the resolved id would
        // tell this org's admins that such an account exists.
        objectId: inOrg ? (scope?.targetId ?? null) : null,
        before: null,
        after: inOrg ? null : { target: target.slice(0, 320) },
        reason,
        requestId: actor.requestId ?? null,
        occurredAt: deps.clock.now(),
      })
    }
  })
}
