import type { Evaluator } from '../authz/evaluate.js'
import { AppError } from '../errors.js'

/**
 * An org always keeps at least one person who holds every permission on it. Checked against the
 * world as it would be after the change, so every path (removing a member, leaving a group,
 * deleting an ACL, editing a role) runs the same rule.
 * @throws LAST_OWNER
 */
export function assertKeepsOwner(after: Evaluator, people: ReadonlySet<string>): void {
  for (const userId of after.world.members) {
    if (people.has(userId) && after.isOwner(userId)) {
      return
    }
  }
  throw new AppError('LAST_OWNER', { orgId: after.world.orgId })
}
