import type { AuditEvent, UserListItem } from '@gatehouse/client'
import { isGatehouseApiError } from '@gatehouse/client'
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react'
import { useClient } from '../../api.js'
import { formatDateTime } from '../../format.js'
import { useOrg } from '../../session.js'
import {
  Badge,
  Button,
  type Column,
  EmptyState,
  ErrorMessage,
  Field,
  PageHeader,
  SelectField,
  Spinner,
  Table,
  useLoad,
} from '../../ui/index.js'
import {
  type AuditFilters,
  actorLine,
  auditQuery,
  CREDENTIAL_PHRASES,
  detailsJson,
  NO_FILTERS,
  PAGE_SIZE,
  TIME_RANGES,
  type TimeRange,
} from './audit-log/audit-query.js'
import { namesById } from './members/people.js'
import './members/members.css'

interface Page {
  readonly events: readonly AuditEvent[]
  readonly more: boolean
}

/** Settings → Audit log: every change and refusal, newest first, with filters and paging. */
export function AuditLogPage() {
  const client = useClient()
  const { org } = useOrg()
  const members = useLoad(
    useCallback(() => client.users.list({ org_name: org.name }), [client, org.name]),
  )
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS)
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS)
  const [page, setPage] = useState<Page | undefined>(undefined)
  const [error, setError] = useState<Error | undefined>(undefined)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const generation = useRef(0)

  const load = useCallback(
    async (wanted: AuditFilters, after?: AuditEvent) => {
      const mine = ++generation.current
      if (after === undefined) {
        setLoading(true)
      } else {
        setLoadingMore(true)
      }
      setError(undefined)
      try {
        const events = await client.auditLog.list(
          auditQuery(org.name, wanted, Date.now(), after?.id),
        )
        if (mine !== generation.current) {
          return
        }
        setPage((current) => ({
          events: after === undefined ? events : [...(current?.events ?? []), ...events],
          more: events.length === PAGE_SIZE,
        }))
      } catch (err) {
        if (mine === generation.current) {
          setError(err instanceof Error ? err : new Error(String(err)))
        }
      } finally {
        if (mine === generation.current) {
          setLoading(false)
          setLoadingMore(false)
        }
      }
    },
    [client, org.name],
  )

  useEffect(() => {
    void load(filters)
  }, [load, filters])

  const apply = (event: FormEvent) => {
    event.preventDefault()
    setFilters({ ...draft })
  }

  const nameOf = namesById(members.data ?? [])
  const refused = isGatehouseApiError(error) && error.status === 403

  const columns: Column<AuditEvent>[] = [
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

  const setRange = (range: string) => {
    if (range in TIME_RANGES) {
      setDraft({ ...draft, range: range as TimeRange })
    }
  }

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every change in ${org.name}, and every refusal, newest first.`}
      />
      <form className="filters" onSubmit={apply} aria-label="Filter the audit log">
        <SelectField
          label="Actor"
          value={draft.actorId}
          onChange={(e) => setDraft({ ...draft, actorId: e.target.value })}
        >
          <option value="">Anyone</option>
          {(members.data ?? []).map((u: UserListItem) => (
            <option key={u.id} value={u.id}>
              {nameOf(u.id)}
              {u.kind === 'service_account' ? ' (service account)' : ''}
            </option>
          ))}
        </SelectField>
        <Field
          label="Action"
          value={draft.action}
          placeholder="e.g. project.create"
          onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          maxLength={128}
          autoComplete="off"
        />
        <SelectField
          label="Time range"
          value={draft.range}
          onChange={(e) => setRange(e.target.value)}
        >
          {Object.entries(TIME_RANGES).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <div className="filters-actions">
          <Button variant="primary" type="submit" pending={loading}>
            Apply filters
          </Button>
        </div>
      </form>

      {refused ? (
        <ErrorMessage error={error}>
          <p>
            Reading the audit log needs the read permission on this organization's audit log (owners
            have it). Ask an owner if you need it.
          </p>
        </ErrorMessage>
      ) : error !== undefined ? (
        <ErrorMessage error={error}>
          <Button size="small" onClick={() => load(filters, page?.events.at(-1))}>
            Retry
          </Button>
        </ErrorMessage>
      ) : null}

      {loading && page === undefined ? (
        <div className="loading">
          <Spinner label="Loading the audit log…" />
          <span aria-hidden="true">Loading the audit log…</span>
        </div>
      ) : page === undefined || refused ? null : (
        <>
          <Table
            caption={`Events (${page.events.length}${page.more ? '+' : ''})`}
            columns={columns}
            rows={page.events}
            rowKey={(e) => e.id}
            empty={
              <EmptyState title="No events match">
                <p>Try a longer time range or fewer filters.</p>
              </EmptyState>
            }
          />
          {page.more ? (
            <div className="load-more">
              <Button pending={loadingMore} onClick={() => load(filters, page.events.at(-1))}>
                Load more
              </Button>
            </div>
          ) : null}
        </>
      )}
    </>
  )
}

function EventDetails({ event }: { event: AuditEvent }) {
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
