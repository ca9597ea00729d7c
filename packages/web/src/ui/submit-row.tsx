import type { ReactNode } from 'react'
import { Button } from './button.js'

/** The primary submit button of a form laid out in a row of fields, aligned with the fields. */
export function SubmitRow({
  pending,
  children,
}: {
  readonly pending: boolean
  readonly children: ReactNode
}) {
  return (
    <div className="filters-actions">
      <Button variant="primary" type="submit" pending={pending}>
        {children}
      </Button>
    </div>
  )
}
