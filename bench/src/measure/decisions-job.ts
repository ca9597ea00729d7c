import type { DecisionCacheStats } from '@gatehouse/core'
import type { LoopResult } from './timed-loop.js'

/** What the decisions worker measures and reports (see decisions-worker.ts). */
export const RUN_NAMES = [
  'floor',
  'warm-largest',
  'warm-across',
  'cold-largest',
  'cold-across',
] as const
export type RunName = (typeof RUN_NAMES)[number]

export interface DecisionsJob {
  readonly databaseUrl: string
  readonly samplePath: string
  readonly durationMs: number
  /** Without it, every decision reads the database (the comparison without caches). */
  readonly cache: boolean
  readonly runs: readonly RunName[]
}

export interface DecisionsReport {
  readonly expectations: { readonly checked: number; readonly failed: readonly string[] }
  readonly runs: Partial<Record<RunName, LoopResult>>
  readonly cache: DecisionCacheStats | null
}
