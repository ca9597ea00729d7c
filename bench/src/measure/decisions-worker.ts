import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  authenticateCached,
  authenticateSecret,
  authorize,
  authorizeCached,
  type Deps,
  LruDecisionCache,
} from '@gatehouse/core'
import { createNodeDeps, openStore, systemClock } from '@gatehouse/server'
import type { SampledKey, WorldSample } from '../world/world-sample.js'
import type { DecisionsJob, DecisionsReport, RunName } from './decisions-job.js'
import { type LoopResult, type Outcome, runTimedLoop, runTimedLoopSync } from './timed-loop.js'

/*
 * A child process of the benchmark (so every measurement starts from a fresh heap, and
 * `node --cpu-prof` can wrap it): the floor and Gatehouse's in-process decisions on one world.
 * Input: one JSON argument (DecisionsJob). Output: one JSON line (DecisionsReport).
 */

/**
 * One decision as an in-process data plane makes it: from memory without waiting when the key
 * and its org are cached (authenticateCached, authorizeCached), else through the database.
 */
function decide(deps: Deps, key: SampledKey): Outcome | Promise<Outcome> {
  const input = { checks: [key.check] }
  try {
    const actor = authenticateCached(deps, key.secret)
    const result = actor === undefined ? undefined : authorizeCached(deps, actor, input)
    if (result !== undefined) {
      return { ok: true, allowed: result.results[0]?.allowed === true }
    }
  } catch {
    return { ok: false, allowed: false }
  }
  return decideFromStore(deps, key)
}

async function decideFromStore(deps: Deps, key: SampledKey): Promise<Outcome> {
  const actor = await authenticateSecret(deps, key.secret)
  if (actor === undefined) {
    return { ok: false, allowed: false }
  }
  try {
    const result = await authorize(deps, actor, { checks: [key.check] })
    return { ok: true, allowed: result.results[0]?.allowed === true }
  } catch {
    return { ok: false, allowed: false }
  }
}

/** The world's fixed answers, asked before anything is measured: a wrong world measures nothing. */
async function checkExpectations(deps: Deps, sample: WorldSample) {
  const failed: string[] = []
  for (const { key, allowed, why } of sample.expectations) {
    const outcome = await decide(deps, key)
    if (!outcome.ok || outcome.allowed !== allowed) {
      failed.push(
        `expected ${allowed ? 'allowed' : 'denied'} (${why}), got ${outcome.ok ? outcome.allowed : 'an error'}`,
      )
    }
  }
  for (const secret of sample.revoked) {
    if ((await authenticateSecret(deps, secret)) !== undefined) {
      failed.push('a revoked key authenticated')
    }
  }
  return { checked: sample.expectations.length + sample.revoked.length, failed }
}

/** SHA-256 of the key and a Map lookup: what no credential check can beat. */
function measureFloor(keys: readonly SampledKey[], durationMs: number): LoopResult {
  const byHash = new Map(
    keys.map((k) => [createHash('sha256').update(k.secret).digest('hex'), k] as const),
  )
  return runTimedLoopSync(durationMs, (i) => {
    const key = keys[i % keys.length] as SampledKey
    const hash = createHash('sha256').update(key.secret).digest('hex')
    return byHash.get(hash) !== undefined
  })
}

async function measureWarm(deps: Deps, keys: readonly SampledKey[], durationMs: number) {
  // One untimed pass fills the caches (credentials and the orgs' compiled indexes).
  for (const key of keys) {
    await decide(deps, key)
  }
  return runTimedLoop(durationMs, Number.POSITIVE_INFINITY, (i) =>
    decide(deps, keys[i % keys.length] as SampledKey),
  )
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as DecisionsJob
  const sample = JSON.parse(readFileSync(job.samplePath, 'utf8')) as WorldSample
  const store = await openStore(job.databaseUrl)
  const cache = job.cache ? new LruDecisionCache({ clock: systemClock }) : undefined
  const deps = createNodeDeps(store, { cache })
  try {
    const expectations = await checkExpectations(deps, sample)
    const runs: Partial<Record<RunName, LoopResult>> = {}
    const warm = [...sample.warmLargest, ...sample.warmAcross]
    for (const name of job.runs) {
      switch (name) {
        case 'floor':
          runs[name] = measureFloor(warm, job.durationMs)
          break
        case 'warm-largest':
          runs[name] = await measureWarm(deps, sample.warmLargest, job.durationMs)
          break
        case 'warm-across':
          runs[name] = await measureWarm(deps, sample.warmAcross, job.durationMs)
          break
        case 'cold-largest':
        case 'cold-across': {
          // Each key once: none of them was used before, so each decision misses the cache.
          const keys = name === 'cold-largest' ? sample.coldLargest : sample.coldAcross
          runs[name] = await runTimedLoop(job.durationMs, keys.length, (i) =>
            decide(deps, keys[i] as SampledKey),
          )
          break
        }
      }
    }
    const report: DecisionsReport = { expectations, runs, cache: cache?.stats() ?? null }
    process.stdout.write(`${JSON.stringify(report)}\n`)
  } finally {
    await store.close()
  }
}

await main()
