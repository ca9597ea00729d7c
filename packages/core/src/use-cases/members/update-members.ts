import type { Actor } from '../../actor.js'
import { normalizeEmail } from '../../credentials/password-policy.js'
import { AppError } from '../../errors.js'
import type { Group, Invitation, User } from '../../model/entities.js'
import { assertWithinCeiling, conferralsOfGroup } from '../../policies/grant-ceiling.js'
import { assertKeepsOwner } from '../../policies/last-owner.js'
import type { Deps } from '../../ports.js'
import {
  INVITATION_TTL_MS,
  isInvitationPending,
  newInvitationToken,
} from '../invitations/invitation-token.js'
import { type Operation, type OrgSelector, runOperation } from '../operation.js'
import { addServiceAccount } from '../service-accounts/add-service-account.js'

export interface InviteUsersInput {
  /** Existing users, invited by their email. */
  readonly ids?: readonly string[] | null | undefined
  readonly emails?: readonly string[] | null | undefined
  /** Service accounts to create as members right away (they have no one to accept). */
  readonly serviceAccounts?:
    | readonly { readonly name: string; readonly tokenName?: string | null | undefined }[]
    | null
    | undefined
  readonly groupIds?: readonly string[] | null | undefined
  readonly groupNames?: readonly string[] | null | undefined
  /** Singular form of groupIds. */
  readonly groupId?: string | null | undefined
  /** Singular form of groupNames. */
  readonly groupName?: string | null | undefined
  /** Sending is the server's business; core only creates the invitations. */
  readonly sendInviteEmails?: boolean | null | undefined
}

export interface RemoveUsersInput {
  readonly ids?: readonly string[] | null | undefined
  readonly emails?: readonly string[] | null | undefined
}

export interface UpdateMembersInput extends OrgSelector {
  readonly inviteUsers?: InviteUsersInput | null | undefined
  readonly removeUsers?: RemoveUsersInput | null | undefined
}

export interface AddedUser {
  readonly id: string
  readonly email: string
  /** A new service account's first service token, shown once. */
  readonly apiKey?: string | undefined
  readonly tokenName?: string | undefined
}

export interface CreatedInvitation {
  readonly id: string
  readonly email: string
  /** The raw token for the invitation link, shown once; storage keeps only its hash. */
  readonly token: string
  readonly expiresAt: number
}

export interface UpdateMembersResult {
  readonly orgId: string
  readonly addedUsers: readonly AddedUser[]
  readonly invitations: readonly CreatedInvitation[]
}

/**
 * Invites people, creates service accounts and removes members, all in one transaction
 * (`PATCH /v1/organization/members`). People are not added directly: each gets an invitation
 * into the named groups, valid 7 days. Inviting needs `create` on the member list and may only
 * put people into groups whose grants the caller holds; removing needs `delete` there, takes the
 * member out of every group of the org, drops their direct grants here and revokes their API
 * keys (and a service account's tokens) in this org. The org keeps at least one owner.
 * @throws ORG_NOT_FOUND, ORG_REQUIRED, PERMISSION_DENIED, INVITATION_NEEDS_GROUP,
 *   GROUP_NOT_FOUND, GRANT_EXCEEDS_CALLER, USER_NOT_FOUND, ALREADY_MEMBER, EMAIL_INVALID,
 *   LAST_OWNER, OWNER_REQUIRED, API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT,
 *   API_KEY_CANNOT_CREATE_SERVICE_TOKEN, IMPERSONATION_CANNOT_MINT,
 *   SERVICE_TOKEN_MINTING_DISABLED, VALIDATION_FAILED
 */
export async function updateMembers(
  deps: Deps,
  actor: Actor,
  input: UpdateMembersInput,
): Promise<UpdateMembersResult> {
  return runOperation(deps, actor, 'organization.update_members', async (op) => {
    const org = await op.enterOrg(input)
    const invite = input.inviteUsers ?? {}
    const remove = input.removeUsers ?? {}
    const serviceAccounts = invite.serviceAccounts ?? []

    const inviting = (invite.ids?.length ?? 0) + (invite.emails?.length ?? 0) > 0
    const removing = (remove.ids?.length ?? 0) + (remove.emails?.length ?? 0) > 0
    const memberTarget = { objectType: 'org_member', objectId: org.id } as const
    if (inviting || serviceAccounts.length > 0) {
      op.require('create', memberTarget)
    }
    if (removing) {
      op.require('delete', memberTarget)
    }

    // Every check runs before the first write; the transaction makes it all or nothing anyway,
    // but a refusal should not depend on the order of the lists.
    const groups = await resolveGroups(op, invite)
    if (inviting && groups.length === 0) {
      throw new AppError('INVITATION_NEEDS_GROUP')
    }
    if (inviting || serviceAccounts.length > 0) {
      for (const group of groups) {
        assertWithinCeiling(op.ev, actor.userId, conferralsOfGroup(op.ev, group.id))
      }
    }
    const invitees = inviting ? await resolveInvitees(op, invite) : []
    const leaving = removing ? await resolveMembers(op, remove) : []

    const invitations: CreatedInvitation[] = []
    const pending = invitees.length > 0 ? await op.tx.invitations.listPending(org.id, op.now()) : []
    for (const email of invitees) {
      invitations.push(await createInvitation(op, email, groups, pending))
    }

    const addedUsers: AddedUser[] = []
    for (const spec of serviceAccounts) {
      const { user, token } = await addServiceAccount(op, spec)
      for (const group of groups) {
        await addToGroup(op, group.id, user.id)
      }
      addedUsers.push(
        token === undefined
          ? { id: user.id, email: user.email }
          : {
              id: user.id,
              email: user.email,
              apiKey: token.secret,
              tokenName: token.serviceToken.name,
            },
      )
    }
    if (serviceAccounts.length > 0 && groups.length > 0) {
      await op.changedAuthz()
    }

    for (const user of leaving) {
      await removeMember(op, user)
    }
    if (leaving.length > 0) {
      await op.changedAuthz()
      await op.reload()
      assertKeepsOwner(op.ev, await op.people())
    }
    return { orgId: org.id, addedUsers, invitations }
  })
}

/** The org's live groups named by id or name, singular forms included, without duplicates. */
async function resolveGroups(op: Operation, invite: InviteUsersInput): Promise<Group[]> {
  const byId = new Map<string, Group>()
  const ids = [...(invite.groupIds ?? []), ...(invite.groupId ? [invite.groupId] : [])]
  for (const id of ids) {
    const group = await op.tx.groups.find(id)
    if (group === undefined || group.orgId !== op.org.id || group.deletedAt !== null) {
      throw new AppError('GROUP_NOT_FOUND', { group_id: id })
    }
    byId.set(group.id, group)
  }
  const names = [...(invite.groupNames ?? []), ...(invite.groupName ? [invite.groupName] : [])]
  for (const name of names) {
    const group = await op.tx.groups.findByName(op.org.id, name)
    if (group === undefined || group.deletedAt !== null) {
      throw new AppError('GROUP_NOT_FOUND', { group_name: name })
    }
    byId.set(group.id, group)
  }
  return [...byId.values()]
}

/** Normalized, distinct emails of the people to invite; nobody may already be a member. */
async function resolveInvitees(op: Operation, invite: InviteUsersInput): Promise<string[]> {
  const emails = new Set<string>()
  for (const id of invite.ids ?? []) {
    const user = await op.tx.users.find(id)
    if (user === undefined || user.deletedAt !== null || user.kind !== 'user') {
      throw new AppError('USER_NOT_FOUND', { user_id: id })
    }
    emails.add(user.email)
  }
  for (const raw of invite.emails ?? []) {
    emails.add(normalizeEmail(raw))
  }
  for (const email of emails) {
    const user = await op.tx.users.findByEmail(email)
    if (user?.kind === 'service_account') {
      // Service accounts never log in, so such an invitation could never be accepted.
      throw new AppError('USER_NOT_FOUND', { email })
    }
    if (user !== undefined && op.ev.world.members.has(user.id)) {
      throw new AppError('ALREADY_MEMBER', { email })
    }
  }
  return [...emails]
}

/** The members named by id or email, without duplicates. */
async function resolveMembers(op: Operation, remove: RemoveUsersInput): Promise<User[]> {
  const found = new Map<string, User>()
  for (const id of remove.ids ?? []) {
    const user = await op.tx.users.find(id)
    if (user === undefined || !op.ev.world.members.has(user.id)) {
      throw new AppError('USER_NOT_FOUND', { user_id: id })
    }
    found.set(user.id, user)
  }
  for (const raw of remove.emails ?? []) {
    const email = raw.trim().toLowerCase()
    const user = await op.tx.users.findByEmail(email)
    if (user === undefined || !op.ev.world.members.has(user.id)) {
      throw new AppError('USER_NOT_FOUND', { email })
    }
    found.set(user.id, user)
  }
  return [...found.values()]
}

/**
 * Creates one invitation. An earlier pending invitation of the same address is revoked, so only
 * the newest link (with the newest groups) works.
 */
async function createInvitation(
  op: Operation,
  email: string,
  groups: readonly Group[],
  pending: readonly Invitation[],
): Promise<CreatedInvitation> {
  const now = op.now()
  const replaced: string[] = []
  for (const earlier of pending) {
    if (earlier.email === email && isInvitationPending(earlier, now)) {
      await op.tx.invitations.update({ ...earlier, revokedAt: now })
      replaced.push(earlier.id)
    }
  }
  const { token, tokenHash } = newInvitationToken(op.deps.crypto)
  const invitation: Invitation = {
    id: op.uuid(),
    orgId: op.org.id,
    email,
    groupIds: groups.map((g) => g.id),
    tokenHash,
    invitedBy: op.actor.userId,
    createdAt: now,
    expiresAt: now + INVITATION_TTL_MS,
    acceptedAt: null,
    acceptedUserId: null,
    revokedAt: null,
  }
  await op.tx.invitations.insert(invitation)
  await op.record({
    action: 'invitation.create',
    objectType: 'invitation',
    objectId: invitation.id,
    after: {
      email,
      groups: groups.map((g) => ({ id: g.id, name: g.name })),
      expiresAt: invitation.expiresAt,
      replaced,
    },
  })
  return { id: invitation.id, email, token, expiresAt: invitation.expiresAt }
}

async function addToGroup(op: Operation, groupId: string, userId: string): Promise<void> {
  // Re-read: an earlier iteration may have changed the group in this transaction.
  const group = await op.tx.groups.find(groupId)
  if (group !== undefined && !group.memberUsers.includes(userId)) {
    await op.tx.groups.update({ ...group, memberUsers: [...group.memberUsers, userId] })
  }
}

/**
 * Takes a member out of the org. Their direct ACLs here go too: a person invited back later
 * starts from the groups of the new invitation, not from grants an owner may have forgotten.
 */
async function removeMember(op: Operation, user: User): Promise<void> {
  const orgId = op.org.id
  const at = op.now()
  await op.tx.members.remove(orgId, user.id)
  const groups: { id: string; name: string }[] = []
  for (const group of await op.tx.groups.listAll(orgId)) {
    if (group.memberUsers.includes(user.id)) {
      await op.tx.groups.update({
        ...group,
        memberUsers: group.memberUsers.filter((id) => id !== user.id),
      })
      groups.push({ id: group.id, name: group.name })
    }
  }
  const acls = (await op.tx.acls.listAll(orgId)).filter((acl) => acl.userId === user.id)
  for (const acl of acls) {
    await op.tx.acls.delete(acl.id)
  }
  const apiKeysRevoked = await op.tx.apiKeys.revokeAllForUser(orgId, user.id, at)
  const serviceTokensRevoked =
    user.kind === 'service_account'
      ? await op.tx.serviceTokens.revokeAllForServiceAccount(user.id, at)
      : 0
  await op.record({
    action: 'member.remove',
    objectType: 'org_member',
    objectId: user.id,
    before: {
      id: user.id,
      email: user.email,
      kind: user.kind,
      groups,
      acls: acls.map((acl) => acl.id),
    },
    after: { apiKeysRevoked, serviceTokensRevoked },
  })
}
