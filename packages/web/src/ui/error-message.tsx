import type { ReactNode } from 'react'
import { errorMessage } from '../format.js'

/**
 * An error in a form or dialog, announced to screen readers: the API's message as it is, and
 * `children` for an explanation of the rule behind it.
 */
export function ErrorMessage({ error, children }: { error: unknown; children?: ReactNode }) {
  if (error === undefined || error === null) {
    return null
  }
  return (
    <div className="error-message" role="alert">
      <p>{errorMessage(error)}</p>
      {children}
    </div>
  )
}
