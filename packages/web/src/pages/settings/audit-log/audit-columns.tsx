import type { AuditEvent } from '@gatehouse/client'
import { formatDateTime } from '../../../format.js'
import { Badge, type Column } from '../../../ui/index.js'
import { actorLine, CREDENTIAL_PHRASES } from './audit-query.js'
import { EventDetails } from './event-details.js'

/** The audit log table's columns; `nameOf` names the actor and any impersonator. */
export function auditColumns(nameOf: (id: string | null) => string): Column<AuditEvent>[] {
  return [
    {
      key: 'time',
      header: 'Time',
      className: 'nowrap',
      render: (e) => <time dateTime={e.occurred_at}>{formatDateTime(e.occurred_at)}</time>,
    },
    {
      key: 'action',
      header: 'Action',
      render: (e) => <code className="nowrap">{e.action}</code>,
    },
    {
      key: 'actor',
      header: 'Actor',
      render: (e) => {
        const { actor, impersonator } = actorLine(e, nameOf)
        return (
          <div>
            {impersonator === null ? (
              actor
            ) : (
              <>
                {impersonator} <Badge tone="warning">as {actor}</Badge>
              </>
            )}
            <div className="muted">
              {impersonator === null
                ? CREDENTIAL_PHRASES[e.credential_kind]
                : `${impersonator} impersonated ${actor}`}
            </div>
          </div>
        )
      },
    },
    {
      key: 'object',
      header: 'Object',
      render: (e) => (
        <span className="path">
          {e.object_type}
          {e.object_id === null ? null : (
            <span className="muted" title={e.object_id}>
              {' '}
              {e.object_id.slice(0, 8)}
            </span>
          )}
        </span>
      ),
    },
    {
      key: 'outcome',
      header: 'Outcome',
      render: (e) =>
        e.outcome === 'success' ? (
          <Badge tone="success">Success</Badge>
        ) : (
          <>
            <Badge tone="danger">Denied</Badge>
            {e.reason === null ? null : (
              <div>
                <code>{e.reason}</code>
              </div>
            )}
          </>
        ),
    },
    {
      key: 'details',
      header: 'Details',
      render: (e) => <EventDetails event={e} />,
    },
  ]
}
