import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { User } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { enterCredentialOrg } from '../api-keys/enter-credential-org.js'
import { type OrgSelector, runOperation } from '../operation.js'
import { serviceAccountAuditView } from './add-service-account.js'
import { findServiceAccount } from './find-service-account.js'

export interface DeleteServiceAccountInput extends OrgSelector {
  readonly id: string
}

/**
 * Deletes a service account: revokes all its tokens, takes it out of the org, its groups and
 * its direct ACLs, and soft-deletes it. Owners only; another org's account does not exist.
 * @throws SERVICE_ACCOUNT_NOT_FOUND, OWNER_REQUIRED
 */
export async function deleteServiceAccount(
  deps: Deps,
  actor: Actor,
  input: DeleteServiceAccountInput,
): Promise<{ user: User; revokedTokens: number }> {
  return runOperation(deps, actor, 'service_account.delete', async (op) => {
    const candidate = await op.tx.users.find(input.id)
    if (candidate === undefined || candidate.serviceAccountOrgId === null) {
      throw new AppError('SERVICE_ACCOUNT_NOT_FOUND')
    }
    const org = await enterCredentialOrg(
      op,
      candidate.serviceAccountOrgId,
      input,
      'SERVICE_ACCOUNT_NOT_FOUND',
    )
    op.requireOwner()
    const before = await findServiceAccount(op, input.id)
    const now = op.now()

    const revokedTokens = await op.tx.serviceTokens.revokeAllForServiceAccount(before.id, now)
    const groups = await op.tx.groups.listAll(org.id)
    const leftGroups: string[] = []
    for (const group of groups) {
      if (group.memberUsers.includes(before.id)) {
        await op.tx.groups.update({
          ...group,
          memberUsers: group.memberUsers.filter((id) => id !== before.id),
        })
        leftGroups.push(group.id)
      }
    }
    // Direct grants would outlive the account otherwise (Starter and Pro use them).
    const acls = await op.tx.acls.listAll(org.id)
    const droppedAcls: string[] = []
    for (const acl of acls) {
      if (acl.userId === before.id) {
        await op.tx.acls.delete(acl.id)
        droppedAcls.push(acl.id)
      }
    }
    await op.tx.members.remove(org.id, before.id)
    const user: User = { ...before, deletedAt: now }
    await op.tx.users.update(user)
    await op.changedAuthz()
    await op.record({
      objectType: 'service_account',
      objectId: user.id,
      before: { ...serviceAccountAuditView(before), groups: leftGroups, acls: droppedAcls },
      after: { ...serviceAccountAuditView(user), deletedAt: now, revokedTokens },
    })
    return { user, revokedTokens }
  })
}
