import { describe, expect, it } from 'vitest'
import type { Actor } from '../../actor.js'
import { ERRORS, type ErrorCode, isAppError } from '../../errors.js'
import {
  addMember,
  apiKeyActor,
  auditEvents,
  createTestDeps,
  seedOrg,
  serviceTokenActor,
  sessionActor,
  type TestDeps,
} from '../../testing/index.js'
import { runOperation } from '../operation.js'
import { addServiceAccount } from '../service-accounts/add-service-account.js'
import { createServiceAccount } from '../service-accounts/create-service-account.js'
import { createServiceToken } from '../service-tokens/create-service-token.js'
import { createApiKey } from './create-api-key.js'

/**
 * DESIGN.md rule 1 as a table: every credential kind against every path that mints a
 * credential or a principal, with the exact refusal (or success) each must get.
 */

async function world(options: { serviceTokensCanMint?: boolean } = {}) {
  const deps = createTestDeps()
  const seeded = await seedOrg(deps)
  const { org, owner, groups } = seeded
  const engineers = groups.engineers
  if (engineers === undefined) {
    throw new Error('enterprise orgs have Engineers')
  }
  const secondOwner = await addMember(deps, org, { groups: [groups.owners] })
  const engineer = await addMember(deps, org, { groups: [engineers] })
  const ownerSa = await addMember(deps, org, {
    kind: 'service_account',
    name: 'owner-bot',
    groups: [groups.owners],
  })
  const engineerSa = await addMember(deps, org, {
    kind: 'service_account',
    name: 'engineer-bot',
    groups: [engineers],
  })
  const targetSa = await addMember(deps, org, { kind: 'service_account', name: 'target-bot' })
  if (options.serviceTokensCanMint === false) {
    await deps.store.transaction((tx) =>
      tx.orgs.update({ ...org, settings: { ...org.settings, serviceTokensCanMint: false } }),
    )
  }
  return { deps, org, owner, secondOwner, engineer, ownerSa, engineerSa, targetSa }
}
type World = Awaited<ReturnType<typeof world>>

type Mint = 'createApiKey' | 'createServiceToken' | 'createServiceAccount' | 'addServiceAccount'

const ADD_ACTION = 'member.update'

/** Runs one minting path; returns what it created (for the success column). */
async function mint(w: World, actor: Actor, what: Mint): Promise<unknown> {
  const orgId = w.org.id
  switch (what) {
    case 'createApiKey':
      return createApiKey(w.deps, actor, { name: 'k', orgId })
    case 'createServiceToken':
      return createServiceToken(w.deps, actor, {
        name: 't',
        serviceAccountId: w.targetSa.id,
        orgId,
      })
    case 'createServiceAccount':
      return createServiceAccount(w.deps, actor, { name: 'new-bot', orgId })
    case 'addServiceAccount':
      // As another use case (updating members) embeds it.
      return runOperation(w.deps, actor, ADD_ACTION, async (op) => {
        await op.enterOrg({ orgId })
        return addServiceAccount(op, { name: 'new-bot', tokenName: 'first' })
      })
  }
}

const ACTION: Record<Mint, string> = {
  createApiKey: 'api_key.create',
  createServiceToken: 'service_token.create',
  createServiceAccount: 'service_account.create',
  addServiceAccount: ADD_ACTION,
}

interface Row {
  readonly credential: string
  readonly canMint?: boolean
  readonly actor: (w: World) => Actor
  readonly expect: Record<Mint, ErrorCode | 'ok'>
}

const ROWS: readonly Row[] = [
  {
    credential: 'owner session',
    actor: (w) => sessionActor(w.owner),
    expect: {
      createApiKey: 'ok',
      createServiceToken: 'ok',
      createServiceAccount: 'ok',
      addServiceAccount: 'ok',
    },
  },
  {
    credential: 'owner session impersonating another owner',
    actor: (w) => sessionActor(w.secondOwner, { impersonatorId: w.owner.id }),
    expect: {
      createApiKey: 'IMPERSONATION_CANNOT_MINT',
      createServiceToken: 'IMPERSONATION_CANNOT_MINT',
      createServiceAccount: 'IMPERSONATION_CANNOT_MINT',
      addServiceAccount: 'IMPERSONATION_CANNOT_MINT',
    },
  },
  {
    credential: "an owner's API key",
    actor: (w) => apiKeyActor(w.owner, w.org.id),
    expect: {
      createApiKey: 'API_KEY_CANNOT_CREATE_API_KEY',
      createServiceToken: 'API_KEY_CANNOT_CREATE_SERVICE_TOKEN',
      createServiceAccount: 'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT',
      addServiceAccount: 'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT',
    },
  },
  {
    credential: "an owner's API key impersonating another owner",
    actor: (w) => apiKeyActor(w.secondOwner, w.org.id, { impersonatorId: w.owner.id }),
    expect: {
      createApiKey: 'API_KEY_CANNOT_CREATE_API_KEY',
      createServiceToken: 'API_KEY_CANNOT_CREATE_SERVICE_TOKEN',
      createServiceAccount: 'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT',
      addServiceAccount: 'API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT',
    },
  },
  {
    credential: 'owner-level service token',
    actor: (w) => serviceTokenActor(w.ownerSa, w.org.id),
    expect: {
      createApiKey: 'SERVICE_TOKEN_CANNOT_CREATE_API_KEY',
      createServiceToken: 'ok',
      createServiceAccount: 'ok',
      addServiceAccount: 'ok',
    },
  },
  {
    credential: 'owner-level service token, serviceTokensCanMint off',
    canMint: false,
    actor: (w) => serviceTokenActor(w.ownerSa, w.org.id),
    expect: {
      createApiKey: 'SERVICE_TOKEN_CANNOT_CREATE_API_KEY',
      createServiceToken: 'SERVICE_TOKEN_MINTING_DISABLED',
      createServiceAccount: 'ok',
      addServiceAccount: 'SERVICE_TOKEN_MINTING_DISABLED',
    },
  },
  {
    credential: 'non-owner service token',
    actor: (w) => serviceTokenActor(w.engineerSa, w.org.id),
    expect: {
      createApiKey: 'SERVICE_TOKEN_CANNOT_CREATE_API_KEY',
      createServiceToken: 'OWNER_REQUIRED',
      createServiceAccount: 'OWNER_REQUIRED',
      addServiceAccount: 'OWNER_REQUIRED',
    },
  },
  {
    credential: 'non-owner session',
    actor: (w) => sessionActor(w.engineer),
    expect: {
      createApiKey: 'ok',
      createServiceToken: 'OWNER_REQUIRED',
      createServiceAccount: 'OWNER_REQUIRED',
      addServiceAccount: 'OWNER_REQUIRED',
    },
  },
]

const CASES = ROWS.flatMap((row) =>
  (Object.keys(row.expect) as Mint[]).map((what) => ({
    name: `${row.credential} × ${what} → ${row.expect[what]}`,
    row,
    what,
    expected: row.expect[what],
  })),
)

async function counts(deps: TestDeps, orgId: string) {
  return deps.store.transaction(async (tx) => ({
    apiKeys: (await tx.apiKeys.list({ orgId, includeRevoked: true })).length,
    serviceTokens: (await tx.serviceTokens.list({ orgId, includeRevoked: true })).length,
    serviceAccounts: (await tx.users.list({ orgId, kind: 'service_account' })).length,
  }))
}

describe('minting matrix', () => {
  it.each(CASES)('$name', async ({ row, what, expected }) => {
    const w = await world({ serviceTokensCanMint: row.canMint ?? true })
    const actor = row.actor(w)
    const before = await counts(w.deps, w.org.id)
    const eventsBefore = (await auditEvents(w.deps, w.org.id)).length

    if (expected === 'ok') {
      const result = await mint(w, actor, what)
      expect(result).toBeTruthy()
      const after = await counts(w.deps, w.org.id)
      expect(after).not.toEqual(before)
      const fresh = (await auditEvents(w.deps, w.org.id)).slice(eventsBefore)
      expect(fresh.every((e) => e.outcome === 'success')).toBe(true)
      expect(fresh.length).toBeGreaterThan(0)
      return
    }

    const error = await mint(w, actor, what).then(
      () => undefined,
      (err: unknown) => err,
    )
    expect(isAppError(error, expected), `got ${String(error)}`).toBe(true)
    expect((error as Error).message).toBe(ERRORS[expected].message)
    expect(ERRORS[expected].kind).toBe('forbidden')

    expect(await counts(w.deps, w.org.id)).toEqual(before)
    const fresh = (await auditEvents(w.deps, w.org.id)).slice(eventsBefore)
    expect(fresh).toHaveLength(1)
    expect(fresh[0]).toMatchObject({
      outcome: 'denied',
      action: ACTION[what],
      reason: expected,
      actor: {
        userId: actor.userId,
        credentialKind: actor.credential.kind,
        impersonatorId: actor.impersonatorId,
      },
    })
  })

  it('uses the words of the rules', () => {
    expect(ERRORS.API_KEY_CANNOT_CREATE_API_KEY.message).toBe('API keys cannot create API keys')
    expect(ERRORS.SERVICE_TOKEN_CANNOT_CREATE_API_KEY.message).toBe(
      'Service tokens cannot create API keys',
    )
    expect(ERRORS.API_KEY_CANNOT_CREATE_SERVICE_TOKEN.message).toBe(
      'API keys cannot create service tokens',
    )
  })

  it('refuses before looking at the input: a bad name from an API key is still a 403', async () => {
    const w = await world()
    const error = await createApiKey(w.deps, apiKeyActor(w.owner, w.org.id), {
      name: '   ',
      orgId: w.org.id,
    }).catch((err: unknown) => err)
    expect(isAppError(error, 'API_KEY_CANNOT_CREATE_API_KEY')).toBe(true)
  })

  it('refuses a service token for a missing service account only after the minting check', async () => {
    const w = await world()
    const missing = w.deps.crypto.uuid()
    const fromKey = await createServiceToken(w.deps, apiKeyActor(w.owner, w.org.id), {
      name: 't',
      serviceAccountId: missing,
    }).catch((err: unknown) => err)
    expect(isAppError(fromKey, 'API_KEY_CANNOT_CREATE_SERVICE_TOKEN')).toBe(true)
    const fromOwner = await createServiceToken(w.deps, sessionActor(w.owner), {
      name: 't',
      serviceAccountId: missing,
    }).catch((err: unknown) => err)
    expect(isAppError(fromOwner, 'SERVICE_ACCOUNT_NOT_FOUND')).toBe(true)
  })
})
