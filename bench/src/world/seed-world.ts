import { generateWorld } from './generate-world.js'
import type { TimedSink } from './tables.js'
import type { WorldSample } from './world-sample.js'
import type { WorldSpec } from './world-spec.js'

export interface SinkReport {
  readonly sink: string
  readonly rows: number
  /** Time spent writing (generation excluded). */
  readonly ms: number
  readonly rowsPerSec: number
}

export interface SeedReport {
  readonly world: string
  readonly rows: number
  /** Time spent generating rows (ids, secrets, their SHA-256), writes excluded. */
  readonly generationMs: number
  readonly sinks: SinkReport[]
}

/** Generates the world once and writes every chunk to each sink in turn. */
export async function seedWorld(
  spec: WorldSpec,
  sinks: readonly TimedSink[],
): Promise<{ sample: WorldSample; report: SeedReport }> {
  const started = performance.now()
  const world = generateWorld(spec)
  let rows = 0
  let step = world.next()
  while (step.done !== true) {
    const { table, rows: chunk } = step.value
    rows += chunk.length
    for (const sink of sinks) {
      await sink.write(table, chunk)
    }
    step = world.next()
  }
  for (const sink of sinks) {
    await sink.finish()
  }
  const total = performance.now() - started
  const reports = sinks.map((sink) => {
    const { rows: written, ms } = sink.stats()
    return { sink: sink.name, rows: written, ms, rowsPerSec: (written / ms) * 1000 }
  })
  const writing = reports.reduce((sum, r) => sum + r.ms, 0)
  return {
    sample: step.value,
    report: { world: spec.name, rows, generationMs: total - writing, sinks: reports },
  }
}
