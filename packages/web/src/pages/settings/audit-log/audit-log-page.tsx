import type { UserListItem } from '@gatehouse/client'
import { useAbilities } from '../../../permissions.js'
import { useOrg } from '../../../session.js'
import {
  Button,
  EmptyState,
  ErrorMessage,
  Field,
  PageHeader,
  SelectField,
  Spinner,
  SubmitRow,
  Table,
} from '../../../ui/index.js'
import { namesById } from '../members/people.js'
import '../members/members.css'
import { auditColumns } from './audit-columns.js'
import { TIME_RANGES } from './audit-query.js'
import { useAuditLog } from './use-audit-log.js'

/**
 * Settings → Audit log. Those without read on the audit log are told so before anything is
 * asked, instead of being shown filters for a list they cannot read.
 */
export function AuditLogPage() {
  const abilities = useAbilities()
  const { org } = useOrg()
  if (!abilities.ready) {
    return (
      <div className="loading">
        <Spinner label="Loading the audit log…" />
        <span aria-hidden="true">Loading the audit log…</span>
      </div>
    )
  }
  if (!abilities.can('read', 'org_audit_logs')) {
    return (
      <>
        <PageHeader
          title="Audit log"
          description={`Every change in ${org.name}, and every refusal, newest first.`}
        />
        <EmptyState title="Not available to you">
          <p>
            Reading the audit log needs the read permission on this organization's audit log (owners
            have it). Ask an owner if you need it.
          </p>
        </EmptyState>
      </>
    )
  }
  return <ReadableAuditLog />
}

/** Every change and refusal, newest first, with filters and paging. */
function ReadableAuditLog() {
  const log = useAuditLog()
  const { org, members, draft, setDraft, page, error, refused } = log
  const nameOf = namesById(members.data ?? [])
  const columns = auditColumns(nameOf)

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every change in ${org.name}, and every refusal, newest first.`}
      />
      <form className="filters" onSubmit={log.apply} aria-label="Filter the audit log">
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
          onChange={(e) => log.setRange(e.target.value)}
        >
          {Object.entries(TIME_RANGES).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SubmitRow pending={log.loading}>Apply filters</SubmitRow>
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
          <Button size="small" onClick={log.loadMore}>
            Retry
          </Button>
        </ErrorMessage>
      ) : null}

      {log.loading && page === undefined ? (
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
              <Button pending={log.loadingMore} onClick={log.loadMore}>
                Load more
              </Button>
            </div>
          ) : null}
        </>
      )}
    </>
  )
}
