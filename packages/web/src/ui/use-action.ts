import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../format.js'
import { useNotices } from './notices.js'

export interface UseActionOptions<R> {
  /** A success notice: text, or made from the result (undefined: none). */
  readonly success?: string | ((result: R) => string | undefined)
  /**
   * true (the default): a failure also goes to the notice area. false: only `error` carries it,
   * for a form or dialog that shows it in place.
   */
  readonly errorNotice?: boolean
  readonly onSuccess?: (result: R) => void
}

export interface ActionState<A extends unknown[], R> {
  /** Runs the action; resolves with its result, or undefined when it failed (never rejects). */
  readonly run: (...args: A) => Promise<R | undefined>
  readonly pending: boolean
  /** The last failure (a GatehouseApiError: `message` is the API's own), until the next run. */
  readonly error: Error | undefined
  readonly result: R | undefined
  /** Forgets the last error and result (e.g. when a dialog reopens). */
  readonly reset: () => void
}

/**
 * Runs an async call with pending, error and success state, and reports the outcome in the
 * notice area: `const save = useAction((name: string) => client.projects.create({ name }),
 * { success: 'Project created' })`, then `<Button pending={save.pending}>`.
 */
export function useAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  options: UseActionOptions<R> = {},
): ActionState<A, R> {
  const notices = useNotices()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<Error | undefined>(undefined)
  const [result, setResult] = useState<R | undefined>(undefined)
  const latest = useRef({ action, options })
  latest.current = { action, options }
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      const { action: current, options: opts } = latest.current
      setPending(true)
      setError(undefined)
      try {
        const value = await current(...args)
        if (mounted.current) {
          setResult(value)
        }
        const text = typeof opts.success === 'function' ? opts.success(value) : opts.success
        if (text !== undefined) {
          notices.success(text)
        }
        opts.onSuccess?.(value)
        return value
      } catch (err) {
        const failure = err instanceof Error ? err : new Error(errorMessage(err))
        if (mounted.current) {
          setError(failure)
        }
        if (opts.errorNotice !== false) {
          notices.error(failure)
        }
        return undefined
      } finally {
        if (mounted.current) {
          setPending(false)
        }
      }
    },
    [notices],
  )

  const reset = useCallback(() => {
    setError(undefined)
    setResult(undefined)
  }, [])

  return { run, pending, error, result, reset }
}
