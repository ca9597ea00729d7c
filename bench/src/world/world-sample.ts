import type { ObjectType, Permission } from '@gatehouse/core'
import type { TableName } from './tables.js'
import type { WorldSpec } from './world-spec.js'

/** One check of `POST /v1/authorize`, in core's shape. */
export interface SampleCheck {
  readonly permission: Permission
  readonly objectType: ObjectType
  readonly objectId: string
  readonly projectId?: string
}

/** A key whose plaintext the benchmark kept, and the check it asks about. */
export interface SampledKey {
  readonly secret: string
  readonly keyId: string
  readonly orgId: string
  readonly userId: string
  readonly check: SampleCheck
}

/** A check whose answer the world's construction fixes, so a run can prove its world is sound. */
export interface Expectation {
  readonly key: SampledKey
  readonly allowed: boolean
  readonly why: string
}

/** What the benchmark keeps of a generated world; the rows themselves went to the sinks. */
export interface WorldSample {
  readonly spec: WorldSpec
  readonly largestOrgId: string
  /** The largest org's owner (revocations go through this key). */
  readonly owner: SampledKey
  readonly warmLargest: SampledKey[]
  readonly warmAcross: SampledKey[]
  readonly coldLargest: SampledKey[]
  readonly coldAcross: SampledKey[]
  readonly expectations: Expectation[]
  /** Secrets of revoked keys: they must not authenticate. */
  readonly revoked: string[]
  readonly counts: Record<TableName, number>
}

/** What a run reports of a world it seeded. */
export interface WorldSummary {
  readonly spec: WorldSpec
  readonly counts: Record<TableName, number>
  readonly samples: {
    warmLargest: number
    warmAcross: number
    coldLargest: number
    coldAcross: number
  }
}
