import { isGatehouseApiError } from '@gatehouse/client'

/** What to tell the user about a failure: the API's own message, word for word. */
export function errorMessage(err: unknown): string {
  if (isGatehouseApiError(err) || err instanceof Error) {
    return err.message
  }
  return typeof err === 'string' ? err : 'Something went wrong'
}

/** "12 Mar 2026, 14:05" in the browser's locale and zone; an em dash for nothing. */
export function formatDateTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) {
    return '—'
  }
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) {
    return iso
  }
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

/** "3 hours ago", "in 2 days", "just now"; `fallback` when there is no time (e.g. "Never"). */
export function formatRelative(
  iso: string | null | undefined,
  options: { now?: number; fallback?: string } = {},
): string {
  if (iso === null || iso === undefined) {
    return options.fallback ?? '—'
  }
  const then = Date.parse(iso)
  if (Number.isNaN(then)) {
    return iso
  }
  const seconds = Math.round((then - (options.now ?? Date.now())) / 1000)
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.trunc(seconds / size), unit)
    }
  }
  return 'just now'
}

/** "about 30 minutes", for a wait given in seconds (throttling). */
export function formatWait(seconds: number): string {
  if (seconds < 60) {
    return `${Math.max(1, Math.ceil(seconds))} second${Math.ceil(seconds) === 1 ? '' : 's'}`
  }
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 90) {
    return `${minutes} minute${minutes === 1 ? '' : 's'}`
  }
  const hours = Math.round(minutes / 60)
  return `${hours} hour${hours === 1 ? '' : 's'}`
}

/** A loose check that catches typos before the API does; the API has the last word. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())
}
