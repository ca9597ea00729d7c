export interface LoopResult {
  readonly ops: number
  readonly elapsedMs: number
  readonly opsPerSec: number
  /** Decisions that answered "allowed" (of the ops). */
  readonly allowed: number
  /** Keys that did not authenticate, or decisions that threw. */
  readonly failures: number
}

// Reading the clock every op would be a visible share of the floor's few hundred nanoseconds.
const CLOCK_EVERY = 16

export interface Outcome {
  ok: boolean
  allowed: boolean
}

/**
 * Runs `step(i)` one at a time, i = 0, 1, 2, …, until `durationMs` has passed or `maxOps` ops
 * were done, whichever comes first: every loop of the benchmark is bounded.
 */
export async function runTimedLoop(
  durationMs: number,
  maxOps: number,
  step: (i: number) => Promise<Outcome> | Outcome,
): Promise<LoopResult> {
  let ops = 0
  let allowed = 0
  let failures = 0
  const started = performance.now()
  const deadline = started + durationMs
  let now = started
  while (ops < maxOps && now < deadline) {
    // A step that answered synchronously is not awaited: an in-process decision from memory
    // costs no microtask, and the floor's loop has none either.
    const stepped = step(ops)
    const outcome = stepped instanceof Promise ? await stepped : stepped
    if (!outcome.ok) {
      failures++
    } else if (outcome.allowed) {
      allowed++
    }
    ops++
    if (ops % CLOCK_EVERY === 0) {
      now = performance.now()
    }
  }
  const elapsedMs = performance.now() - started
  return { ops, elapsedMs, opsPerSec: (ops / elapsedMs) * 1000, allowed, failures }
}

/** The same loop for synchronous work (the floor), without an await per op. */
export function runTimedLoopSync(durationMs: number, step: (i: number) => boolean): LoopResult {
  let ops = 0
  let allowed = 0
  const started = performance.now()
  const deadline = started + durationMs
  let now = started
  while (now < deadline) {
    if (step(ops)) {
      allowed++
    }
    ops++
    if (ops % CLOCK_EVERY === 0) {
      now = performance.now()
    }
  }
  const elapsedMs = performance.now() - started
  return { ops, elapsedMs, opsPerSec: (ops / elapsedMs) * 1000, allowed, failures: 0 }
}
