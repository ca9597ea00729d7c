import { describe, expect, it } from 'vitest'
import type { Actor } from '../actor.js'
import { AppError } from '../errors.js'
import type { CredentialKind } from '../model/entities.js'
import { assertMayChangeIdentity, assertMayImpersonate } from './impersonation.js'

function actor(kind: CredentialKind = 'session', impersonatorId: string | null = null): Actor {
  return {
    userId: impersonatorId === null ? 'caller' : 'someone',
    credential: { kind, id: `${kind}-id`, orgId: null },
    impersonatorId,
  }
}

function outcome(fn: () => void): string {
  try {
    fn()
    return 'allowed'
  } catch (err) {
    if (!(err instanceof AppError)) {
      throw err
    }
    return `${err.code}: ${err.message}`
  }
}

const NOT_ALLOWED =
  'IMPERSONATION_NOT_ALLOWED: Impersonation requires the Owner role in every organization the user belongs to'
const NESTED = 'IMPERSONATION_NESTED: Impersonation cannot be nested'

describe('assertMayImpersonate', () => {
  const ownerOf = (orgs: string[]) => (orgId: string) => orgs.includes(orgId)

  it('allows an owner of every org the target belongs to', () => {
    expect(outcome(() => assertMayImpersonate(actor(), ['a', 'b'], ownerOf(['a', 'b', 'c'])))).toBe(
      'allowed',
    )
  })

  it('allows it from an API key too (the credential stays the caller own)', () => {
    expect(outcome(() => assertMayImpersonate(actor('api_key'), ['a'], ownerOf(['a'])))).toBe(
      'allowed',
    )
  })

  it('refuses when the caller owns only some of the target orgs', () => {
    expect(outcome(() => assertMayImpersonate(actor(), ['a', 'b'], ownerOf(['a'])))).toBe(
      NOT_ALLOWED,
    )
  })

  it('refuses a target in no org, and an unknown target, with the same words', () => {
    expect(outcome(() => assertMayImpersonate(actor(), [], ownerOf(['a'])))).toBe(NOT_ALLOWED)
    expect(outcome(() => assertMayImpersonate(actor(), undefined, ownerOf(['a'])))).toBe(
      NOT_ALLOWED,
    )
  })

  it('refuses nesting before anything else', () => {
    expect(outcome(() => assertMayImpersonate(actor('session', 'real'), ['a'], () => true))).toBe(
      NESTED,
    )
    expect(
      outcome(() => assertMayImpersonate(actor('session', 'real'), undefined, () => false)),
    ).toBe(NESTED)
  })

  it('asks about every target org, so none is skipped', () => {
    const asked: string[] = []
    assertMayImpersonate(actor(), ['a', 'b', 'c'], (orgId) => {
      asked.push(orgId)
      return true
    })
    expect(asked).toEqual(['a', 'b', 'c'])
  })
})

describe('assertMayChangeIdentity', () => {
  it('lets a caller acting as itself change its password or email', () => {
    expect(outcome(() => assertMayChangeIdentity(actor()))).toBe('allowed')
  })

  it('refuses an impersonated request', () => {
    expect(outcome(() => assertMayChangeIdentity(actor('session', 'admin')))).toBe(
      "IMPERSONATION_CANNOT_CHANGE_IDENTITY: Impersonated requests cannot change the user's password or email",
    )
  })
})
