import { useCallback, useEffect, useState } from 'react'
import { useLatestCall } from './use-latest-call.js'

export interface LoadState<T> {
  /** The last data loaded (kept while reloading, so lists do not flash). */
  readonly data: T | undefined
  readonly error: Error | undefined
  /** True until the first load finishes, and while reloading. */
  readonly loading: boolean
  /** Loads again (after a change); resolves when done. */
  readonly reload: () => Promise<void>
  /** Replaces the data in place (e.g. after a create, without asking the API again). */
  readonly setData: (update: T | ((current: T | undefined) => T)) => void
}

/**
 * Loads data when the component mounts and whenever `load` changes: wrap it in useCallback
 * with what it depends on, e.g.
 * `useLoad(useCallback(() => client.groups.list({ org_name: org.name }), [client, org.name]))`.
 * A slower earlier answer never overwrites a newer one.
 */
export function useLoad<T>(load: () => Promise<T>): LoadState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined)
  const [error, setError] = useState<Error | undefined>(undefined)
  const [loading, setLoading] = useState(true)
  const { run, drop } = useLatestCall()

  const reload = useCallback(async () => {
    setLoading(true)
    await run(load, {
      value: (value) => {
        setDataState(() => value)
        setError(undefined)
      },
      error: setError,
      settled: () => setLoading(false),
    })
  }, [load, run])

  useEffect(() => {
    void reload()
    // Answers that arrive after unmounting, or after `load` changed, are dropped.
    return drop
  }, [reload, drop])

  const setData = useCallback((update: T | ((current: T | undefined) => T)) => {
    setDataState((current) =>
      typeof update === 'function' ? (update as (c: T | undefined) => T)(current) : update,
    )
  }, [])

  return { data, error, loading, reload, setData }
}
