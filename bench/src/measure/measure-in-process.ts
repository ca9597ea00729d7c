import { runToEnd } from '../support/child-processes.js'
import { benchScript, REPO_ROOT } from '../support/paths.js'
import type { DecisionsJob, DecisionsReport } from './decisions-job.js'

/**
 * Runs the decisions worker in a fresh process and returns its report; with `profileDir`, under
 * `node --cpu-prof` (the profile is written there when the worker exits).
 */
export async function measureInProcess(
  job: DecisionsJob,
  options: { profileDir?: string } = {},
): Promise<DecisionsReport> {
  const flags =
    options.profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`]
  // Bounded: every run is bounded by its duration, plus warm-up passes and loading the sample.
  const timeoutMs = job.runs.length * (job.durationMs * 4 + 60_000) + 60_000
  const stdout = await runToEnd(
    process.execPath,
    [...flags, benchScript('measure/decisions-worker.js'), JSON.stringify(job)],
    { cwd: REPO_ROOT, timeoutMs },
  )
  const last = stdout.trim().split('\n').pop() ?? ''
  return JSON.parse(last) as DecisionsReport
}
