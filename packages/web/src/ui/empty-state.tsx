import type { ReactNode } from 'react'

/** What an empty list says instead: a title, a sentence, and the action that fills it. */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: string
  children?: ReactNode
  action?: ReactNode
}) {
  return (
    <div className="empty-state">
      <h3>{title}</h3>
      {children === undefined ? null : <div className="empty-state-body">{children}</div>}
      {action === undefined ? null : <div className="empty-state-action">{action}</div>}
    </div>
  )
}
