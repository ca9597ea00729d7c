import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, relative } from 'node:path'
import { type BenchOptions, type Phase, parseBenchOptions, USAGE } from './bench-options.js'
import { casbinPoliciesOf } from './measure/casbin-policies.js'
import type { DecisionsReport, RunName } from './measure/decisions-job.js'
import { type HttpMeasurement, measureHttp } from './measure/measure-http.js'
import { measureInProcess } from './measure/measure-in-process.js'
import { type ListsReport, measureLists } from './measure/measure-lists.js'
import {
  ensurePeersInstalled,
  measureBetterAuth,
  measureCasbin,
  type PeerResult,
} from './measure/measure-peers.js'
import { measureRevocation, type RevocationResult } from './measure/measure-revocation.js'
import { measureWritesPostgres, measureWritesSqlite } from './measure/measure-writes.js'
import { type ProfileSummary, summarizeProfile } from './measure/summarize-profile.js'
import type { WritesReport } from './measure/writes-job.js'
import type { BenchResults } from './report/bench-results.js'
import { buildTable } from './report/build-table.js'
import { renderResults } from './report/render-results.js'
import { writePerformanceDoc } from './report/write-performance-doc.js'
import { stopAllProcesses, stopProcessesOnExit } from './support/child-processes.js'
import { describeMachine, type MachineDescription } from './support/describe-machine.js'
import { DATA_DIR, PERFORMANCE_DOC, REPO_ROOT, RESULTS_DIR } from './support/paths.js'
import { startBareServer, startGatehouse } from './support/start-server.js'
import { dropLiveSchemas } from './world/prepare-database.js'
import type { SeedReport } from './world/seed-world.js'
import { type SeededWorld, seedWorlds } from './world/seed-worlds.js'

const began = performance.now()
const log = (line: string) =>
  process.stderr.write(
    `[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}\n`,
  )

const ALL_RUNS: readonly RunName[] = [
  'floor',
  'warm-largest',
  'warm-across',
  'cold-largest',
  'cold-across',
]

function commitOf(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT })
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: REPO_ROOT,
    })
    return `${head.toString().trim()}${dirty.length > 0 ? ' + local changes' : ''}`
  } catch {
    return 'unknown'
  }
}

/** A world's decisions measured in a fresh process; a world that answers wrongly stops the run. */
async function decisionsOn(name: string, databaseUrl: string, world: SeededWorld, o: BenchOptions) {
  log(`in-process decisions: ${name}`)
  const report = await measureInProcess({
    databaseUrl,
    samplePath: world.samplePath,
    durationMs: o.decisionMs,
    cache: o.cache,
    runs: ALL_RUNS,
  })
  if (report.expectations.failed.length > 0) {
    throw new Error(`the ${name} world answers wrongly: ${report.expectations.failed.join('; ')}`)
  }
  for (const [run, result] of Object.entries(report.runs)) {
    log(`  ${run}: ${Math.round(result.opsPerSec).toLocaleString('en-US')}/s`)
  }
  return report
}

async function httpOn(
  name: string,
  start: () => ReturnType<typeof startBareServer>,
  world: SeededWorld,
  o: BenchOptions,
): Promise<HttpMeasurement> {
  log(`HTTP: ${name}`)
  const keys = [...world.sample.warmLargest, ...world.sample.warmAcross]
  const m = await measureHttp(name, start, keys, {
    connections: o.connections,
    durationSec: o.httpSec,
  })
  log(
    `  ${Math.round(m.load.requestsPerSec).toLocaleString('en-US')} req/s, p50 ${m.load.p50Ms} ms, p99 ${m.load.p99Ms} ms, RSS ${Math.round(m.memory.rssMb)} MB`,
  )
  return m
}

function logWrites(report: WritesReport): void {
  for (const cell of report.cells) {
    const rate = (n: number) => Math.round(n).toLocaleString('en-US')
    log(
      `  ${cell.layout.writers} writer(s), ${cell.orgs} org(s): lock ${rate(cell.lock.writesPerSec)}/s, no lock ${rate(cell.noLock.writesPerSec)}/s`,
    )
  }
  if (report.errors.length > 0) {
    log(`  writes that threw: ${report.errors.join('; ')}`)
  }
}

async function run(o: BenchOptions): Promise<BenchResults> {
  const startedAt = new Date()
  const has = (phase: Phase) => o.phases.includes(phase)
  const skipped: string[] = []
  let postgresUrl = o.postgresUrl
  let machine: MachineDescription
  try {
    machine = await describeMachine(postgresUrl)
  } catch (err) {
    skipped.push(`PostgreSQL (unreachable: ${(err as Error).message})`)
    postgresUrl = undefined
    machine = await describeMachine(undefined)
  }
  if (o.postgresUrl === undefined) {
    skipped.push('PostgreSQL (--no-postgres)')
  }
  log(
    `${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverageAtStart}`,
  )

  const seeding: SeedReport[] = []
  const inProcess: BenchResults['inProcess'] = {}
  const http: BenchResults['http'] = {}
  let startup: BenchResults['startup'] = null
  let revocation: RevocationResult | null = null
  const peers: PeerResult[] = []
  let profile: ProfileSummary | null = null
  const writes: Partial<Record<'sqlite' | 'postgres', WritesReport>> = {}
  const worlds: BenchResults['worlds'] = {}
  let lists: ListsReport | null = null
  try {
    const needsLarge = has('in-process') || has('http') || has('profile') || has('revocation')
    const largePg =
      postgresUrl !== undefined && (has('in-process') || has('http') || has('revocation'))
    let large: SeededWorld | undefined
    if (needsLarge) {
      log(`seeding the ${o.large.name} world (${o.large.keys.toLocaleString('en-US')} keys) …`)
      large = await seedWorlds(o.large, {
        sqlite: has('in-process') || has('http') || has('profile'),
        postgresUrl: largePg ? postgresUrl : undefined,
      })
      seeding.push(large.report)
      worlds.large = large.summary
      for (const sink of large.report.sinks) {
        log(`  ${sink.sink}: ${Math.round(sink.rowsPerSec).toLocaleString('en-US')} rows/s`)
      }
    }
    let small: SeededWorld | undefined
    if (has('in-process') || has('http') || has('peers')) {
      log(`seeding the ${o.small.name} world …`)
      small = await seedWorlds(o.small, { sqlite: true, memory: true })
      seeding.push(small.report)
      worlds.small = small.summary
    }

    if (has('in-process')) {
      if (large?.sqliteUrl !== undefined) {
        inProcess.sqlite = await decisionsOn('SQLite, large', large.sqliteUrl, large, o)
      }
      if (large?.postgres !== undefined) {
        inProcess.postgres = await decisionsOn('PostgreSQL, large', large.postgres.url, large, o)
      }
      if (small?.sqliteUrl !== undefined) {
        inProcess.small = await decisionsOn('SQLite, small', small.sqliteUrl, small, o)
      }
    }

    if (has('http') && large !== undefined) {
      const sqliteUrl = large.sqliteUrl
      http.bare = await httpOn('bare node:http', startBareServer, large, o)
      if (sqliteUrl !== undefined) {
        http.sqlite = await httpOn(
          'Gatehouse, SQLite, large',
          () => startGatehouse(sqliteUrl),
          large,
          o,
        )
      }
      const pgUrl = large.postgres?.url
      if (pgUrl !== undefined) {
        http.postgres = await httpOn(
          'Gatehouse, PostgreSQL, large',
          () => startGatehouse(pgUrl),
          large,
          o,
        )
      }
      const smallUrl = small?.sqliteUrl
      if (small !== undefined && smallUrl !== undefined) {
        http.small = await httpOn(
          'Gatehouse, SQLite, small',
          () => startGatehouse(smallUrl),
          small,
          o,
        )
      }
      if (sqliteUrl !== undefined) {
        log(`cold start, ${o.startupTrials} times each`)
        startup = { gatehouseMs: [], bareMs: [] }
        for (let i = 0; i < o.startupTrials; i++) {
          for (const [list, start] of [
            [startup.gatehouseMs, () => startGatehouse(sqliteUrl)],
            [startup.bareMs, startBareServer],
          ] as const) {
            const server = await start()
            list.push(server.startMs)
            await server.stop()
          }
        }
      }
    }

    if (has('revocation')) {
      if (large?.postgres === undefined) {
        skipped.push('revocation across nodes (needs PostgreSQL)')
      } else {
        log(`revocation across three nodes: ${o.revocations} revocations`)
        revocation = await measureRevocation(
          large.postgres.url,
          large.sample.owner,
          large.sample.warmLargest.slice(0, o.revocations),
          { waitLimitMs: o.revocationWaitMs },
        )
        log(
          `  p50 ${revocation.delayMs.p50.toFixed(1)} ms, p99 ${revocation.delayMs.p99.toFixed(1)} ms`,
        )
      }
    }

    if (has('peers') && small?.rows !== undefined) {
      await ensurePeersInstalled(log)
      log(`peers: better-auth verifyApiKey at ${o.betterAuthKeys.toLocaleString('en-US')} keys`)
      peers.push(await measureBetterAuth(o.betterAuthKeys, o.peerMs))
      for (const policies of o.casbinPolicies) {
        log(`peers: casbin enforce at ${policies} policies`)
        peers.push(await measureCasbin({ policies }, o.peerMs))
      }
      log('peers: casbin enforce on the small world')
      const policyText = casbinPoliciesOf(small.rows, [
        ...small.sample.warmLargest,
        ...small.sample.warmAcross,
      ])
      peers.push(await measureCasbin({ policyText, label: 'the small world' }, o.peerMs))
    }

    if (has('profile') && large?.sqliteUrl !== undefined) {
      log('profile: the warm in-process loop under node --cpu-prof')
      const profileDir = join(DATA_DIR, 'profile')
      rmSync(profileDir, { recursive: true, force: true })
      await measureInProcess(
        {
          databaseUrl: large.sqliteUrl,
          samplePath: large.samplePath,
          durationMs: o.profileMs,
          cache: true,
          runs: ['warm-largest', 'warm-across'],
        },
        { profileDir },
      )
      profile = summarizeProfile(profileDir)
    }

    if (has('writes')) {
      const layouts = {
        layouts: o.writeLayouts,
        halfMs: o.writeHalfMs,
        warmupMs: o.writeWarmupMs,
      }
      log('writes: concurrent writers through the use cases, SQLite')
      writes.sqlite = await measureWritesSqlite(layouts)
      logWrites(writes.sqlite)
      if (postgresUrl === undefined) {
        skipped.push('writes on PostgreSQL')
      } else {
        log('writes: concurrent writers through the use cases, PostgreSQL')
        writes.postgres = await measureWritesPostgres(postgresUrl, layouts)
        logWrites(writes.postgres)
      }
    }
    if (has('lists')) {
      log(`lists: ${o.listRows.toLocaleString('en-US')} members and API keys in one org, SQLite`)
      lists = await measureLists(
        { rows: o.listRows, repeats: o.listRepeats, pageSize: o.listPageSize },
        log,
      )
    }
  } finally {
    await stopAllProcesses()
    await dropLiveSchemas().catch((err: unknown) => log(`dropping a schema failed: ${err}`))
  }

  const partial: Omit<BenchResults, 'table'> = {
    date: startedAt.toISOString().slice(0, 10),
    startedAt: startedAt.toISOString(),
    durationSec: (performance.now() - began) / 1000,
    mode: o.mode,
    phases: o.phases,
    commit: commitOf(),
    machine: { ...machine, loadAverageAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
    worlds,
    seeding,
    inProcess: inProcess as Record<string, DecisionsReport>,
    http,
    startup,
    revocation,
    peers,
    profile,
    writes,
    lists,
    skipped,
  }
  return { ...partial, table: buildTable(partial) }
}

async function main(): Promise<void> {
  let options: BenchOptions | undefined
  try {
    options = parseBenchOptions(process.argv.slice(2), process.env)
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`)
    process.exitCode = 2
    return
  }
  if (options === undefined) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  let results: BenchResults
  let file: string
  if (options.render === undefined) {
    stopProcessesOnExit(dropLiveSchemas)
    mkdirSync(DATA_DIR, { recursive: true })
    mkdirSync(RESULTS_DIR, { recursive: true })
    results = await run(options)
    const suffix = results.mode === 'full' ? '' : `-${results.mode}`
    file = join(RESULTS_DIR, `${results.date}${suffix}.json`)
  } else {
    file = options.render
    const measured = JSON.parse(readFileSync(file, 'utf8')) as BenchResults
    results = { ...measured, table: buildTable(measured) }
  }
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
  const block = renderResults(results, relative(REPO_ROOT, file))
  if (results.mode === 'full') {
    writePerformanceDoc(PERFORMANCE_DOC, block)
  }
  process.stdout.write(`${block}\n\nresults: ${file}\n`)
}

try {
  await main()
} catch (err) {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`)
  await stopAllProcesses()
  process.exitCode = 1
}
