import type { AuditEvent, AuditLogQuery } from '@gatehouse/client'

export const TIME_RANGES = {
  '24h': { label: 'Last 24 hours', ms: 24 * 3600 * 1000 },
  '7d': { label: 'Last 7 days', ms: 7 * 24 * 3600 * 1000 },
  '30d': { label: 'Last 30 days', ms: 30 * 24 * 3600 * 1000 },
  all: { label: 'All time', ms: null },
} as const
export type TimeRange = keyof typeof TIME_RANGES

export interface AuditFilters {
  /** A member's id; '' for anyone. */
  readonly actorId: string
  /** An exact action such as `project.create`; '' for any. */
  readonly action: string
  readonly range: TimeRange
}

export const NO_FILTERS: AuditFilters = { actorId: '', action: '', range: '7d' }

/** How many events one page asks for. */
export const PAGE_SIZE = 50

/**
 * The API query for the filters: `since` counted back from `now`, empty filters left out, and
 * `starting_after` (the last event shown) for the next, older page.
 */
export function auditQuery(
  orgName: string,
  filters: AuditFilters,
  now: number,
  startingAfter?: string,
): AuditLogQuery {
  const span = TIME_RANGES[filters.range].ms
  const action = filters.action.trim()
  return {
    org_name: orgName,
    limit: PAGE_SIZE,
    ...(filters.actorId === '' ? {} : { actor_id: filters.actorId }),
    ...(action === '' ? {} : { action }),
    ...(span === null ? {} : { since: new Date(now - span).toISOString() }),
    ...(startingAfter === undefined ? {} : { starting_after: startingAfter }),
  }
}

/** How the actor was signed in, as a phrase under their name. */
export const CREDENTIAL_PHRASES: Readonly<Record<AuditEvent['credential_kind'], string>> = {
  session: 'in a browser session',
  api_key: 'with an API key',
  service_token: 'with a service token',
  operator: 'from the command line',
}

/** Who did it, in words: "Ada", or "Bob as Ada" when Bob impersonated Ada. */
export function actorLine(
  event: Pick<AuditEvent, 'actor_user_id' | 'impersonator_user_id' | 'credential_kind'>,
  nameOf: (id: string | null) => string,
): { actor: string; impersonator: string | null } {
  const actor =
    event.actor_user_id === null
      ? event.credential_kind === 'operator'
        ? 'Operator (command line)'
        : 'Nobody signed in'
      : nameOf(event.actor_user_id)
  return {
    actor,
    impersonator: event.impersonator_user_id === null ? null : nameOf(event.impersonator_user_id),
  }
}

/** The before/after of an event as indented JSON, or null when there is nothing to show. */
export function detailsJson(value: unknown): string | null {
  if (value === undefined || value === null) {
    return null
  }
  return JSON.stringify(value, null, 2)
}
