import { readFileSync } from 'node:fs'

export interface ProcessMemory {
  /** Resident set size now (VmRSS), MB. */
  readonly rssMb: number
  /** The highest resident set size so far (VmHWM), MB. */
  readonly peakRssMb: number
}

/** A process's resident memory, from /proc/PID/status (Linux). */
export function readProcessMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
    if (match === null) {
      throw new Error(`no ${field} in /proc/${pid}/status`)
    }
    return Number(match[1]) / 1024
  }
  return { rssMb: kb('VmRSS'), peakRssMb: kb('VmHWM') }
}
