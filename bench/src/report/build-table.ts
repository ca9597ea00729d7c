import type { DecisionsReport, RunName } from '../measure/decisions-job.js'
import type { HttpMeasurement } from '../measure/measure-http.js'
import type { ListsReport } from '../measure/measure-lists.js'
import { median } from '../measure/percentiles.js'
import type { WritesReport, WritesRun } from '../measure/writes-job.js'
import type { BenchResults, TableRow } from './bench-results.js'

const int = (n: number) => Math.round(n).toLocaleString('en-US')
const rate = (n: number) => `${int(n)}/s`
const ms = (n: number) => (n < 10 ? n.toFixed(1) : int(n))
// autocannon reports latencies in whole milliseconds: 0 means under one.
const wholeMs = (n: number) => (n === 0 ? '< 1' : int(n))
const times = (n: number) => `${n >= 0.1 ? n.toFixed(2) : n.toPrecision(2)}×`
const compact = (n: number) =>
  n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1_000 ? `${n / 1_000}k` : String(n)

const RUN_LABELS: Record<Exclude<RunName, 'floor'>, string> = {
  'warm-largest': 'warm, largest org',
  'warm-across': 'warm, across orgs',
  'cold-largest': 'cold (key not cached), largest org',
  'cold-across': 'cold (key not cached), across orgs',
}

const WARM_TARGET = 0.75
const HTTP_TARGET = 0.8
const SCALING_TARGET = 1.3
const REVOCATION_P99_MS = 100
const RSS_TARGET_MB = 250

function decisionRows(
  rows: TableRow[],
  report: DecisionsReport | undefined,
  where: string,
  fallbackFloor: number | undefined,
): void {
  const floor = report?.runs.floor?.opsPerSec ?? fallbackFloor
  if (report === undefined || floor === undefined) {
    return
  }
  for (const [name, label] of Object.entries(RUN_LABELS) as [Exclude<RunName, 'floor'>, string][]) {
    const run = report.runs[name]
    if (run === undefined) {
      continue
    }
    const warm = name.startsWith('warm')
    const ratio = run.opsPerSec / floor
    const failures = run.failures > 0 ? ` (${int(run.failures)} failed)` : ''
    rows.push({
      section: 'In-process decisions, one at a time (from memory when cached, else the database)',
      measurement: `${label}, ${where}${report.cache === null ? ', without the decision cache' : ''}`,
      result: `${rate(run.opsPerSec)}${failures}`,
      baseline: `floor ${rate(floor)}`,
      ratio: times(ratio),
      target: warm ? `≥ ${WARM_TARGET}× floor` : '',
      ...(warm ? { met: ratio >= WARM_TARGET && run.failures === 0 } : {}),
    })
  }
}

function httpResult(m: HttpMeasurement): string {
  const bad = m.load.non2xx + m.load.errors
  const flaw = bad > 0 ? ` · ${int(bad)} non-2xx/errors` : ''
  return `${rate(m.load.requestsPerSec)} · p50 ${wholeMs(m.load.p50Ms)} ms · p99 ${wholeMs(m.load.p99Ms)} ms${flaw}`
}

function writesResult(run: WritesRun): string {
  const failed = run.failures > 0 ? ` · ${int(run.failures)} failed` : ''
  return `${rate(run.writesPerSec)} · p50 ${ms(run.latencyMs.p50)} ms · p99 ${ms(run.latencyMs.p99)} ms${failed}`
}

const WRITES_NOTE: Record<WritesReport['dialect'], string> = {
  sqlite:
    'SQLite (lockOrg is a no-op there, BEGIN IMMEDIATE serialises every writer: both columns run the same code, the ratio is the noise)',
  postgres:
    'PostgreSQL (lock: SELECT … FOR NO KEY UPDATE on the org row when a write enters its org)',
}

function writesRows(rows: TableRow[], report: WritesReport | undefined): void {
  if (report === undefined) {
    return
  }
  const w = report.orgWorld
  const section =
    `Writes through core's use cases, in process, the server's store: lock vs. no lock (the racy behaviour before issue 9), ${WRITES_NOTE[report.dialect]}; ` +
    `a ${report.cycle.length}-step Settings cycle, each org ${int(w.members)} members, ${int(w.groups)} groups, ${int(w.acls)} ACLs`
  for (const cell of report.cells) {
    const where =
      cell.layout.kind === 'one-org' ? 'all in one org' : `over ${int(cell.orgs)} orgs, one each`
    rows.push({
      section,
      measurement: `${cell.layout.writers} concurrent writer${cell.layout.writers === 1 ? '' : 's'}, ${where}`,
      result: writesResult(cell.lock),
      baseline: `no lock: ${writesResult(cell.noLock)}`,
      ratio: `${times(cell.lock.writesPerSec / cell.noLock.writesPerSec)} (p99 ${times(cell.lock.latencyMs.p99 / cell.noLock.latencyMs.p99)})`,
      target: '',
    })
  }
}

function listsRows(rows: TableRow[], report: ListsReport | null | undefined): void {
  if (report === undefined || report === null) {
    return
  }
  const section =
    `Lists, one org of ${int(report.rows)} members and ${int(report.rows)} API keys, SQLite, ` +
    `through core's use cases in process; pages of ${report.pageSize}, ${report.repeats} calls each`
  for (const c of report.cases) {
    const base = report.cases.find((b) => b.list === c.list && b.name === c.baseline)
    rows.push({
      section,
      measurement: `${c.list}: ${c.name}`,
      result: `p50 ${ms(c.ms.p50)} ms · p99 ${ms(c.ms.p99)} ms · ${int(c.returned)} rows`,
      baseline: base === undefined || base === c ? '' : `${c.baseline}: p50 ${ms(base.ms.p50)} ms`,
      ratio: base === undefined || base === c ? '' : times(c.ms.p50 / base.ms.p50),
      target: '',
    })
  }
}

/** The one table of docs/performance.md: every figure beside the baseline of the same run. */
export function buildTable(r: Omit<BenchResults, 'table'>): TableRow[] {
  const rows: TableRow[] = []
  const large = r.worlds.large?.spec
  const small = r.worlds.small?.spec
  const largeName = large === undefined ? 'large world' : `${compact(large.keys)} keys`
  const smallName = small === undefined ? 'small world' : `${compact(small.keys)} keys`

  for (const seed of r.seeding) {
    for (const sink of seed.sinks) {
      rows.push({
        section: 'Seeding (rows written per second)',
        measurement: `${seed.world} world into ${sink.sink === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (${int(sink.rows)} rows)`,
        result: `${rate(sink.rowsPerSec)} (${sink.ms < 1000 ? `${int(sink.ms)} ms` : `${(sink.ms / 1000).toFixed(1)} s`})`,
        baseline: `generating them ${rate((seed.rows / seed.generationMs) * 1000)}`,
        ratio: '',
        target: '',
      })
    }
  }

  const floor = r.inProcess.sqlite?.runs.floor ?? r.inProcess.small?.runs.floor
  if (floor !== undefined) {
    rows.push({
      section: 'In-process decisions, one at a time (from memory when cached, else the database)',
      measurement: 'floor: SHA-256 of the key + Map lookup',
      result: rate(floor.opsPerSec),
      baseline: '',
      ratio: '',
      target: '',
    })
  }
  decisionRows(rows, r.inProcess.sqlite, `SQLite, ${largeName}`, floor?.opsPerSec)
  decisionRows(rows, r.inProcess.postgres, `PostgreSQL, ${largeName}`, floor?.opsPerSec)
  decisionRows(rows, r.inProcess.small, `SQLite, ${smallName}`, floor?.opsPerSec)

  const bare = r.http.bare
  const httpSection = 'HTTP: POST /v1/authorize, one check, 32 connections (autocannon)'
  if (bare !== undefined) {
    rows.push({
      section: httpSection,
      measurement: 'bare node:http server, fixed JSON body',
      result: httpResult(bare),
      baseline: '',
      ratio: '',
      target: '',
    })
  }
  for (const [key, label] of [
    ['sqlite', `Gatehouse, SQLite, ${largeName}`],
    ['postgres', `Gatehouse, PostgreSQL, ${largeName}`],
    ['small', `Gatehouse, SQLite, ${smallName}`],
  ] as const) {
    const m = r.http[key]
    if (m === undefined || bare === undefined) {
      continue
    }
    const ratio = m.load.requestsPerSec / bare.load.requestsPerSec
    rows.push({
      section: httpSection,
      measurement: label,
      result: httpResult(m),
      baseline: `bare ${rate(bare.load.requestsPerSec)}`,
      ratio: times(ratio),
      target: `≥ ${HTTP_TARGET}× bare`,
      met: ratio >= HTTP_TARGET && m.load.non2xx + m.load.errors === 0,
    })
  }

  for (const [key, label] of [
    ['sqlite', `Gatehouse, SQLite, ${largeName}`],
    ['postgres', `Gatehouse, PostgreSQL, ${largeName}`],
  ] as const) {
    const m = r.http[key]
    if (m === undefined || bare === undefined) {
      continue
    }
    rows.push({
      section: httpSection,
      measurement: `${label}: warm-up, each sampled key's first request (4 connections)`,
      result: httpResult({ ...m, load: m.warmup }),
      baseline: `bare ${rate(bare.warmup.requestsPerSec)}`,
      ratio: times(m.warmup.requestsPerSec / bare.warmup.requestsPerSec),
      target: '',
    })
  }

  const scaling = `Scaling: ${smallName} / ${small?.acls ?? 100} ACLs → ${largeName} / ${compact(large?.acls ?? 0)} ACLs (cost per decision)`
  const warmSmall = r.inProcess.small?.runs['warm-across']
  const warmLarge = r.inProcess.sqlite?.runs['warm-across']
  if (warmSmall !== undefined && warmLarge !== undefined) {
    const growth = warmSmall.opsPerSec / warmLarge.opsPerSec
    rows.push({
      section: scaling,
      measurement: 'in-process, warm, across orgs (SQLite)',
      result: `${rate(warmLarge.opsPerSec)} at ${largeName}`,
      baseline: `${rate(warmSmall.opsPerSec)} at ${smallName}`,
      ratio: times(growth),
      target: `≤ ${SCALING_TARGET}×`,
      met: growth <= SCALING_TARGET,
    })
  }
  if (r.http.small !== undefined && r.http.sqlite !== undefined) {
    const growth = r.http.small.load.requestsPerSec / r.http.sqlite.load.requestsPerSec
    rows.push({
      section: scaling,
      measurement: 'HTTP /v1/authorize (SQLite)',
      result: `${rate(r.http.sqlite.load.requestsPerSec)} at ${largeName}`,
      baseline: `${rate(r.http.small.load.requestsPerSec)} at ${smallName}`,
      ratio: times(growth),
      target: `≤ ${SCALING_TARGET}×`,
      met: growth <= SCALING_TARGET,
    })
  }

  const rev = r.revocation
  if (rev !== null) {
    const section = 'Revocation across three nodes (PostgreSQL, LISTEN/NOTIFY)'
    const flaws = rev.timeouts > 0 ? ` · ${rev.timeouts} never refused` : ''
    rows.push({
      section,
      measurement: `revoked on node 1 → refused by nodes 2 and 3 (${rev.revocations} revocations × 2 nodes)`,
      result: `p50 ${ms(rev.delayMs.p50)} ms · p99 ${ms(rev.delayMs.p99)} ms · max ${ms(rev.delayMs.max)} ms${flaws}`,
      baseline: `one poll every ${ms(rev.pollIntervalMs)} ms`,
      ratio: '',
      target: `p99 ≤ ${REVOCATION_P99_MS} ms`,
      met: rev.delayMs.p99 <= REVOCATION_P99_MS && rev.timeouts === 0,
    })
    rows.push({
      section,
      measurement: 'the revoking node itself accepts the key on the next request',
      result: `${rev.staleOnRevokingNode} of ${rev.revocations}`,
      baseline: `DELETE p50 ${ms(rev.deleteMs.p50)} ms`,
      ratio: '',
      target: '0',
      met: rev.staleOnRevokingNode === 0,
    })
  }

  const memory = 'Memory and start-up'
  for (const [key, label] of [
    ['sqlite', `resident memory after serving ${largeName} warm (SQLite)`],
    ['postgres', `resident memory after serving ${largeName} warm (PostgreSQL)`],
  ] as const) {
    const m = r.http[key]
    if (m === undefined || bare === undefined) {
      continue
    }
    rows.push({
      section: memory,
      measurement: label,
      result: `${int(m.memory.rssMb)} MB (peak ${int(m.memory.peakRssMb)} MB)`,
      baseline: `bare node ${int(bare.memory.rssMb)} MB`,
      ratio: times(m.memory.rssMb / bare.memory.rssMb),
      target: `≤ ${RSS_TARGET_MB} MB`,
      met: m.memory.peakRssMb <= RSS_TARGET_MB,
    })
  }
  if (r.startup !== null && r.startup.gatehouseMs.length > 0) {
    const gatehouse = median(r.startup.gatehouseMs)
    const bareStart = median(r.startup.bareMs)
    rows.push({
      section: memory,
      measurement: `cold start: spawn → first 200 from /readyz (SQLite, ${largeName}; median of ${r.startup.gatehouseMs.length})`,
      result: `${int(gatehouse)} ms`,
      baseline: `bare node ${int(bareStart)} ms`,
      ratio: times(gatehouse / bareStart),
      target: '',
    })
  }

  const gatehouseLarge = r.inProcess.sqlite?.runs['warm-across']
  const gatehouseSmall = r.inProcess.small?.runs['warm-across']
  for (const peer of r.peers) {
    const ours = peer.peer === 'better-auth' ? gatehouseLarge : gatehouseSmall
    const oursLabel = peer.peer === 'better-auth' ? largeName : smallName
    rows.push({
      section: 'Peers, same loop shape (one at a time, one core)',
      measurement: `${peer.peer} ${peer.operation}, ${peer.sizeLabel}`,
      result: rate(peer.opsPerSec),
      baseline: ours === undefined ? '' : `Gatehouse warm ${rate(ours.opsPerSec)} (${oursLabel})`,
      ratio: ours === undefined ? '' : times(peer.opsPerSec / ours.opsPerSec),
      target: '',
    })
  }

  writesRows(rows, r.writes?.sqlite)
  writesRows(rows, r.writes?.postgres)
  listsRows(rows, r.lists)
  return rows
}
