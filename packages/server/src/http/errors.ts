import { ErrorEnvelope } from '@gatehouse/contract'
import { AppError, ERRORS, type ErrorCode, type ErrorKind } from '@gatehouse/core'

/** The one table from error kind to HTTP status; runtime responses and OpenAPI both read it. */
export const STATUS_BY_KIND = {
  invalid: 400,
  too_large: 413,
  headers_too_large: 431,
  timeout: 408,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
} as const satisfies Record<ErrorKind, number>

export type ErrorStatus = (typeof STATUS_BY_KIND)[ErrorKind]

export interface ErrorBody {
  error: { code: ErrorCode; message: string; request_id: string; details?: Record<string, unknown> }
}

/** The error envelope of `err`; anything that is not an AppError is an internal error. */
export function errorBody(err: AppError, requestId: string): ErrorBody {
  const body: ErrorBody = { error: { code: err.code, message: err.message, request_id: requestId } }
  if (err.details !== undefined && err.kind !== 'internal') {
    body.error.details = { ...err.details }
  }
  return body
}

export function statusOf(err: AppError): ErrorStatus {
  return STATUS_BY_KIND[err.kind]
}

const DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'The request is not valid',
  401: 'Credentials are missing or invalid',
  403: 'Refused: the message names the rule',
  404: 'Not found, or not visible to the caller',
  409: 'Conflict',
  408: 'The request did not arrive in time',
  413: 'The request body is too large',
  431: 'The request headers are too large',
  429: 'Too many requests: retry after the Retry-After header',
  500: 'Internal error',
}

/**
 * OpenAPI responses for the codes a route can return, grouped by status, from the same tables as
 * the runtime: documented and actual statuses cannot drift.
 */
export function errorResponses(...codes: ErrorCode[]) {
  const byStatus = new Map<ErrorStatus, ErrorCode[]>()
  for (const code of ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'INTERNAL', ...codes] as const) {
    const status = STATUS_BY_KIND[ERRORS[code].kind]
    const list = byStatus.get(status) ?? []
    if (!list.includes(code)) {
      list.push(code)
    }
    byStatus.set(status, list)
  }
  const responses: Record<string, { description: string; content: object }> = {}
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `${DESCRIPTIONS[status]}. Codes: ${list.join(', ')}`,
      content: { 'application/json': { schema: ErrorEnvelope } },
    }
  }
  return responses
}

/** Wraps anything thrown into an AppError, keeping the original as the cause. */
export function asAppError(err: unknown): AppError {
  return err instanceof AppError ? err : new AppError('INTERNAL', undefined, { cause: err })
}

/** A request refused as not valid, with the reason the caller reads in `details.reason`. */
export function invalidRequest(reason: string): AppError {
  return new AppError('VALIDATION_FAILED', { reason })
}

/** A body that failed its schema, as every route reports it: each issue's path and message. */
export function validationFailed(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): AppError {
  return new AppError('VALIDATION_FAILED', {
    issues: issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  })
}
