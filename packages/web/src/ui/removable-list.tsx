import type { ReactNode } from 'react'
import { Button } from './button.js'

/** A list of members (people, nested groups), each with a Remove button unless read-only. */
export function RemovableList({
  ids,
  text,
  removeLabel,
  onRemove,
  empty,
}: {
  ids: readonly string[]
  text: (id: string) => ReactNode
  /** The Remove button's accessible name for one item. */
  removeLabel: (id: string) => string
  /** A promise returned keeps that Remove button pending until it settles; absent: read-only. */
  onRemove: ((id: string) => unknown) | undefined
  /** Shown instead of an empty list. */
  empty: string
}) {
  if (ids.length === 0) {
    return <p className="muted">{empty}</p>
  }
  return (
    <ul className="member-list">
      {ids.map((id) => (
        <li key={id}>
          <span>{text(id)}</span>
          {onRemove === undefined ? null : (
            <Button
              size="small"
              variant="ghost"
              aria-label={removeLabel(id)}
              onClick={() => onRemove(id)}
            >
              Remove
            </Button>
          )}
        </li>
      ))}
    </ul>
  )
}
