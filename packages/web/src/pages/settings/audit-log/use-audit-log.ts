import type { AuditEvent } from '@gatehouse/client'
import { isGatehouseApiError } from '@gatehouse/client'
import { type FormEvent, useCallback, useEffect, useState } from 'react'
import { useClient } from '../../../api.js'
import { useOrg } from '../../../session.js'
import { useLatestCall, useLoad } from '../../../ui/index.js'
import {
  type AuditFilters,
  auditQuery,
  NO_FILTERS,
  PAGE_SIZE,
  TIME_RANGES,
  type TimeRange,
} from './audit-query.js'

export interface AuditPage {
  readonly events: readonly AuditEvent[]
  readonly more: boolean
}

/**
 * The audit log's state: the members (for names), the filters being edited and the ones applied,
 * and the events loaded so far, a page at a time.
 */
export function useAuditLog() {
  const client = useClient()
  const { org } = useOrg()
  const members = useLoad(
    useCallback(() => client.users.list({ org_name: org.name }), [client, org.name]),
  )
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS)
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS)
  const [page, setPage] = useState<AuditPage | undefined>(undefined)
  const [error, setError] = useState<Error | undefined>(undefined)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const { run } = useLatestCall()

  const load = useCallback(
    async (wanted: AuditFilters, after?: AuditEvent) => {
      if (after === undefined) {
        setLoading(true)
      } else {
        setLoadingMore(true)
      }
      setError(undefined)
      await run(() => client.auditLog.list(auditQuery(org.name, wanted, Date.now(), after?.id)), {
        value: (events) =>
          setPage((current) => ({
            events: after === undefined ? events : [...(current?.events ?? []), ...events],
            more: events.length === PAGE_SIZE,
          })),
        error: setError,
        settled: () => {
          setLoading(false)
          setLoadingMore(false)
        },
      })
    },
    [client, org.name, run],
  )

  useEffect(() => {
    void load(filters)
  }, [load, filters])

  const apply = (event: FormEvent) => {
    event.preventDefault()
    setFilters({ ...draft })
  }
  const setRange = (range: string) => {
    if (range in TIME_RANGES) {
      setDraft({ ...draft, range: range as TimeRange })
    }
  }
  /** Loads the next page, or retries the one that failed. */
  const loadMore = () => load(filters, page?.events.at(-1))

  return {
    org,
    members,
    draft,
    setDraft,
    setRange,
    apply,
    page,
    error,
    refused: isGatehouseApiError(error) && error.status === 403,
    loading,
    loadingMore,
    loadMore,
  }
}
