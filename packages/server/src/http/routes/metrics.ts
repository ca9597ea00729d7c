import { createHash, timingSafeEqual } from 'node:crypto'
import { BlockList, isIP } from 'node:net'
import { AppError } from '@gatehouse/core'
import type { Context } from 'hono'
import type { App } from '../context.js'
import { METRICS_PATH, type Metrics } from '../metrics.js'

export interface MetricsAccess {
  /**
   * GATEHOUSE_METRICS_TOKEN: scrapers must send `Authorization: Bearer <token>`. Unset, only
   * clients on this machine are served, and everyone else gets the 404 of an unknown path.
   */
  readonly token?: string | undefined
}

/** Headers a proxy adds: a request through one is not a local client, even from 127.0.0.1. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip']

/**
 * `GET /metrics` in Prometheus' text format. Not an API route: it is absent from the OpenAPI
 * document, and must be registered before `authenticate`, which would take the scraper's bearer
 * token for an API credential and refuse it.
 */
export function registerMetricsRoute(app: App, metrics: Metrics, access: MetricsAccess): void {
  const expected =
    access.token === undefined || access.token === '' ? undefined : digest(access.token)
  app.get(METRICS_PATH, async (c) => {
    if (expected === undefined) {
      if (!isLocalClient(c)) {
        throw new AppError('ROUTE_NOT_FOUND')
      }
    } else if (!bearerMatches(c.req.header('authorization'), expected)) {
      throw new AppError('UNAUTHENTICATED')
    }
    return c.body(await metrics.render(), 200, { 'content-type': metrics.contentType })
  })
}

function isLocalClient(c: Context): boolean {
  if (FORWARDING_HEADERS.some((name) => c.req.header(name) !== undefined)) {
    return false
  }
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming?.socket
  return isLoopback(socket?.remoteAddress)
}

/** 127.0.0.0/8 and ::1; BlockList also matches them written as IPv4-mapped IPv6 addresses. */
const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

export function isLoopback(address: string | undefined): boolean {
  const family = address === undefined ? 0 : isIP(address)
  return family !== 0 && LOOPBACK.check(address ?? '', family === 6 ? 'ipv6' : 'ipv4')
}

function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const [scheme, value] = (header ?? '').trim().split(/\s+/, 2)
  if (scheme?.toLowerCase() !== 'bearer' || value === undefined) {
    return false
  }
  // Digests of equal length, so the comparison takes the same time whatever was sent.
  return timingSafeEqual(digest(value), expected)
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}
