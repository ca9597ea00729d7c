import { OPERATOR } from '../../actor.js'
import { assertPasswordAcceptable, normalizeEmail } from '../../credentials/password-policy.js'
import { AppError } from '../../errors.js'
import type { Plan } from '../../model/catalog.js'
import type { Group, Organization, User } from '../../model/entities.js'
import { PLAN_FEATURES } from '../../policies/plans.js'
import type { Deps } from '../../ports.js'
import { appendAudit } from '../operation.js'
import { insertBuiltinGroup } from './builtin-groups.js'

export interface BootstrapInput {
  readonly orgName: string
  readonly email: string
  /** Required when the user does not exist yet; an existing user keeps their password. */
  readonly password?: string | undefined
  readonly plan?: Plan | undefined
  /** First-run setup: refuse (SETUP_NOT_AVAILABLE) when any organization exists already. */
  readonly firstOnly?: boolean | undefined
}

/**
 * Creates an organization with its built-in groups and its first owner, for the operator (CLI)
 * or the first-run setup page. An existing user with that email becomes the owner.
 * @throws SETUP_NOT_AVAILABLE, ORG_NAME_TAKEN, EMAIL_INVALID, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, VALIDATION_FAILED
 */
export async function bootstrapOrganization(
  deps: Deps,
  input: BootstrapInput,
): Promise<{ org: Organization; user: User; createdUser: boolean }> {
  const name = input.orgName.trim()
  if (name.length === 0 || name.length > 256) {
    throw new AppError('VALIDATION_FAILED', { field: 'org_name' })
  }
  const email = normalizeEmail(input.email)
  if (input.password !== undefined) {
    assertPasswordAcceptable(input.password)
  }
  const passwordHash =
    input.password === undefined ? null : await deps.passwords.hash(input.password)

  return deps.store.transaction(async (tx) => {
    if (input.firstOnly === true && (await tx.orgs.listAll()).length > 0) {
      throw new AppError('SETUP_NOT_AVAILABLE')
    }
    if ((await tx.orgs.findByName(name)) !== undefined) {
      throw new AppError('ORG_NAME_TAKEN')
    }
    const now = deps.clock.now()
    let user = await tx.users.findByEmail(email)
    const createdUser = user === undefined
    if (user === undefined) {
      if (passwordHash === null) {
        throw new AppError('VALIDATION_FAILED', {
          field: 'password',
          reason: 'required for a new user',
        })
      }
      user = {
        id: deps.crypto.uuid(),
        kind: 'user',
        email,
        givenName: null,
        familyName: null,
        avatarUrl: null,
        passwordHash,
        serviceAccountOrgId: null,
        createdAt: now,
        deletedAt: null,
      }
      await tx.users.insert(user)
    }
    const plan = input.plan ?? 'enterprise'
    const org: Organization = {
      id: deps.crypto.uuid(),
      name,
      plan,
      settings: { directOwnershipGrants: true, serviceTokensCanMint: true },
      apiUrl: null,
      proxyUrl: null,
      realtimeUrl: null,
      isUniversalApi: null,
      isDataplanePrivate: null,
      imageRenderingMode: null,
      authzVersion: 1,
      createdAt: now,
    }
    await tx.orgs.insert(org)
    await tx.members.add({ orgId: org.id, userId: user.id, createdAt: now })

    const groups: Group[] = []
    for (const builtin of PLAN_FEATURES[plan].builtinGroups) {
      groups.push(
        await insertBuiltinGroup(tx, deps, org, builtin, builtin === 'owners' ? [user.id] : []),
      )
    }
    await appendAudit(tx, deps, {
      orgId: org.id,
      action: 'organization.create',
      outcome: 'success',
      actor: OPERATOR,
      objectType: 'organization',
      objectId: org.id,
      before: null,
      after: {
        name: org.name,
        plan: org.plan,
        owner: { id: user.id, email: user.email },
        groups: groups.map((g) => g.name),
      },
      reason: null,
      requestId: null,
      occurredAt: now,
    })
    return { org, user, createdUser }
  })
}
