import type { Actor } from '../../actor.js'
import { assertPasswordAcceptable } from '../../credentials/password-policy.js'
import { AppError } from '../../errors.js'
import type { AuditActor, Group, Invitation, Organization, User } from '../../model/entities.js'
import type { Deps, Tx } from '../../ports.js'
import { appendAudit } from '../operation.js'
import { invitationTokenHash, isInvitationPending } from './invitation-token.js'

export interface AcceptInvitationInput {
  readonly token: string
  /** The new account's password, when no user has the invited email yet. */
  readonly password?: string | undefined
  /** The signed-in caller, when the invited email already has an account. */
  readonly actor?: Actor | undefined
}

export interface AcceptInvitationResult {
  readonly org: Organization
  readonly user: User
  readonly createdUser: boolean
  /** The invitation's groups that still exist, which the new member joined. */
  readonly groups: readonly Group[]
}

/**
 * Uses an invitation, once. A new email gets an account with the given password; an existing
 * account must accept from its own session, not impersonated. Any other caller gets the same
 * answer as for an unknown token, so a link that leaked does not reveal or join an account.
 * The new member joins the invitation's groups that still exist.
 * @throws INVITATION_NOT_FOUND, ALREADY_MEMBER, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG,
 *   VALIDATION_FAILED
 */
export async function acceptInvitation(
  deps: Deps,
  input: AcceptInvitationInput,
): Promise<AcceptInvitationResult> {
  const hash = invitationTokenHash(deps.crypto, input.token)
  if (hash === undefined) {
    throw new AppError('INVITATION_NOT_FOUND')
  }
  // Look first, hash later: a password is only worth hashing for a valid, unused invitation.
  const existing = await deps.store.transaction(async (tx) => {
    const { user } = await findAcceptable(tx, deps, hash, input.actor)
    return user
  })
  let passwordHash: string | null = null
  if (existing === undefined) {
    if (input.password === undefined) {
      throw new AppError('VALIDATION_FAILED', { field: 'password', reason: 'required' })
    }
    assertPasswordAcceptable(input.password)
    passwordHash = await deps.passwords.hash(input.password)
  }

  return deps.store.transaction(async (tx) => {
    // Again inside the writing transaction and under the org's write lock: a second use of the
    // link waits here for the first to commit, then finds the invitation used.
    const pending = await tx.invitations.findByTokenHash(hash)
    const org = pending === undefined ? undefined : await tx.orgs.lockForWrite(pending.orgId)
    if (org === undefined) {
      throw new AppError('INVITATION_NOT_FOUND')
    }
    const { invitation, user: found } = await findAcceptable(tx, deps, hash, input.actor)
    const now = deps.clock.now()
    let user = found
    if (user === undefined) {
      if (passwordHash === null) {
        throw new AppError('INVITATION_NOT_FOUND')
      }
      user = {
        id: deps.crypto.uuid(),
        kind: 'user',
        email: invitation.email,
        givenName: null,
        familyName: null,
        avatarUrl: null,
        passwordHash,
        serviceAccountOrgId: null,
        createdAt: now,
        deletedAt: null,
      }
      await tx.users.insert(user)
    } else if ((await tx.members.find(org.id, user.id)) !== undefined) {
      throw new AppError('ALREADY_MEMBER')
    }
    await tx.members.add({ orgId: org.id, userId: user.id, createdAt: now })
    const groups: Group[] = []
    for (const groupId of invitation.groupIds) {
      const group = await tx.groups.find(groupId)
      if (group === undefined || group.orgId !== org.id || group.deletedAt !== null) {
        continue
      }
      if (!group.memberUsers.includes(user.id)) {
        await tx.groups.update({ ...group, memberUsers: [...group.memberUsers, user.id] })
      }
      groups.push(group)
    }
    await tx.invitations.update({ ...invitation, acceptedAt: now, acceptedUserId: user.id })
    await tx.orgs.bumpAuthzVersion(org.id)
    const auditActor: AuditActor = {
      userId: user.id,
      credentialKind: input.actor?.credential.kind ?? 'session',
      credentialId: input.actor?.credential.id ?? null,
      impersonatorId: null,
    }
    await appendAudit(tx, deps, {
      orgId: org.id,
      action: 'invitation.accept',
      outcome: 'success',
      actor: auditActor,
      objectType: 'org_member',
      objectId: user.id,
      before: null,
      after: {
        invitationId: invitation.id,
        email: user.email,
        createdUser: found === undefined,
        groups: groups.map((g) => ({ id: g.id, name: g.name })),
      },
      reason: null,
      requestId: input.actor?.requestId ?? null,
      occurredAt: now,
    })
    return { org, user, createdUser: found === undefined, groups }
  })
}

/**
 * The pending invitation of this token hash and the account of its email, if any. An account
 * that exists may only accept through its own, not impersonated, session.
 * @throws INVITATION_NOT_FOUND
 */
async function findAcceptable(
  tx: Tx,
  deps: Deps,
  hash: string,
  actor: Actor | undefined,
): Promise<{ invitation: Invitation; user: User | undefined }> {
  const invitation = await tx.invitations.findByTokenHash(hash)
  if (invitation === undefined || !isInvitationPending(invitation, deps.clock.now())) {
    throw new AppError('INVITATION_NOT_FOUND')
  }
  const user = await tx.users.findByEmail(invitation.email)
  if (user === undefined) {
    return { invitation, user }
  }
  const ownSession =
    actor !== undefined &&
    actor.credential.kind === 'session' &&
    actor.impersonatorId === null &&
    actor.userId === user.id
  if (!ownSession || user.kind !== 'user' || user.deletedAt !== null) {
    throw new AppError('INVITATION_NOT_FOUND')
  }
  return { invitation, user }
}
