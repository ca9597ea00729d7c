import type { AuthorizeInput, GatehouseClient } from '@gatehouse/client'
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react'
import { useClient } from './api.js'
import { useOptionalOrg, useSession } from './session.js'
import { useLoad } from './ui/index.js'

/*
 * What the caller may do, asked of the API (`POST /v1/authorize` with the caller's own checks)
 * rather than guessed from group or role names: the UI offers only what the API would allow.
 * It only decides what to show; the API still refuses anything else.
 */

export type Permission = NonNullable<AuthorizeInput['checks']>[number]['permission']
export type ObjectType = NonNullable<AuthorizeInput['checks']>[number]['object_type']

export interface Check {
  readonly permission: Permission
  readonly objectType: ObjectType
  readonly objectId: string
}

/** The most checks one authorize call takes (core's MAX_AUTHORIZE_CHECKS). */
const MAX_CHECKS = 100

function keyOf(c: Check): string {
  return `${c.permission}:${c.objectType}:${c.objectId}`
}

/** Asks the API about every check (in calls of at most 100); the set holds the allowed ones. */
export async function allowedChecks(
  client: GatehouseClient,
  orgName: string,
  checks: readonly Check[],
): Promise<ReadonlySet<string>> {
  const batches: Check[][] = []
  for (let i = 0; i < checks.length; i += MAX_CHECKS) {
    batches.push(checks.slice(i, i + MAX_CHECKS))
  }
  const answers = await Promise.all(
    batches.map((batch) =>
      client.authorize({
        org_name: orgName,
        checks: batch.map((c) => ({
          permission: c.permission,
          object_type: c.objectType,
          object_id: c.objectId,
        })),
      }),
    ),
  )
  const allowed = new Set<string>()
  batches.forEach((batch, b) => {
    batch.forEach((check, i) => {
      if (answers[b]?.results[i]?.allowed === true) {
        allowed.add(keyOf(check))
      }
    })
  })
  return allowed
}

/** Every permission, in the API's order; all eight on the organization make an owner, as core counts it. */
export const ALL_PERMISSIONS: readonly Permission[] = [
  'create',
  'read',
  'update',
  'delete',
  'create_acls',
  'read_acls',
  'update_acls',
  'delete_acls',
]

/** The org-wide objects the Settings pages act on, with the permissions they need there. */
const ORG_CHECKS: readonly (readonly [ObjectType, readonly Permission[]])[] = [
  ['organization', ALL_PERMISSIONS],
  ['org_member', ['read', 'create', 'delete']],
  ['org_project', ['create']],
  ['org_audit_logs', ['read']],
]

export interface OrgAbilities {
  /** Whether the caller holds `permission` on the org-wide object (org, member list, …). */
  can(permission: Permission, objectType: ObjectType): boolean
  /** Holds every permission on the organization: manages service accounts, sees every key. */
  readonly owner: boolean
}

export type AbilitiesState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly abilities: OrgAbilities }

/** While the answer is not in, nothing is offered that needs it. */
const NOTHING: OrgAbilities = { can: () => false, owner: false }

interface AbilitiesValue {
  readonly state: AbilitiesState
  /** Asks again (after the caller's own groups changed, say). */
  reload(): Promise<void>
}

const AbilitiesContext = createContext<AbilitiesValue | undefined>(undefined)

/**
 * Asks once per organization and session what the caller may do org-wide, and keeps the
 * answer while the pages of that organization come and go.
 */
export function AbilitiesProvider({ children }: { children: ReactNode }) {
  const client = useClient()
  const userId = useSession().info?.user.id
  const current = useOptionalOrg()
  const org = current?.org
  const [cache, setCache] = useState<ReadonlyMap<string, OrgAbilities>>(new Map())

  // Another person logged in: nothing known about the last one applies.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resets on a change of user on purpose
  useEffect(() => {
    setCache(new Map())
  }, [userId])

  const load = useCallback(async () => {
    if (org === undefined) {
      return
    }
    const checks = ORG_CHECKS.flatMap(([objectType, permissions]) =>
      permissions.map((permission) => ({ permission, objectType, objectId: org.id })),
    )
    let allowed: ReadonlySet<string>
    try {
      allowed = await allowedChecks(client, org.name, checks)
    } catch {
      // Unanswered: offer nothing extra; the pages still show what their lists return.
      allowed = new Set()
    }
    const can = (permission: Permission, objectType: ObjectType) =>
      allowed.has(keyOf({ permission, objectType, objectId: org.id }))
    const abilities: OrgAbilities = {
      can,
      owner: ALL_PERMISSIONS.every((p) => can(p, 'organization')),
    }
    setCache((before) => new Map(before).set(org.id, abilities))
  }, [client, org])

  const known = org === undefined ? undefined : cache.get(org.id)
  useEffect(() => {
    if (known === undefined) {
      void load()
    }
  }, [known, load])

  const value = useMemo<AbilitiesValue>(
    () => ({
      state: known === undefined ? { status: 'loading' } : { status: 'ready', abilities: known },
      reload: load,
    }),
    [known, load],
  )
  return <AbilitiesContext.Provider value={value}>{children}</AbilitiesContext.Provider>
}

function useAbilitiesValue(): AbilitiesValue {
  const value = useContext(AbilitiesContext)
  if (value === undefined) {
    throw new Error('useAbilities() needs an <AbilitiesProvider> above it')
  }
  return value
}

/**
 * What the caller may do in the current organization: `useAbilities().can('create',
 * 'org_member')`. Everything is false until the API has answered.
 */
export function useAbilities(): OrgAbilities & { readonly ready: boolean } {
  const { state } = useAbilitiesValue()
  return state.status === 'ready'
    ? { ...state.abilities, can: state.abilities.can, ready: true }
    : { ...NOTHING, ready: false }
}

/** Asks the API again what the caller may do (its own groups just changed). */
export function useReloadAbilities(): () => Promise<void> {
  return useAbilitiesValue().reload
}

/**
 * What the caller may do on each of some objects (projects, groups): one question to the API
 * per list; `allowed(permission, id)` is false until it answers.
 */
export function useObjectAbilities(
  objectType: ObjectType,
  ids: readonly string[] | undefined,
  permissions: readonly Permission[],
): (permission: Permission, id: string) => boolean {
  const client = useClient()
  const { org } = useOptionalOrg() ?? {}
  const orgName = org?.name
  const idsKey = ids === undefined ? '' : ids.join(',')
  const permissionsKey = permissions.join(',')
  const state = useLoad(
    useCallback(async () => {
      const wanted = idsKey === '' ? [] : idsKey.split(',')
      if (orgName === undefined || wanted.length === 0) {
        return new Set<string>()
      }
      const checks = wanted.flatMap((objectId) =>
        permissionsKey
          .split(',')
          .map((permission) => ({ permission: permission as Permission, objectType, objectId })),
      )
      try {
        return await allowedChecks(client, orgName, checks)
      } catch {
        return new Set<string>()
      }
    }, [client, orgName, objectType, idsKey, permissionsKey]),
  )
  const allowed = state.data
  return useCallback(
    (permission: Permission, id: string) =>
      allowed?.has(keyOf({ permission, objectType, objectId: id })) === true,
    [allowed, objectType],
  )
}
