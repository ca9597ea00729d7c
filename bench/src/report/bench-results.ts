import type { DecisionsReport } from '../measure/decisions-job.js'
import type { HttpMeasurement } from '../measure/measure-http.js'
import type { ListsReport } from '../measure/measure-lists.js'
import type { PeerResult } from '../measure/measure-peers.js'
import type { RevocationResult } from '../measure/measure-revocation.js'
import type { ProfileSummary } from '../measure/summarize-profile.js'
import type { WritesReport } from '../measure/writes-job.js'
import type { MachineDescription } from '../support/describe-machine.js'
import type { SeedReport } from '../world/seed-world.js'
import type { WorldSummary } from '../world/world-sample.js'

/** One row of the table in docs/performance.md. */
export interface TableRow {
  readonly section: string
  readonly measurement: string
  readonly result: string
  readonly baseline: string
  readonly ratio: string
  readonly target: string
  /** Whether the target was met; undefined when the row has no target. */
  readonly met?: boolean
}

/** Everything one run measured: bench/results/<date>.json. */
export interface BenchResults {
  readonly date: string
  readonly startedAt: string
  readonly durationSec: number
  readonly mode: 'full' | 'quick' | 'partial'
  readonly phases: readonly string[]
  readonly commit: string
  readonly machine: MachineDescription & { readonly loadAverageAtEnd: number }
  readonly worlds: Partial<Record<'large' | 'small', WorldSummary>>
  readonly seeding: readonly SeedReport[]
  readonly inProcess: Partial<Record<'sqlite' | 'postgres' | 'small', DecisionsReport>>
  readonly http: Partial<Record<'bare' | 'sqlite' | 'postgres' | 'small', HttpMeasurement>>
  readonly startup: { readonly gatehouseMs: number[]; readonly bareMs: number[] } | null
  readonly revocation: RevocationResult | null
  readonly peers: readonly PeerResult[]
  readonly profile: ProfileSummary | null
  /** Concurrent writers, with the per-org write lock and without it (absent in older files). */
  readonly writes?: Partial<Record<'sqlite' | 'postgres', WritesReport>>
  /** Lists of many rows, searched and paged (absent in older files). */
  readonly lists?: ListsReport | null
  /** What was left out, and why (no PostgreSQL, a phase not asked for). */
  readonly skipped: readonly string[]
  readonly table: readonly TableRow[]
}
