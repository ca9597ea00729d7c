import type { ReactNode } from 'react'

/** One titled section of a detail view (a group, a service account), labelled by its heading. */
export function DetailCard({
  titleId,
  title,
  stack = false,
  children,
}: {
  /** The heading's id: unique on the page, since the section is labelled by it. */
  titleId: string
  title: ReactNode
  /** true: the section's children are spaced as a stack. */
  stack?: boolean
  children: ReactNode
}) {
  return (
    <section className={stack ? 'detail-card stack' : 'detail-card'} aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      {children}
    </section>
  )
}
