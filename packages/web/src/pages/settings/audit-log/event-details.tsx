import type { AuditEvent } from '@gatehouse/client'
import { detailsJson } from './audit-query.js'

/** An event's before and after (as JSON) and its request id, folded away; a dash when none. */
export function EventDetails({ event }: { event: AuditEvent }) {
  const before = detailsJson(event.before)
  const after = detailsJson(event.after)
  if (before === null && after === null && event.request_id === null) {
    return <span className="muted">—</span>
  }
  return (
    <details className="json-details">
      <summary>
        Show details
        <span className="visually-hidden">
          {' '}
          of {event.action}, event {event.seq}
        </span>
      </summary>
      {before === null ? null : (
        <>
          <h4>Before</h4>
          <pre>{before}</pre>
        </>
      )}
      {after === null ? null : (
        <>
          <h4>After</h4>
          <pre>{after}</pre>
        </>
      )}
      {event.request_id === null ? null : (
        <p className="muted">
          Request <code>{event.request_id}</code>
        </p>
      )}
    </details>
  )
}
