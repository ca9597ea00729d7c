import type { IncomingMessage, ServerResponse } from 'node:http'
import { AuthorizeRequest } from '@gatehouse/contract'
import {
  type Actor,
  AppError,
  authenticateCached,
  authenticateSecret,
  authorize,
  authorizeCached,
} from '@gatehouse/core'
import { IMPERSONATE_HEADER, recordUse, secretFromAuthorization } from './authenticate.js'
import { invalidRequest, validationFailed } from './errors.js'
import {
  type ErrorReply,
  errorReply,
  recordAnswer,
  requestIdOf,
  writeError,
  writeJson,
} from './exchange.js'
import type { Metrics } from './metrics.js'
import { presentAuthorizeReply } from './present.js'
import type { Services } from './services.js'
import { authorizeInputOf } from './wire.js'

/** The largest body the lane reads itself; larger ones take the general path (and its 413). */
const MAX_LANE_BODY = 64 * 1024
const ROUTE = '/v1/authorize'

/**
 * `POST /v1/authorize` straight from node:http, for the common case: a bearer credential and a
 * JSON body of known length. The general path (Hono) turns every request into a WHATWG Request
 * and runs a chain of middlewares; the profile showed that costing several times the decision
 * itself. Same steps in the same order (credential, then body, then decision), same use cases
 * and mappers; the request id, headers, error reply, log line and metrics are the exchange's
 * (exchange.ts), as on the general path. A test sends the same requests down both paths and
 * compares the answers. Anything unusual (a cookie session, impersonation, a query string, a
 * chunked or large body) returns false: the general path takes it, nothing read.
 */
export function authorizeFastLane(
  services: Services,
  metrics?: Metrics,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const { headers } = req
    const length = Number(headers['content-length'])
    if (
      req.method !== 'POST' ||
      req.url !== ROUTE ||
      headers.authorization === undefined ||
      headers[IMPERSONATE_HEADER] !== undefined ||
      headers['transfer-encoding'] !== undefined ||
      !(length >= 0 && length <= MAX_LANE_BODY) ||
      mediaType(headers['content-type']) !== 'application/json'
    ) {
      return false
    }
    const started = performance.now()
    const requestId = requestIdOf(headers['x-request-id'], services.deps.crypto)
    const chunks: Buffer[] = []
    // A caller that goes away mid-body gets nothing; an 'error' event without a listener would
    // end the process.
    req.on('error', () => res.destroy())
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)
      void answer(services, metrics, res, headers.authorization as string, body, requestId, started)
    })
    return true
  }
}

/** Decides, writes the answer and records the exchange; never rejects. */
async function answer(
  services: Services,
  metrics: Metrics | undefined,
  res: ServerResponse,
  authorization: string,
  raw: Buffer,
  requestId: string,
  started: number,
): Promise<void> {
  const { deps } = services
  let actor: Actor | undefined
  let status: number
  let body: string | undefined
  let answers: readonly { readonly allowed: boolean }[] = []
  let refused: ErrorReply | undefined
  try {
    const secret = secretFromAuthorization(authorization)
    actor =
      secret === undefined
        ? undefined
        : (authenticateCached(deps, secret) ?? (await authenticateSecret(deps, secret)))
    if (actor === undefined) {
      throw new AppError('UNAUTHENTICATED')
    }
    recordUse(services, actor)
    let json: unknown
    try {
      json = JSON.parse(raw.toString('utf8'))
    } catch {
      // Word for word what the general path's validator says.
      throw invalidRequest('Malformed JSON in request body')
    }
    const parsed = AuthorizeRequest.safeParse(json)
    if (!parsed.success) {
      throw validationFailed(parsed.error.issues)
    }
    const input = parsed.data
    const query = authorizeInputOf(input)
    const withId = { ...actor, requestId }
    const result = authorizeCached(deps, withId, query) ?? (await authorize(deps, withId, query))
    answers = result.results
    body = JSON.stringify(presentAuthorizeReply(input, result))
    status = 200
  } catch (thrown) {
    // The lane answers only once the whole body is in: none is left unread.
    refused = errorReply(thrown, services.log, requestId, false)
    status = refused.status
  }
  try {
    if (refused === undefined) {
      writeJson(res, requestId, status, body as string)
      metrics?.countDecisions(answers)
    } else {
      writeError(res, requestId, refused)
    }
    const seconds = (performance.now() - started) / 1000
    recordAnswer(services.log, metrics, requestId, {
      method: 'POST',
      route: ROUTE,
      status,
      seconds,
      actor,
    })
  } catch (err) {
    services.log.error({ err, request_id: requestId }, 'fast lane failed')
    res.destroy()
  }
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}
