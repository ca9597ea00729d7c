import { parseArgs } from 'node:util'
import { type AuditChainReport, type ChainBreak, verifyAuditChain } from '@gatehouse/core'
import { DB_HELP, DB_OPTION, parseCommandLine } from '../args.js'
import { withDatabase } from '../database.js'
import { EXIT } from '../errors.js'
import { type CliIo, writeJson, writeLine } from '../io.js'
import type { Command } from './command.js'

const HELP = `Usage: gatehouse audit verify [--org NAME] [--db URL] [--json]

Recomputes the hash chain of every organization's audit log (or only NAME's) and names the
first event that was altered, removed or reordered: its organization, sequence number, id and
the reason. Exits with code 6 when a chain is broken.

Options:
  --org NAME        Verify only this organization
${DB_HELP}
  --json            Print {"ok", "orgs": [{"org_id", "org_name", "events", "ok", "break"}]}
  -h, --help        Show this help`

const REASONS: Record<ChainBreak['reason'], string> = {
  hash_mismatch: 'its content no longer matches its hash (the event was altered)',
  prev_hash_mismatch:
    'it does not follow the event before it (an event was removed, replaced or reordered)',
  seq_gap: 'the sequence skips a number (an event is missing)',
  head_mismatch: 'the chain ends before its recorded head (the newest events were removed)',
}

function describe(report: AuditChainReport): string {
  const events = `${report.events} ${report.events === 1 ? 'event' : 'events'}`
  if (report.break === undefined) {
    return `ok      ${report.orgName}: ${events}, chain intact`
  }
  const b = report.break
  const which =
    b.eventId === null ? `head seq ${b.seq}` : `first broken event seq ${b.seq} (id ${b.eventId})`
  return `BROKEN  ${report.orgName}: ${which}: ${b.reason}: ${REASONS[b.reason]}`
}

function toJson(report: AuditChainReport): Record<string, unknown> {
  return {
    org_id: report.orgId,
    org_name: report.orgName,
    events: report.events,
    ok: report.ok,
    break:
      report.break === undefined
        ? null
        : { seq: report.break.seq, event_id: report.break.eventId, reason: report.break.reason },
  }
}

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: "Verify the hash chain of each organization's audit log",
  help: HELP,
  async run(io: CliIo, args: readonly string[]): Promise<number> {
    const { values } = parseCommandLine('gatehouse audit verify --help', () =>
      parseArgs({
        args: [...args],
        options: { org: { type: 'string' }, json: { type: 'boolean' }, ...DB_OPTION },
        strict: true,
      }),
    )
    const reports = await withDatabase(io, values.db, (db) =>
      verifyAuditChain(db.deps, { orgName: values.org }),
    )
    const broken = reports.filter((r) => !r.ok)
    const code = broken.length > 0 ? EXIT.auditChainBroken : EXIT.ok
    if (values.json === true) {
      writeJson(io.stdout, { ok: broken.length === 0, orgs: reports.map(toJson) })
      return code
    }
    if (reports.length === 0) {
      writeLine(io.stdout, 'No organization yet: there is no audit log to verify.')
      return code
    }
    for (const report of reports) {
      writeLine(io.stdout, describe(report))
    }
    if (broken.length > 0) {
      writeLine(
        io.stderr,
        `${broken.length} of ${reports.length} audit ${reports.length === 1 ? 'chain is' : 'chains are'} broken.`,
      )
    }
    return code
  },
}
