import type { Permission } from '@gatehouse/core'
import type { OrgAccess } from './generate-org-access.js'
import type { Prng } from './prng.js'
import type { SampleCheck } from './world-sample.js'

const PROJECT_ASKS: readonly Permission[] = ['read', 'read', 'update', 'delete']
const CHILD_ASKS: readonly Permission[] = ['read', 'update', 'create']

/**
 * What a data plane would ask for this key's user: mostly a project (half of the time one the
 * user holds a direct grant on), else an object inside a project, sometimes "create a project".
 */
export function makeCheck(
  rng: Prng,
  orgId: string,
  access: OrgAccess,
  userId: string,
): SampleCheck {
  const r = rng.next()
  if (r < 0.5) {
    const own = access.grantsByUser.get(userId)
    const objectId =
      own !== undefined && rng.chance(0.5) ? rng.pick(own) : rng.pick(access.projects)
    return { permission: rng.pick(PROJECT_ASKS), objectType: 'project', objectId }
  }
  if (r < 0.9) {
    const child = rng.pick(access.children)
    return {
      permission: rng.pick(CHILD_ASKS),
      objectType: child.type,
      objectId: child.id,
      projectId: child.projectId,
    }
  }
  return { permission: 'create', objectType: 'org_project', objectId: orgId }
}
