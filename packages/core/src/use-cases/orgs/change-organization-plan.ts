import { OPERATOR } from '../../actor.js'
import { AppError } from '../../errors.js'
import { PLANS, type Plan } from '../../model/catalog.js'
import type { BuiltinGroup, Group, Organization } from '../../model/entities.js'
import { PLAN_FEATURES } from '../../policies/plans.js'
import type { Deps } from '../../ports.js'
import { appendAudit } from '../operation.js'
import { BUILTIN_GROUPS, insertBuiltinGroup } from './builtin-groups.js'

export interface ChangeOrganizationPlanInput {
  readonly orgId: string
  readonly plan: Plan
}

export interface ChangeOrganizationPlanResult {
  readonly org: Organization
  readonly previousPlan: Plan
  /** Built-in groups the new plan includes that the org lacked, created with their ACL. */
  readonly createdGroups: readonly Group[]
  /**
   * Groups the new plan would not give a new org (built-in groups beyond its set, custom groups
   * without Enterprise). They are kept, members and grants included: a downgrade never takes
   * access away silently; owners decide what to delete.
   */
  readonly retainedGroups: readonly Group[]
  /**
   * Built-in groups that could not be created because a custom group already has that name;
   * the custom group is left alone rather than promoted.
   */
  readonly nameConflicts: readonly string[]
}

/**
 * Moves an organization to another plan: an operator action (CLI with database access), audited
 * with the operator as actor. Moving up creates the built-in groups the new plan includes.
 * @throws ORG_NOT_FOUND, VALIDATION_FAILED
 */
export async function changeOrganizationPlan(
  deps: Deps,
  input: ChangeOrganizationPlanInput,
): Promise<ChangeOrganizationPlanResult> {
  if (!PLANS.includes(input.plan)) {
    throw new AppError('VALIDATION_FAILED', { field: 'plan' })
  }
  return deps.store.transaction(async (tx) => {
    // A plan gates what writers may do: none of the org's writers runs on the old one meanwhile.
    const org = await tx.orgs.lockForWrite(input.orgId)
    if (org === undefined) {
      throw new AppError('ORG_NOT_FOUND')
    }
    const now = deps.clock.now()
    const features = PLAN_FEATURES[input.plan]
    const groups = await tx.groups.listAll(org.id)
    const created: Group[] = []
    const nameConflicts: string[] = []
    for (const builtin of features.builtinGroups as readonly BuiltinGroup[]) {
      if (groups.some((g) => g.builtin === builtin)) {
        continue
      }
      const spec = BUILTIN_GROUPS[builtin]
      if ((await tx.groups.findByName(org.id, spec.name)) !== undefined) {
        nameConflicts.push(spec.name)
        continue
      }
      created.push(await insertBuiltinGroup(tx, deps, org, builtin, []))
    }
    const retained = groups.filter((g) =>
      g.builtin === null
        ? !features.customGroups
        : !(features.builtinGroups as readonly BuiltinGroup[]).includes(g.builtin),
    )
    if (input.plan === org.plan && created.length === 0) {
      return {
        org,
        previousPlan: org.plan,
        createdGroups: [],
        retainedGroups: retained,
        nameConflicts,
      }
    }
    await tx.orgs.update({ ...org, plan: input.plan })
    await tx.orgs.bumpAuthzVersion(org.id)
    await appendAudit(tx, deps, {
      orgId: org.id,
      action: 'organization.change_plan',
      outcome: 'success',
      actor: OPERATOR,
      objectType: 'organization',
      objectId: org.id,
      before: { plan: org.plan },
      after: {
        plan: input.plan,
        createdGroups: created.map((g) => g.name),
        retainedGroups: retained.map((g) => g.name),
        nameConflicts,
      },
      reason: null,
      requestId: null,
      occurredAt: now,
    })
    const updated = (await tx.orgs.find(org.id)) ?? { ...org, plan: input.plan }
    return {
      org: updated,
      previousPlan: org.plan,
      createdGroups: created,
      retainedGroups: retained,
      nameConflicts,
    }
  })
}
