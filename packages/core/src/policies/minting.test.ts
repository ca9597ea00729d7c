import { describe, expect, it } from 'vitest'
import type { Actor } from '../actor.js'
import { AppError } from '../errors.js'
import type { CredentialKind } from '../model/entities.js'
import {
  assertMayChangeCredentialSettings,
  assertMayCreateApiKey,
  assertMayCreateServiceAccount,
  assertMayCreateServiceToken,
  type MintContext,
} from './minting.js'

const ORG = 'org-1'

function actor(kind: CredentialKind, impersonating = false): Actor {
  return {
    userId: impersonating ? 'target-user' : 'caller',
    credential: {
      kind,
      id: kind === 'operator' ? null : `${kind}-id`,
      orgId: kind === 'api_key' || kind === 'service_token' ? ORG : null,
    },
    impersonatorId: impersonating ? 'caller' : null,
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

const OWNER: MintContext = { callerIsOwner: true, serviceTokensCanMint: true }
const OWNER_NO_ST_MINT: MintContext = { callerIsOwner: true, serviceTokensCanMint: false }
const MEMBER: MintContext = { callerIsOwner: false, serviceTokensCanMint: true }

const API_KEY_MINTS_KEY = 'API_KEY_CANNOT_CREATE_API_KEY: API keys cannot create API keys'
const TOKEN_MINTS_KEY = 'SERVICE_TOKEN_CANNOT_CREATE_API_KEY: Service tokens cannot create API keys'
const KEY_MINTS_TOKEN = 'API_KEY_CANNOT_CREATE_SERVICE_TOKEN: API keys cannot create service tokens'
const KEY_MINTS_ACCOUNT =
  'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT: API keys cannot create service accounts'
const IMPERSONATED = 'IMPERSONATION_CANNOT_MINT: Impersonated requests cannot create credentials'
const NOT_OWNER =
  'OWNER_REQUIRED: Only organization owners can manage service accounts and service tokens'
const ST_DISABLED =
  'SERVICE_TOKEN_MINTING_DISABLED: This organization does not allow service tokens to create service tokens'
const DENIED = 'PERMISSION_DENIED: The caller lacks the permission this request needs'

describe('assertMayCreateApiKey', () => {
  const table: [CredentialKind, boolean, string][] = [
    ['session', false, 'allowed'],
    ['session', true, IMPERSONATED],
    ['api_key', false, API_KEY_MINTS_KEY],
    // The rule's message wins over the impersonation one: it is what clients match.
    ['api_key', true, API_KEY_MINTS_KEY],
    ['service_token', false, TOKEN_MINTS_KEY],
    ['service_token', true, TOKEN_MINTS_KEY],
    ['operator', false, DENIED],
  ]
  for (const [kind, impersonating, expected] of table) {
    it(`${kind}${impersonating ? ' impersonating' : ''} → ${expected}`, () => {
      expect(outcome(() => assertMayCreateApiKey(actor(kind, impersonating)))).toBe(expected)
    })
  }
})

describe('assertMayCreateServiceToken', () => {
  const table: [CredentialKind, boolean, MintContext, string][] = [
    ['session', false, OWNER, 'allowed'],
    ['session', false, OWNER_NO_ST_MINT, 'allowed'],
    ['session', false, MEMBER, NOT_OWNER],
    ['session', true, OWNER, IMPERSONATED],
    ['api_key', false, OWNER, KEY_MINTS_TOKEN],
    ['api_key', true, OWNER, KEY_MINTS_TOKEN],
    ['api_key', false, MEMBER, KEY_MINTS_TOKEN],
    ['service_token', false, OWNER, 'allowed'],
    ['service_token', false, OWNER_NO_ST_MINT, ST_DISABLED],
    ['service_token', false, MEMBER, NOT_OWNER],
    ['service_token', true, OWNER, IMPERSONATED],
    ['operator', false, OWNER, DENIED],
  ]
  for (const [kind, impersonating, ctx, expected] of table) {
    it(`${kind}${impersonating ? ' impersonating' : ''} ${JSON.stringify(ctx)} → ${expected}`, () => {
      expect(outcome(() => assertMayCreateServiceToken(actor(kind, impersonating), ctx))).toBe(
        expected,
      )
    })
  }
})

describe('assertMayCreateServiceAccount', () => {
  const table: [CredentialKind, boolean, MintContext, string][] = [
    ['session', false, OWNER, 'allowed'],
    ['session', false, MEMBER, NOT_OWNER],
    ['session', true, OWNER, IMPERSONATED],
    ['api_key', false, OWNER, KEY_MINTS_ACCOUNT],
    ['api_key', true, OWNER, KEY_MINTS_ACCOUNT],
    ['service_token', false, OWNER, 'allowed'],
    ['service_token', false, OWNER_NO_ST_MINT, 'allowed'],
    ['service_token', false, MEMBER, NOT_OWNER],
    ['service_token', true, OWNER, IMPERSONATED],
    ['operator', false, OWNER, DENIED],
  ]
  for (const [kind, impersonating, ctx, expected] of table) {
    it(`${kind}${impersonating ? ' impersonating' : ''} ${JSON.stringify(ctx)} → ${expected}`, () => {
      expect(outcome(() => assertMayCreateServiceAccount(actor(kind, impersonating), ctx))).toBe(
        expected,
      )
    })
  }
})

describe('assertMayChangeCredentialSettings', () => {
  const NEEDS_SESSION =
    "CREDENTIAL_SETTING_NEEDS_SESSION: Settings that govern credentials can only be changed from an owner's own session"
  const table: [CredentialKind, boolean, string][] = [
    ['session', false, 'allowed'],
    ['session', true, NEEDS_SESSION],
    ['api_key', false, NEEDS_SESSION],
    ['api_key', true, NEEDS_SESSION],
    ['service_token', false, NEEDS_SESSION],
    ['operator', false, NEEDS_SESSION],
  ]
  for (const [kind, impersonating, expected] of table) {
    it(`${kind}${impersonating ? ' impersonating' : ''} → ${expected}`, () => {
      expect(outcome(() => assertMayChangeCredentialSettings(actor(kind, impersonating)))).toBe(
        expected,
      )
    })
  }
})

describe('minting refusals', () => {
  it('are all 403s', () => {
    for (const fn of [
      () => assertMayCreateApiKey(actor('api_key')),
      () => assertMayCreateApiKey(actor('service_token')),
      () => assertMayCreateServiceToken(actor('api_key'), OWNER),
      () => assertMayCreateServiceToken(actor('session', true), OWNER),
    ]) {
      expect(fn).toThrow(AppError)
      try {
        fn()
      } catch (err) {
        expect((err as AppError).kind).toBe('forbidden')
      }
    }
  })
})
