import { useCallback, useRef } from 'react'

export interface LatestCallReport<T> {
  readonly value: (value: T) => void
  readonly error: (error: Error) => void
  /** After value or error, for the newest call only. */
  readonly settled: () => void
}

/**
 * Calls where only the newest may report: when a later call (or `drop`) came first, an older
 * call's answer is dropped, so a slow earlier answer never overwrites a newer one.
 */
export function useLatestCall() {
  const generation = useRef(0)
  const run = useCallback(async <T>(call: () => Promise<T>, report: LatestCallReport<T>) => {
    generation.current += 1
    const mine = generation.current
    try {
      const value = await call()
      if (mine === generation.current) {
        report.value(value)
      }
    } catch (err) {
      if (mine === generation.current) {
        report.error(err instanceof Error ? err : new Error(String(err)))
      }
    } finally {
      if (mine === generation.current) {
        report.settled()
      }
    }
  }, [])
  /** Makes every call still running stale (e.g. on unmount). */
  const drop = useCallback(() => {
    generation.current += 1
  }, [])
  return { run, drop }
}
