import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../support/paths.js'

interface CpuProfileNode {
  readonly id: number
  readonly callFrame: { functionName: string; url: string; lineNumber: number }
  readonly children?: readonly number[]
}

interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[]
  readonly samples: readonly number[]
  readonly startTime: number
  readonly endTime: number
}

export interface ProfileFrame {
  readonly frame: string
  readonly selfMs: number
  readonly selfShare: number
}

export interface ProfileSummary {
  readonly totalMs: number
  /** Functions by self time, highest first. */
  readonly topFrames: readonly ProfileFrame[]
  /** Self time by where the code lives: a Gatehouse package, a dependency, Node, GC. */
  readonly byArea: readonly ProfileFrame[]
}

function areaOf(url: string, functionName: string): string {
  if (url === '') {
    return functionName.startsWith('(') ? functionName : '(native)'
  }
  if (url.startsWith('node:')) {
    return 'node internals'
  }
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (dependency !== null) {
    return dependency[1] as string
  }
  const workspace = /\/(packages\/[^/]+|bench)\//.exec(url)
  return workspace === null ? url : `@gatehouse/${workspace[1]?.replace('packages/', '')}`
}

function locationOf(url: string, line: number): string {
  const path = url.replace('file://', '').replace(REPO_ROOT, '')
  return path === '' ? '' : ` ${path}:${line + 1}`
}

/** Self time per function and per area of the newest .cpuprofile in `dir`. */
export function summarizeProfile(dir: string, top = 15): ProfileSummary {
  const file = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort()
    .pop()
  if (file === undefined) {
    throw new Error(`no .cpuprofile in ${dir}`)
  }
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile
  const sampleMs =
    (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length)
  const hits = new Map<number, number>()
  for (const id of profile.samples) {
    hits.set(id, (hits.get(id) ?? 0) + 1)
  }
  const frames = new Map<string, number>()
  const areas = new Map<string, number>()
  for (const node of profile.nodes) {
    const count = hits.get(node.id) ?? 0
    if (count === 0) {
      continue
    }
    const { functionName, url, lineNumber } = node.callFrame
    const frame = `${functionName || '(anonymous)'}${locationOf(url, lineNumber)}`
    frames.set(frame, (frames.get(frame) ?? 0) + count * sampleMs)
    const area = areaOf(url, functionName)
    areas.set(area, (areas.get(area) ?? 0) + count * sampleMs)
  }
  const totalMs = profile.samples.length * sampleMs
  const ranked = (map: Map<string, number>, limit: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([frame, selfMs]) => ({ frame, selfMs, selfShare: selfMs / totalMs }))
  return { totalMs, topFrames: ranked(frames, top), byArea: ranked(areas, 12) }
}
