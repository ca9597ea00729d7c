import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.js'
import { PLANS, type Plan } from '../model/catalog.js'
import { assertPlanAllows, type GatedFeature, PLAN_FEATURES, planAllows } from './plans.js'

const EXPECTED: Record<GatedFeature, { plans: Plan[]; code: string; message: string }> = {
  customGroups: {
    plans: ['enterprise'],
    code: 'PLAN_CUSTOM_GROUPS',
    message: 'Custom permission groups require the Enterprise plan',
  },
  projectGroupGrants: {
    plans: ['enterprise'],
    code: 'PLAN_PROJECT_GROUP_GRANTS',
    message: 'Project-level permissions for groups require the Enterprise plan',
  },
  groupManageAccess: {
    plans: ['enterprise'],
    code: 'PLAN_GROUP_MANAGE_ACCESS',
    message: 'Managing access to permission groups requires the Enterprise plan',
  },
}

function refusal(fn: () => void): { code: string; message: string; details: unknown } | null {
  try {
    fn()
    return null
  } catch (err) {
    if (!(err instanceof AppError)) {
      throw err
    }
    return { code: err.code, message: err.message, details: err.details }
  }
}

describe('plan gates', () => {
  for (const [feature, expected] of Object.entries(EXPECTED) as [
    GatedFeature,
    (typeof EXPECTED)[GatedFeature],
  ][]) {
    for (const plan of PLANS) {
      const allowed = expected.plans.includes(plan)
      it(`${feature} on ${plan}: ${allowed ? 'allowed' : expected.code}`, () => {
        expect(planAllows(plan, feature)).toBe(allowed)
        expect(PLAN_FEATURES[plan][feature]).toBe(allowed)
        expect(refusal(() => assertPlanAllows(plan, feature))).toEqual(
          allowed ? null : { code: expected.code, message: expected.message, details: { plan } },
        )
      })
    }
  }

  it('gates exactly the features listed here', () => {
    for (const plan of PLANS) {
      const gated = Object.keys(PLAN_FEATURES[plan]).filter((k) => k !== 'builtinGroups')
      expect(gated.sort()).toEqual(Object.keys(EXPECTED).sort())
    }
  })

  it('refusals are 403s (forbidden)', () => {
    try {
      assertPlanAllows('pro', 'customGroups')
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(AppError)
      expect((err as AppError).kind).toBe('forbidden')
    }
  })
})

describe('built-in groups per plan', () => {
  it('Starter has Owners only; Pro and Enterprise have all three', () => {
    expect(PLAN_FEATURES.starter.builtinGroups).toEqual(['owners'])
    expect(PLAN_FEATURES.pro.builtinGroups).toEqual(['owners', 'engineers', 'viewers'])
    expect(PLAN_FEATURES.enterprise.builtinGroups).toEqual(['owners', 'engineers', 'viewers'])
  })
})
