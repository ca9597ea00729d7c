import type { BenchResults, TableRow } from './bench-results.js'

const cell = (text: string) => text.replaceAll('|', '\\|')

function verdict(row: TableRow): string {
  return row.met === undefined ? '' : row.met ? '✅ met' : '❌ missed'
}

/** The table, one bold line per section. */
export function renderTable(rows: readonly TableRow[]): string {
  const lines = [
    '| Measurement | Result | Baseline (same run) | Ratio | Target | |',
    '| --- | --- | --- | --- | --- | --- |',
  ]
  let section: string | undefined
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section
      lines.push(`| **${cell(section)}** | | | | | |`)
    }
    lines.push(
      `| ${[row.measurement, row.result, row.baseline, row.ratio, row.target, verdict(row)].map(cell).join(' | ')} |`,
    )
  }
  return lines.join('\n')
}

/** The generated part of docs/performance.md: the machine, the table, the profile's top frames. */
export function renderResults(r: BenchResults, resultsFile: string): string {
  const m = r.machine
  const lines = [
    `Measured on ${r.date} (${r.mode} run, commit ${r.commit}, ${Math.round(r.durationSec / 60)} min): ` +
      `${m.cpuModel}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.os}, Node ${m.node}` +
      `${m.postgres === null ? '' : `, PostgreSQL ${m.postgres}`}. ` +
      `Load average ${m.loadAverageAtStart} at the start, ${m.loadAverageAtEnd} at the end. ` +
      `All figures: \`${resultsFile}\`.`,
    '',
    renderTable(r.table),
  ]
  if (r.skipped.length > 0) {
    lines.push('', `Not measured in this run: ${r.skipped.join('; ')}.`)
  }
  if (r.profile !== null) {
    lines.push(
      '',
      `Profile of the warm in-process loop (\`node --cpu-prof\`, ${(r.profile.totalMs / 1000).toFixed(1)} s), self time by area and top functions:`,
      '',
      '| Area | Self time | | Function | Self time |',
      '| --- | --- | --- | --- | --- |',
    )
    const rowsCount = Math.max(r.profile.byArea.length, 10)
    for (let i = 0; i < rowsCount; i++) {
      const area = r.profile.byArea[i]
      const frame = r.profile.topFrames[i]
      const share = (x: { selfShare: number } | undefined) =>
        x === undefined ? '' : `${(x.selfShare * 100).toFixed(1)}%`
      lines.push(
        `| ${cell(area?.frame ?? '')} | ${share(area)} | | ${cell(frame === undefined ? '' : `\`${frame.frame}\``)} | ${share(frame)} |`,
      )
    }
  }
  return lines.join('\n')
}
