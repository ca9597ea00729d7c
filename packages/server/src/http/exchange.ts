import type { ServerResponse } from 'node:http'
import type { Actor, Crypto } from '@gatehouse/core'
import { HTTPException } from 'hono/http-exception'
import type { Logger } from 'pino'
import type { AppContext } from './context.js'
import {
  asAppError,
  type ErrorBody,
  type ErrorStatus,
  errorBody,
  invalidRequest,
  statusOf,
} from './errors.js'
import type { Metrics, ObservedRequest } from './metrics.js'

/*
 * One HTTP exchange, whichever path answers it: Hono's (every route, through requestContext and
 * the app's error handler) or the fast lane's (POST /v1/authorize on node:http). The request
 * id, the headers every answer carries, the error reply, the log line and the metrics are made
 * here and only here, so a route added on either path gets them by construction. The lane calls
 * these once per request: they allocate nothing it did not allocate before.
 */

/** A caller's x-request-id is kept when it looks like one; anything else gets a fresh uuid. */
export const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

/** Methods whose requests carry no body. */
export const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The request's id: the caller's when it is sane (node may give a list; that is not sane). */
export function requestIdOf(
  incoming: string | string[] | undefined,
  crypto: Pick<Crypto, 'uuid'>,
): string {
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : crypto.uuid()
}

/**
 * The logger of one request, for what its handlers log: every line names the request. The
 * exchange's own lines carry the same field without a child logger (pino writes bindings first,
 * so the line is the same), which the lane would otherwise build for every request.
 */
export function requestLog(log: Logger, requestId: string): Logger {
  return log.child({ request_id: requestId })
}

/** Sent with every answer besides its x-request-id. A route may replace cache-control. */
export const ANSWER_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
} as const

const ANSWER_HEADER_LIST = Object.entries(ANSWER_HEADERS)

/**
 * The answer headers on Hono's context, before the response exists: a header set on a finished
 * response makes Hono copy it into a streamed one, which cost two thirds of the throughput.
 */
export function setAnswerHeaders(c: AppContext, requestId: string): void {
  c.header('x-request-id', requestId)
  for (const [name, value] of ANSWER_HEADER_LIST) {
    c.header(name, value)
  }
}

/** The fast lane's answer straight on node's response, with the headers Hono's path sets. */
export function writeJson(res: ServerResponse, requestId: string, status: number, body: string) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestId,
    ...ANSWER_HEADERS,
  })
  res.end(body)
}

export interface ErrorReply {
  readonly status: ErrorStatus
  readonly body: ErrorBody
  /** Whole seconds, at least 1, when the refusal says when to come back (429). */
  readonly retryAfter: string | undefined
  /** The connection must carry no further request: the rest of a body may still be on it. */
  readonly close: boolean
}

/**
 * The answer to anything thrown while answering a request: the error table's status and
 * envelope, retry-after when the error says when, and whether the connection must close (a
 * body too large, or one nothing read). An internal error is logged with its cause, which the
 * caller never sees.
 */
export function errorReply(
  thrown: unknown,
  log: Logger,
  requestId: string,
  bodyUnread: boolean,
): ErrorReply {
  // Hono's own 4xx (a body that is not JSON, say): a validation failure in our envelope.
  const err =
    thrown instanceof HTTPException && thrown.status < 500
      ? invalidRequest(thrown.message)
      : asAppError(thrown)
  if (err.kind === 'internal') {
    log.error({ request_id: requestId, err: err.cause ?? err }, 'unhandled error')
  }
  const retryAfter = err.details?.retry_after_seconds
  return {
    status: statusOf(err),
    body: errorBody(err, requestId),
    retryAfter:
      typeof retryAfter === 'number' ? String(Math.max(1, Math.ceil(retryAfter))) : undefined,
    close: err.code === 'PAYLOAD_TOO_LARGE' || bodyUnread,
  }
}

/** Hono's error and not-found handler: {@link errorReply} on the context. */
export function respondWithError(c: AppContext, thrown: unknown): Response {
  const reply = errorReply(thrown, c.get('services').log, c.get('requestId'), unreadBody(c))
  if (reply.close) {
    // (@hono/node-server drains an unread body for a moment and then drops the socket, which a
    // client that was told keep-alive would meet as a reset on its next request.)
    c.header('connection', 'close')
  }
  if (reply.retryAfter !== undefined) {
    c.header('retry-after', reply.retryAfter)
  }
  return c.json(reply.body, reply.status)
}

/** {@link errorReply} on node's response (the fast lane). */
export function writeError(res: ServerResponse, requestId: string, reply: ErrorReply): void {
  if (reply.close) {
    res.setHeader('connection', 'close')
  }
  if (reply.retryAfter !== undefined) {
    res.setHeader('retry-after', reply.retryAfter)
  }
  writeJson(res, requestId, reply.status, JSON.stringify(reply.body))
}

/** A request with a body that nothing read: refused before its body was looked at. */
function unreadBody(c: AppContext): boolean {
  if (BODYLESS.has(c.req.method) || c.req.header('content-length') === '0') {
    return false
  }
  const raw = c.req.raw
  return raw.body !== null && !raw.bodyUsed
}

/** Who made a request, as its log line says: ids and kinds, never a secret. */
export function loggedPrincipal(actor: Actor) {
  return {
    credential: actor.credential.kind,
    credential_id: actor.credential.id,
    user_id: actor.userId,
    impersonator_id: actor.impersonatorId,
  }
}

/** One answered request, as the metrics count it and the log line tells it. */
export interface Answer extends ObservedRequest {
  /** Who asked, when a credential said so. */
  readonly actor: Actor | undefined
}

/**
 * The end of an exchange: counted and timed in the metrics, and one log line with route,
 * status and principal — never a credential, a query string or a body. `loggedRoute` is the
 * log's name for the route when it is not the metrics' (a request no route matched).
 */
export function recordAnswer(
  log: Logger,
  metrics: Metrics | undefined,
  requestId: string,
  answer: Answer,
  loggedRoute: string = answer.route,
): void {
  metrics?.observeRequest(answer)
  if (log.isLevelEnabled('info')) {
    const { actor } = answer
    log.info(
      {
        request_id: requestId,
        method: answer.method,
        route: loggedRoute,
        status: answer.status,
        ms: Math.round(answer.seconds * 10_000) / 10,
        principal: actor === undefined ? null : loggedPrincipal(actor),
      },
      'request',
    )
  }
}
