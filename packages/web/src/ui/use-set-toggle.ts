import { useCallback, useState } from 'react'

export interface SetToggle<T> {
  readonly chosen: ReadonlySet<T>
  /** Puts `value` in the set (on) or takes it out (off). */
  readonly toggle: (value: T, on: boolean) => void
  /** Back to the set it started with. */
  readonly reset: () => void
}

/**
 * The picks of a list of checkboxes that is sent as a whole (on submit or save): `const groups =
 * useSetToggle(memberOf)`, then `checked={groups.chosen.has(id)}` and
 * `onChange={(e) => groups.toggle(id, e.target.checked)}`. Each change makes a new set, so React
 * sees it. `initial` is read on the first render only, like useState's.
 */
export function useSetToggle<T>(initial: Iterable<T> = []): SetToggle<T> {
  const [start] = useState<ReadonlySet<T>>(() => new Set(initial))
  const [chosen, setChosen] = useState(start)
  const toggle = useCallback((value: T, on: boolean) => {
    setChosen((current) => {
      const next = new Set(current)
      if (on) {
        next.add(value)
      } else {
        next.delete(value)
      }
      return next
    })
  }, [])
  const reset = useCallback(() => setChosen(start), [start])
  return { chosen, toggle, reset }
}
