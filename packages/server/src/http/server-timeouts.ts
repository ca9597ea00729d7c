/* A leaf: config.ts reads these defaults without importing the server (and all it imports). */

/**
 * How long a client may take, against slow clients (slowloris) holding connections open. Every
 * value is in milliseconds; GATEHOUSE_HEADERS_TIMEOUT_MS, GATEHOUSE_REQUEST_TIMEOUT_MS and
 * GATEHOUSE_KEEP_ALIVE_TIMEOUT_MS set them (config.ts).
 */
export interface ServerTimeouts {
  /** From the connection (or the previous response) to the end of the request's headers. */
  readonly headersMs: number
  /** From the connection (or the previous response) to the end of the request's body. */
  readonly requestMs: number
  /** How long an idle keep-alive connection waits for its next request. */
  readonly keepAliveMs: number
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
}
