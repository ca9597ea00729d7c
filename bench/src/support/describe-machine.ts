import { cpus, loadavg, release, totalmem } from 'node:os'
import pg from 'pg'

export interface MachineDescription {
  readonly cpuModel: string
  readonly cores: number
  readonly ramGb: number
  readonly os: string
  readonly node: string
  readonly postgres: string | null
  /** 1-minute load average when the run started: above the core count, figures are unreliable. */
  readonly loadAverageAtStart: number
}

/** The machine the figures were measured on, for the results file and the doc. */
export async function describeMachine(
  postgresUrl: string | undefined,
): Promise<MachineDescription> {
  let postgres: string | null = null
  if (postgresUrl !== undefined) {
    const client = new pg.Client({ connectionString: postgresUrl })
    await client.connect()
    try {
      const result = await client.query<{ server_version: string }>('show server_version')
      postgres = result.rows[0]?.server_version ?? null
    } finally {
      await client.end()
    }
  }
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    ramGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `Linux ${release()}`,
    node: process.version,
    postgres,
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  }
}
