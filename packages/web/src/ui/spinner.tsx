/** A small spinning ring; `label` is read to screen readers (none: decorative). */
export function Spinner({ label }: { label?: string }) {
  if (label === undefined) {
    return <span className="spinner" aria-hidden="true" />
  }
  return (
    <span className="spinner-labelled" role="status">
      <span className="spinner" aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </span>
  )
}
