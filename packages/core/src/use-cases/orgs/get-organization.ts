import type { Actor } from '../../actor.js'
import type { Organization } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { runOperation } from '../operation.js'

export interface GetOrganizationInput {
  readonly orgId: string
}

/**
 * One organization the caller is a member of. Any member may read it; for everyone else (and
 * for a credential bound to another org) it does not exist.
 * @throws ORG_NOT_FOUND
 */
export async function getOrganization(
  deps: Deps,
  actor: Actor,
  input: GetOrganizationInput,
): Promise<Organization> {
  return runOperation(deps, actor, 'organization.read', (op) => op.enterOrg({ orgId: input.orgId }))
}
