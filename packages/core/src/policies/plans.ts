import { AppError } from '../errors.js'
import type { Plan } from '../model/catalog.js'
import type { BuiltinGroup } from '../model/entities.js'

export interface PlanFeatures {
  /** The built-in groups an org of this plan gets. */
  readonly builtinGroups: readonly BuiltinGroup[]
  /** Groups beyond the built-in ones. */
  readonly customGroups: boolean
  /** ACLs naming a group on a project or an object inside one. */
  readonly projectGroupGrants: boolean
  /** ACLs on a group itself (who may read, edit or manage it). */
  readonly groupManageAccess: boolean
}

/** What each plan has: the one table the server and the UI consult. */
export const PLAN_FEATURES = {
  starter: {
    builtinGroups: ['owners'],
    customGroups: false,
    projectGroupGrants: false,
    groupManageAccess: false,
  },
  pro: {
    builtinGroups: ['owners', 'engineers', 'viewers'],
    customGroups: false,
    projectGroupGrants: false,
    groupManageAccess: false,
  },
  enterprise: {
    builtinGroups: ['owners', 'engineers', 'viewers'],
    customGroups: true,
    projectGroupGrants: true,
    groupManageAccess: true,
  },
} as const satisfies Record<Plan, PlanFeatures>

export type GatedFeature = 'customGroups' | 'projectGroupGrants' | 'groupManageAccess'

const REFUSAL = {
  customGroups: 'PLAN_CUSTOM_GROUPS',
  projectGroupGrants: 'PLAN_PROJECT_GROUP_GRANTS',
  groupManageAccess: 'PLAN_GROUP_MANAGE_ACCESS',
} as const

export function planAllows(plan: Plan, feature: GatedFeature): boolean {
  return PLAN_FEATURES[plan][feature]
}

/** @throws PLAN_CUSTOM_GROUPS, PLAN_PROJECT_GROUP_GRANTS or PLAN_GROUP_MANAGE_ACCESS */
export function assertPlanAllows(plan: Plan, feature: GatedFeature): void {
  if (!planAllows(plan, feature)) {
    throw new AppError(REFUSAL[feature], { plan })
  }
}
