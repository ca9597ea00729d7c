import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { runToEnd } from '../support/child-processes.js'
import { benchScript, DATA_DIR, REPO_ROOT } from '../support/paths.js'
import { preparePostgresSchema, prepareSqliteDatabase } from '../world/prepare-database.js'
import type { WritesJob, WritesReport } from './writes-job.js'

async function runWorker(job: WritesJob): Promise<WritesReport> {
  // Bounded: four windows and two warm-ups per layout, plus the setup of the orgs.
  const timeoutMs = job.layouts.length * (job.halfMs * 4 + job.warmupMs * 2 + 60_000) + 60_000
  const stdout = await runToEnd(
    process.execPath,
    [benchScript('measure/writes-worker.js'), JSON.stringify(job)],
    { cwd: REPO_ROOT, timeoutMs },
  )
  const last = stdout.trim().split('\n').pop() ?? ''
  return JSON.parse(last) as WritesReport
}

type Layouts = Omit<WritesJob, 'databaseUrl'>

/** The writes phase on a fresh SQLite file of its own, removed at the end. */
export async function measureWritesSqlite(layouts: Layouts): Promise<WritesReport> {
  const path = join(DATA_DIR, 'writes.db')
  try {
    return await runWorker({ ...layouts, databaseUrl: await prepareSqliteDatabase(path) })
  } finally {
    for (const suffix of ['', '-wal', '-shm']) {
      rmSync(`${path}${suffix}`, { force: true })
    }
  }
}

/** The writes phase on a fresh PostgreSQL schema of its own, dropped at the end. */
export async function measureWritesPostgres(
  postgresUrl: string,
  layouts: Layouts,
): Promise<WritesReport> {
  const schema = await preparePostgresSchema(postgresUrl)
  try {
    return await runWorker({ ...layouts, databaseUrl: schema.url })
  } finally {
    await schema.drop()
  }
}
