import type { ApiErrorCode } from './generated/operations.js'

/** What an answer that is no error envelope, or no answer at all, is reported as. */
export type ClientErrorCode = 'NETWORK' | 'UNEXPECTED_RESPONSE'

/**
 * The `code` of a GatehouseApiError: one the API documents (openapi.json), one of the client's
 * own, or another string: a server newer than this client may send codes it does not know yet.
 */
// `string & {}` keeps the known codes in editors' completion while admitting any string.
export type GatehouseErrorCode = ApiErrorCode | ClientErrorCode | (string & {})

export interface GatehouseApiErrorInit {
  readonly status: number
  readonly code: GatehouseErrorCode
  readonly message: string
  readonly requestId: string | null
  readonly details?: Record<string, unknown> | undefined
  readonly retryAfterSeconds?: number | undefined
}

/**
 * A request that failed: the server's error envelope (`code` and `message` word for word, as
 * the API's rules state them), or `NETWORK` (status 0) when the server could not be reached.
 */
export class GatehouseApiError<Code extends GatehouseErrorCode = GatehouseErrorCode> extends Error {
  override readonly name = 'GatehouseApiError'
  /** The HTTP status; 0 when no response arrived. */
  readonly status: number
  /** The API's error code (e.g. `PERMISSION_DENIED`), or a {@link ClientErrorCode}. */
  readonly code: Code
  /** The server's request id, to quote in a bug report or find in the logs. */
  readonly requestId: string | null
  readonly details: Record<string, unknown> | undefined
  /** From `Retry-After` on a 429: how long to wait before trying again. */
  readonly retryAfterSeconds: number | undefined

  constructor(init: GatehouseApiErrorInit, options?: ErrorOptions) {
    super(init.message, options)
    this.status = init.status
    this.code = init.code as Code
    this.requestId = init.requestId
    this.details = init.details
    this.retryAfterSeconds = init.retryAfterSeconds
  }
}

/** True when `err` is a {@link GatehouseApiError}, optionally with the given code. */
export function isGatehouseApiError<Code extends GatehouseErrorCode = GatehouseErrorCode>(
  err: unknown,
  code?: Code,
): err is GatehouseApiError<Code> {
  return err instanceof GatehouseApiError && (code === undefined || err.code === code)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date), else from the details. */
function retryAfter(header: string | null, details: Record<string, unknown> | undefined) {
  if (header !== null) {
    const seconds = Number(header)
    if (Number.isFinite(seconds) && seconds >= 0) {
      return seconds
    }
    const date = Date.parse(header)
    if (!Number.isNaN(date)) {
      return Math.max(0, Math.ceil((date - Date.now()) / 1000))
    }
  }
  const fromDetails = details?.retry_after_seconds
  return typeof fromDetails === 'number' ? fromDetails : undefined
}

/** The error a non-2xx response stands for, read from the `{ error: {…} }` envelope. */
export function errorFromResponse(response: Response, body: unknown): GatehouseApiError {
  const envelope = isRecord(body) && isRecord(body.error) ? body.error : undefined
  const details =
    envelope !== undefined && isRecord(envelope.details) ? envelope.details : undefined
  const headerId = response.headers.get('x-request-id')
  if (
    envelope !== undefined &&
    typeof envelope.code === 'string' &&
    typeof envelope.message === 'string'
  ) {
    return new GatehouseApiError({
      status: response.status,
      code: envelope.code,
      message: envelope.message,
      requestId: typeof envelope.request_id === 'string' ? envelope.request_id : headerId,
      details,
      retryAfterSeconds: retryAfter(response.headers.get('retry-after'), details),
    })
  }
  return new GatehouseApiError({
    status: response.status,
    code: 'UNEXPECTED_RESPONSE',
    message: `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    requestId: headerId,
    retryAfterSeconds: retryAfter(response.headers.get('retry-after'), undefined),
  })
}

/** A failure before any response: the server is down, the network is gone, CORS refused it. */
export function networkError(cause: unknown): GatehouseApiError {
  return new GatehouseApiError(
    {
      status: 0,
      code: 'NETWORK',
      message: 'Could not reach the Gatehouse server',
      requestId: null,
    },
    { cause },
  )
}
