import { isGatehouseApiError } from '@gatehouse/client'
import type { ReactNode } from 'react'
import { Button } from './button.js'
import { EmptyState } from './empty-state.js'
import { ErrorMessage } from './error-message.js'
import { Spinner } from './spinner.js'
import type { LoadState } from './use-load.js'

/**
 * Renders `children(data)` once `state` (from useLoad) has data; a spinner before that, and the
 * API's error with a Retry button when loading failed. A 403 is no failure to retry: the list
 * is not the caller's to read, so it says so (`refused` titles it) with the rule's own words.
 */
export function Loaded<T>({
  state,
  label = 'Loading…',
  refused = 'Not available to you',
  children,
}: {
  state: LoadState<T>
  label?: string
  refused?: string
  children: (data: T) => ReactNode
}) {
  if (state.data !== undefined) {
    return <>{children(state.data)}</>
  }
  if (isGatehouseApiError(state.error) && state.error.status === 403) {
    return (
      <EmptyState title={refused}>
        <p>{state.error.message}</p>
      </EmptyState>
    )
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
