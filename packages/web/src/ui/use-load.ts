import { useCallback, useEffect, useRef, useState } from 'react'

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
  const generation = useRef(0)

  const reload = useCallback(async () => {
    generation.current += 1
    const mine = generation.current
    setLoading(true)
    try {
      const value = await load()
      if (mine === generation.current) {
        setDataState(() => value)
        setError(undefined)
      }
    } catch (err) {
      if (mine === generation.current) {
        setError(err instanceof Error ? err : new Error(String(err)))
      }
    } finally {
      if (mine === generation.current) {
        setLoading(false)
      }
    }
  }, [load])

  useEffect(() => {
    void reload()
    return () => {
      // Answers that arrive after unmounting, or after `load` changed, are dropped.
      generation.current += 1
    }
  }, [reload])

  const setData = useCallback((update: T | ((current: T | undefined) => T)) => {
    setDataState((current) =>
      typeof update === 'function' ? (update as (c: T | undefined) => T)(current) : update,
    )
  }, [])

  return { data, error, loading, reload, setData }
}
