import type { ReactNode } from 'react'
import { Button } from './button.js'
import { ErrorMessage } from './error-message.js'
import { Spinner } from './spinner.js'
import type { LoadState } from './use-load.js'

/**
 * Renders `children(data)` once `state` (from useLoad) has data; a spinner before that, and the
 * API's error with a Retry button when loading failed.
 */
export function Loaded<T>({
  state,
  label = 'Loading…',
  children,
}: {
  state: LoadState<T>
  label?: string
  children: (data: T) => ReactNode
}) {
  if (state.data !== undefined) {
    return <>{children(state.data)}</>
  }
  if (state.error !== undefined && !state.loading) {
    return (
      <ErrorMessage error={state.error}>
        <Button size="small" onClick={() => state.reload()}>
          Retry
        </Button>
      </ErrorMessage>
    )
  }
  return (
    <div className="loading">
      <Spinner label={label} />
      <span aria-hidden="true">{label}</span>
    </div>
  )
}
