import type { Spread } from './percentiles.js'

/** How the writers of one cell are laid out over orgs. */
export interface WritesLayout {
  /** `one-org`: every writer in the same org (they queue on its lock); `many-orgs`: one each. */
  readonly kind: 'one-org' | 'many-orgs'
  readonly writers: number
}

/** What the writes worker measures (see writes-worker.ts). */
export interface WritesJob {
  readonly databaseUrl: string
  readonly layouts: readonly WritesLayout[]
  /**
   * Each variant runs twice per layout, in the order lock, no lock, no lock, lock, each time for
   * this long: a load that drifts during the cell weighs on both variants alike.
   */
  readonly halfMs: number
  /** Untimed writes on each variant before a layout is measured (JIT, pool connections). */
  readonly warmupMs: number
}

export interface WritesRun {
  /** Writes that completed inside the measured windows. */
  readonly writes: number
  /** Writes that threw (inside the windows); each ends its writer's cycle early. */
  readonly failures: number
  readonly windowMs: number
  readonly writesPerSec: number
  /** Each write's latency as its caller saw it (waiting for a connection and the lock included). */
  readonly latencyMs: Spread
}

export interface WritesCell {
  readonly layout: WritesLayout
  readonly orgs: number
  readonly lock: WritesRun
  /** The same store over a connection whose lockOrg does nothing: the racy behaviour before issue 9. */
  readonly noLock: WritesRun
}

export interface WritesReport {
  readonly dialect: 'sqlite' | 'postgres'
  /** The rows each org holds before the writers start (the world every write loads). */
  readonly orgWorld: { readonly members: number; readonly groups: number; readonly acls: number }
  /** The write steps of one writer's cycle, in order. */
  readonly cycle: readonly string[]
  readonly cells: readonly WritesCell[]
  /** Making the orgs (not measured as writes). */
  readonly setupMs: number
  /** The first distinct error messages, if any write threw. */
  readonly errors: readonly string[]
}
