import { AppError } from '../../errors.js'
import type { User } from '../../model/entities.js'
import type { Operation } from '../operation.js'

/**
 * A live service account owned by and still a member of the operation's (entered) org. Another
 * org's service account, a person, or a deleted one does not exist here.
 * @throws SERVICE_ACCOUNT_NOT_FOUND
 */
export async function findServiceAccount(op: Operation, id: string): Promise<User> {
  const user = await op.tx.users.find(id)
  if (
    user === undefined ||
    user.kind !== 'service_account' ||
    user.deletedAt !== null ||
    user.serviceAccountOrgId !== op.org.id ||
    (await op.tx.members.find(op.org.id, user.id)) === undefined
  ) {
    throw new AppError('SERVICE_ACCOUNT_NOT_FOUND')
  }
  return user
}
