import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DATA_DIR } from '../support/paths.js'
import { createMemorySink, type MemorySink } from './memory-sink.js'
import { createPostgresSink } from './postgres-sink.js'
import {
  type PostgresWorldSchema,
  preparePostgresSchema,
  prepareSqliteDatabase,
} from './prepare-database.js'
import { type SeedReport, seedWorld } from './seed-world.js'
import { createSqliteSink } from './sqlite-sink.js'
import type { TimedSink } from './tables.js'
import type { WorldSample, WorldSummary } from './world-sample.js'
import type { WorldSpec } from './world-spec.js'

/** A seeded world: where it lives, and what the benchmark kept of it. */
export interface SeededWorld {
  readonly sample: WorldSample
  /** The sample as a file, for child processes. */
  readonly samplePath: string
  readonly sqliteUrl?: string
  readonly postgres?: PostgresWorldSchema
  /** Every row, when asked for (small worlds). */
  readonly rows?: MemorySink
  readonly report: SeedReport
  readonly summary: WorldSummary
}

/**
 * Generates `spec` once into each store asked for: a fresh SQLite file under bench/.data, a
 * fresh PostgreSQL schema (the caller drops it: `postgres.drop()`), memory.
 */
export async function seedWorlds(
  spec: WorldSpec,
  stores: { sqlite: boolean; postgresUrl?: string | undefined; memory?: boolean },
): Promise<SeededWorld> {
  const sinks: TimedSink[] = []
  let sqliteUrl: string | undefined
  if (stores.sqlite) {
    const path = join(DATA_DIR, `${spec.name}.db`)
    sqliteUrl = await prepareSqliteDatabase(path)
    sinks.push(createSqliteSink(path))
  }
  const postgres =
    stores.postgresUrl === undefined ? undefined : await preparePostgresSchema(stores.postgresUrl)
  const rows = stores.memory === true ? createMemorySink() : undefined
  try {
    if (postgres !== undefined) {
      sinks.push(await createPostgresSink(postgres.connectionString, postgres.schema))
    }
    if (rows !== undefined) {
      sinks.push(rows)
    }
    const { sample, report } = await seedWorld(spec, sinks)
    const samplePath = join(DATA_DIR, `${spec.name}-sample.json`)
    writeFileSync(samplePath, JSON.stringify(sample))
    return {
      sample,
      samplePath,
      report: { ...report, sinks: report.sinks.filter((s) => s.sink !== 'memory') },
      summary: {
        spec,
        counts: sample.counts,
        samples: {
          warmLargest: sample.warmLargest.length,
          warmAcross: sample.warmAcross.length,
          coldLargest: sample.coldLargest.length,
          coldAcross: sample.coldAcross.length,
        },
      },
      ...(sqliteUrl === undefined ? {} : { sqliteUrl }),
      ...(postgres === undefined ? {} : { postgres }),
      ...(rows === undefined ? {} : { rows }),
    }
  } catch (err) {
    await postgres?.drop()
    throw err
  }
}
