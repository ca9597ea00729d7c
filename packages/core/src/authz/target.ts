import { isOrgPseudoType, isProjectChildType, type ObjectType } from '../model/catalog.js'

/**
 * What a decision is about. Child objects (experiments, datasets, …) live in the data plane, so
 * the caller names their project; `project_log`'s object id is its project's id.
 */
export interface Target {
  readonly objectType: ObjectType
  readonly objectId: string
  readonly projectId?: string | null | undefined
}

export interface ObjectRef {
  readonly objectType: ObjectType
  readonly objectId: string
}

/**
 * The objects whose grants reach `target`, nearest first: the object, its project, "all
 * projects" (`org_project`) for projects and their contents, and the organization for all.
 */
export function ancestorsOf(orgId: string, target: Target): ObjectRef[] {
  const chain: ObjectRef[] = []
  const org: ObjectRef = { objectType: 'organization', objectId: orgId }
  // The org and its pseudo-objects carry the org's own id: another org's id reaches nothing here,
  // so a caller that mixes up worlds gets "no", never this org's answer.
  if (target.objectType === 'organization' || isOrgPseudoType(target.objectType)) {
    if (target.objectId !== orgId) {
      return []
    }
    if (target.objectType === 'organization') {
      return [org]
    }
  }
  chain.push({ objectType: target.objectType, objectId: target.objectId })
  if (target.objectType === 'project') {
    chain.push({ objectType: 'org_project', objectId: orgId })
  } else if (isProjectChildType(target.objectType)) {
    const projectId =
      target.objectType === 'project_log' ? (target.projectId ?? target.objectId) : target.projectId
    if (projectId !== undefined && projectId !== null) {
      chain.push({ objectType: 'project', objectId: projectId })
    }
    chain.push({ objectType: 'org_project', objectId: orgId })
  }
  chain.push(org)
  return chain
}

export function objectKey(objectType: string, objectId: string): string {
  return `${objectType}:${objectId}`
}
