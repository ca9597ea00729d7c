import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Organization, OrgSettings } from '../../model/entities.js'
import { assertMayChangeCredentialSettings } from '../../policies/minting.js'
import type { Deps } from '../../ports.js'
import { runOperation } from '../operation.js'

export const IMAGE_RENDERING_MODES = ['auto', 'click_to_load', 'blocked'] as const
export type ImageRenderingMode = (typeof IMAGE_RENDERING_MODES)[number]

/**
 * A partial update. As in the reference API, a field left out or given as null keeps its value:
 * fields cannot be removed or set to null.
 */
export interface UpdateOrganizationInput {
  readonly orgId: string
  readonly name?: string | null | undefined
  readonly apiUrl?: string | null | undefined
  readonly proxyUrl?: string | null | undefined
  readonly realtimeUrl?: string | null | undefined
  readonly isUniversalApi?: boolean | null | undefined
  readonly isDataplanePrivate?: boolean | null | undefined
  readonly imageRenderingMode?: ImageRenderingMode | null | undefined
  /** Gatehouse's own settings; owners only. */
  readonly settings?: Partial<OrgSettings> | null | undefined
}

type ReferenceField =
  | 'name'
  | 'apiUrl'
  | 'proxyUrl'
  | 'realtimeUrl'
  | 'isUniversalApi'
  | 'isDataplanePrivate'
  | 'imageRenderingMode'

const REFERENCE_FIELDS: readonly ReferenceField[] = [
  'name',
  'apiUrl',
  'proxyUrl',
  'realtimeUrl',
  'isUniversalApi',
  'isDataplanePrivate',
  'imageRenderingMode',
]

const SETTING_FIELDS: readonly (keyof OrgSettings)[] = [
  'directOwnershipGrants',
  'serviceTokensCanMint',
]

/**
 * Partially updates an organization. The reference API's fields need `update` on the
 * organization; Gatehouse's settings (direct ownership grants, service tokens minting service
 * tokens) govern credentials and who may do what, so they need an owner, in the owner's own
 * session: never an API key, a service token or an impersonated request, or a credential could
 * re-open what an owner closed. Audited with the changed fields only.
 * @throws ORG_NOT_FOUND, PERMISSION_DENIED, CREDENTIAL_SETTING_NEEDS_SESSION, OWNER_ONLY_SETTING,
 *   ORG_NAME_TAKEN, VALIDATION_FAILED
 */
export async function updateOrganization(
  deps: Deps,
  actor: Actor,
  input: UpdateOrganizationInput,
): Promise<Organization> {
  const name = input.name?.trim()
  if (name !== undefined && (name.length === 0 || name.length > 256)) {
    throw new AppError('VALIDATION_FAILED', { field: 'name' })
  }
  const mode = input.imageRenderingMode
  if (mode !== undefined && mode !== null && !IMAGE_RENDERING_MODES.includes(mode)) {
    throw new AppError('VALIDATION_FAILED', { field: 'image_rendering_mode' })
  }
  return runOperation(deps, actor, 'organization.update', async (op) => {
    const org = await op.enterOrg({ orgId: input.orgId })
    const patch: Record<string, unknown> = {}
    for (const field of REFERENCE_FIELDS) {
      const value = field === 'name' ? name : input[field]
      if (value !== undefined && value !== null && value !== org[field]) {
        patch[field] = value
      }
    }
    const settings: Partial<Record<keyof OrgSettings, boolean>> = {}
    for (const field of SETTING_FIELDS) {
      const value = input.settings?.[field]
      if (value !== undefined && value !== null && value !== org.settings[field]) {
        settings[field] = value
      }
    }
    const settingsChanged = Object.keys(settings).length > 0
    // Asking to change is what needs the permission, even when the value happens to be the same.
    if (REFERENCE_FIELDS.some((f) => input[f] !== undefined && input[f] !== null)) {
      op.require('update', { objectType: 'organization', objectId: org.id })
    }
    if (
      input.settings !== undefined &&
      input.settings !== null &&
      SETTING_FIELDS.some((f) => input.settings?.[f] !== undefined)
    ) {
      // The credential first, as the minting rules do: an API key or a token is refused for
      // what it is, whoever holds it.
      assertMayChangeCredentialSettings(op.actor)
      op.requireOwner('OWNER_ONLY_SETTING')
    }
    if (Object.keys(patch).length === 0 && !settingsChanged) {
      return org
    }
    if (typeof patch.name === 'string') {
      const holder = await op.tx.orgs.findByName(patch.name)
      if (holder !== undefined && holder.id !== org.id) {
        throw new AppError('ORG_NAME_TAKEN')
      }
    }
    const updated: Organization = {
      ...org,
      ...patch,
      settings: { ...org.settings, ...settings },
    }
    await op.tx.orgs.update(updated)
    if (settingsChanged) {
      await op.changedAuthz()
    }
    const before: Record<string, unknown> = {}
    for (const field of Object.keys(patch) as ReferenceField[]) {
      before[field] = org[field]
    }
    if (settingsChanged) {
      before.settings = pick(org.settings, Object.keys(settings) as (keyof OrgSettings)[])
      patch.settings = settings
    }
    await op.record({ objectType: 'organization', objectId: org.id, before, after: patch })
    return (await op.tx.orgs.find(org.id)) ?? updated
  })
}

function pick(settings: OrgSettings, keys: readonly (keyof OrgSettings)[]): Partial<OrgSettings> {
  const out: Partial<Record<keyof OrgSettings, boolean>> = {}
  for (const key of keys) {
    out[key] = settings[key]
  }
  return out
}
