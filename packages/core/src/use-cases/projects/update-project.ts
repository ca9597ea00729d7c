import type { Actor } from '../../actor.js'
import { AppError } from '../../errors.js'
import type { Project } from '../../model/entities.js'
import type { Deps } from '../../ports.js'
import { runOperation } from '../operation.js'
import { enterProject } from './enter-project.js'

/** A partial update; a field left out or given as null keeps its value (the reference API). */
export interface UpdateProjectInput {
  readonly projectId: string
  readonly name?: string | null | undefined
  /** Deep-merged into the current settings: objects merge key by key, anything else replaces. */
  readonly settings?: Readonly<Record<string, unknown>> | null | undefined
}

/**
 * Partially updates a project. The name stays unique among the org's live projects.
 * @throws PROJECT_NOT_FOUND, PERMISSION_DENIED, NAME_TAKEN, VALIDATION_FAILED
 */
export async function updateProject(
  deps: Deps,
  actor: Actor,
  input: UpdateProjectInput,
): Promise<Project> {
  const name = input.name?.trim()
  if (name !== undefined && name.length === 0) {
    throw new AppError('VALIDATION_FAILED', { field: 'name' })
  }
  if (input.settings !== undefined && input.settings !== null && !isPlainObject(input.settings)) {
    throw new AppError('VALIDATION_FAILED', { field: 'settings' })
  }
  return runOperation(deps, actor, 'project.update', async (op) => {
    const project = await enterProject(op, input.projectId, 'update')
    let updated: Project = project
    if (name !== undefined && name !== project.name) {
      const holder = await op.tx.projects.findByName(project.orgId, name)
      if (holder !== undefined && holder.id !== project.id) {
        throw new AppError('NAME_TAKEN', { field: 'name' })
      }
      updated = { ...updated, name }
    }
    if (input.settings !== undefined && input.settings !== null) {
      const settings = deepMerge(project.settings ?? {}, input.settings)
      if (canonical(settings) !== canonical(project.settings)) {
        updated = { ...updated, settings }
      }
    }
    if (updated === project) {
      return project
    }
    await op.tx.projects.update(updated)
    const before: Record<string, unknown> = {}
    const after: Record<string, unknown> = {}
    if (updated.name !== project.name) {
      before.name = project.name
      after.name = updated.name
    }
    if (updated.settings !== project.settings) {
      before.settings = project.settings
      after.settings = updated.settings
    }
    await op.record({ objectType: 'project', objectId: project.id, before, after })
    return (await op.tx.projects.find(project.id)) ?? updated
  })
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `patch` over `base`: nested objects merge, arrays and scalars replace. Inputs are untouched. */
function deepMerge(
  base: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      continue
    }
    const current = out[key]
    out[key] = isPlainObject(value) && isPlainObject(current) ? deepMerge(current, value) : value
  }
  return out
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isPlainObject(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}
