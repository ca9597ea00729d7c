import type { WritesLayout } from './measure/writes-job.js'
import { LARGE_WORLD, QUICK_WORLD, SMALL_WORLD, type WorldSpec } from './world/world-spec.js'

export const PHASES = [
  'in-process',
  'http',
  'revocation',
  'peers',
  'profile',
  'writes',
  'lists',
] as const
export type Phase = (typeof PHASES)[number]

/** Every count and duration of a run: each phase is bounded by them. */
export interface BenchOptions {
  readonly mode: 'full' | 'quick' | 'partial'
  /** A results file to re-render instead of measuring. */
  readonly render?: string
  readonly phases: readonly Phase[]
  readonly postgresUrl: string | undefined
  /** In-process decisions with the decision cache (the server's default) or without it. */
  readonly cache: boolean
  readonly large: WorldSpec
  readonly small: WorldSpec
  readonly decisionMs: number
  readonly httpSec: number
  readonly connections: number
  readonly startupTrials: number
  readonly revocations: number
  readonly revocationWaitMs: number
  readonly betterAuthKeys: number
  readonly casbinPolicies: readonly number[]
  readonly peerMs: number
  readonly profileMs: number
  /** Concurrent writers through core's use cases: all in one org, then one per org. */
  readonly writeLayouts: readonly WritesLayout[]
  /** Each variant (lock, no lock) is measured in two windows of this long per layout. */
  readonly writeHalfMs: number
  readonly writeWarmupMs: number
  /** Members and API keys in the lists phase's one org (each), timed calls per case, page size. */
  readonly listRows: number
  readonly listRepeats: number
  readonly listPageSize: number
}

export const USAGE = `npm run bench [-- options]

  --quick             the large world at 1/50 (20,000 keys) and short runs: a few minutes
  --only=PHASES       comma-separated, among: ${PHASES.join(', ')}
                      (the worlds each phase needs are seeded first)
  --no-postgres       SQLite only (PostgreSQL phases are skipped)
  --no-cache          in-process decisions without the decision cache (each reads the database)
  --render=FILE       measure nothing: rebuild the table of a results file (and, for a full
                      run's, the doc's generated block) after the report's format changed
  --help

PostgreSQL: GATEHOUSE_BENCH_POSTGRES_URL, else GATEHOUSE_TEST_POSTGRES_URL, else
postgres://postgres@127.0.0.1:5432/test (a schema of its own, dropped at the end).
A full run writes bench/results/<date>.json and the table in docs/performance.md; --quick and
--only write bench/results/<date>-quick.json or -partial.json and leave the doc alone.`

/** Parses the command line; undefined for --help. @throws Error on an unknown option */
export function parseBenchOptions(
  args: readonly string[],
  env: Record<string, string | undefined>,
): BenchOptions | undefined {
  let quick = false
  let phases: Phase[] = [...PHASES]
  // A run that leaves something out (or changes it) does not replace the doc's full-run table.
  let partial = false
  let postgres = true
  let cache = true
  let render: string | undefined
  for (const arg of args) {
    if (arg === '--help' || arg === '-h') {
      return undefined
    }
    if (arg === '--quick') {
      quick = true
    } else if (arg === '--no-postgres') {
      postgres = false
    } else if (arg.startsWith('--render=')) {
      render = arg.slice('--render='.length)
    } else if (arg === '--no-cache') {
      cache = false
      partial = true
    } else if (arg.startsWith('--only=')) {
      const wanted = arg.slice('--only='.length).split(',')
      const unknown = wanted.filter((p) => !(PHASES as readonly string[]).includes(p))
      if (unknown.length > 0) {
        throw new Error(`unknown phase ${unknown.join(', ')} (phases: ${PHASES.join(', ')})`)
      }
      phases = wanted as Phase[]
      partial = true
    } else {
      throw new Error(`unknown option ${arg}\n\n${USAGE}`)
    }
  }
  const postgresUrl = postgres
    ? (env.GATEHOUSE_BENCH_POSTGRES_URL ??
      env.GATEHOUSE_TEST_POSTGRES_URL ??
      'postgres://postgres@127.0.0.1:5432/test')
    : undefined
  return {
    mode: quick ? 'quick' : partial ? 'partial' : 'full',
    ...(render === undefined ? {} : { render }),
    phases,
    postgresUrl,
    cache,
    large: quick ? QUICK_WORLD : LARGE_WORLD,
    small: SMALL_WORLD,
    decisionMs: quick ? 1_500 : 5_000,
    httpSec: quick ? 3 : 10,
    connections: 32,
    startupTrials: quick ? 2 : 3,
    revocations: quick ? 20 : 100,
    revocationWaitMs: 5_000,
    betterAuthKeys: quick ? 1_000 : 10_000,
    casbinPolicies: [120, 1_200],
    peerMs: quick ? 1_500 : 5_000,
    profileMs: quick ? 2_000 : 10_000,
    writeLayouts: [
      { kind: 'one-org', writers: 1 },
      { kind: 'one-org', writers: 8 },
      { kind: 'one-org', writers: 32 },
      { kind: 'many-orgs', writers: 32 },
    ],
    writeHalfMs: quick ? 500 : 2_000,
    writeWarmupMs: quick ? 200 : 500,
    listRows: quick ? 2_000 : 10_000,
    listRepeats: quick ? 10 : 30,
    listPageSize: 100,
  }
}
