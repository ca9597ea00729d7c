import type { IncomingMessage, ServerResponse } from 'node:http'
import { AuthorizeRequest } from '@gatehouse/contract'
import {
  AppError,
  authenticateCached,
  authenticateSecret,
  authorize,
  authorizeCached,
} from '@gatehouse/core'
import { IMPERSONATE_HEADER, recordUse, secretFromAuthorization } from './authenticate.js'
import { asAppError, errorBody, statusOf, validationFailed } from './errors.js'
import type { Metrics } from './metrics.js'
import { loggedPrincipal, REQUEST_ID, SECURITY_HEADERS } from './request-context.js'
import { authorizeInputOf, presentAuthorizeReply } from './routes/authorize.js'
import type { Services } from './services.js'

/** The largest body the lane reads itself; larger ones take the general path (and its 413). */
const MAX_LANE_BODY = 64 * 1024
const ROUTE = '/v1/authorize'

/**
 * `POST /v1/authorize` straight from node:http, for the common case: a bearer credential and a
 * JSON body of known length. The general path (Hono) turns every request into a WHATWG Request
 * and runs a chain of middlewares; the profile showed that costing several times the decision
 * itself. Same steps in the same order (credential, then body, then decision), same use cases,
 * same error table and envelope, same headers, log line and metrics: a test sends the same
 * requests down both paths and compares the answers. Anything unusual (a cookie session,
 * impersonation, a query string, a chunked or large body) returns false: the general path takes
 * it, nothing read.
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
    const incoming = headers['x-request-id']
    const requestId =
      typeof incoming === 'string' && REQUEST_ID.test(incoming)
        ? incoming
        : services.deps.crypto.uuid()
    const chunks: Buffer[] = []
    // A caller that goes away mid-body gets nothing; an 'error' event without a listener would
    // end the process.
    req.on('error', () => res.destroy())
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)
      void answer(services, headers.authorization as string, body, requestId)
        .then((reply) => {
          res.writeHead(reply.status, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(reply.body),
            'x-request-id': requestId,
            ...SECURITY_HEADERS,
            'cache-control': 'no-store',
          })
          res.end(reply.body)
          const seconds = (performance.now() - started) / 1000
          metrics?.observeRequest({ method: 'POST', route: ROUTE, status: reply.status, seconds })
          if (reply.decisions !== undefined) {
            metrics?.countDecisions(reply.decisions.allowed, reply.decisions.denied)
          }
          if (services.log.isLevelEnabled('info')) {
            services.log.child({ request_id: requestId }).info(
              {
                method: 'POST',
                route: ROUTE,
                status: reply.status,
                ms: Math.round(seconds * 10_000) / 10,
                principal: reply.principal ?? null,
              },
              'request',
            )
          }
        })
        // answer() turns every failure into a reply; this is for the writing and counting.
        .catch((err: unknown) => {
          services.log.error({ err, request_id: requestId }, 'fast lane failed')
          res.destroy()
        })
    })
    return true
  }
}

interface Reply {
  readonly status: number
  readonly body: string
  readonly decisions?: { allowed: number; denied: number }
  readonly principal?: ReturnType<typeof loggedPrincipal>
}

async function answer(
  services: Services,
  authorization: string,
  raw: Buffer,
  requestId: string,
): Promise<Reply> {
  const { deps } = services
  let principal: Reply['principal']
  try {
    const secret = secretFromAuthorization(authorization)
    const actor =
      secret === undefined
        ? undefined
        : (authenticateCached(deps, secret) ?? (await authenticateSecret(deps, secret)))
    if (actor === undefined) {
      throw new AppError('UNAUTHENTICATED')
    }
    recordUse(services, actor)
    principal = loggedPrincipal(actor)
    let json: unknown
    try {
      json = JSON.parse(raw.toString('utf8'))
    } catch {
      // Word for word what the general path's validator says.
      throw new AppError('VALIDATION_FAILED', { reason: 'Malformed JSON in request body' })
    }
    const parsed = AuthorizeRequest.safeParse(json)
    if (!parsed.success) {
      throw validationFailed(parsed.error.issues)
    }
    const input = parsed.data
    const query = authorizeInputOf(input)
    const withId = { ...actor, requestId }
    const result = authorizeCached(deps, withId, query) ?? (await authorize(deps, withId, query))
    let allowed = 0
    for (const r of result.results) {
      allowed += r.allowed ? 1 : 0
    }
    return {
      status: 200,
      body: JSON.stringify(presentAuthorizeReply(input, result)),
      decisions: { allowed, denied: result.results.length - allowed },
      principal,
    }
  } catch (thrown) {
    const err = asAppError(thrown)
    if (err.kind === 'internal') {
      services.log
        .child({ request_id: requestId })
        .error({ err: err.cause ?? err }, 'unhandled error')
    }
    return {
      status: statusOf(err),
      body: JSON.stringify(errorBody(err, requestId)),
      ...(principal === undefined ? {} : { principal }),
    }
  }
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}
