import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { AppError, type ErrorCode } from '@gatehouse/core'
import { getRequestListener } from '@hono/node-server'
import { errorBody, statusOf } from './errors.js'
import { ANSWER_HEADERS } from './exchange.js'
import { DEFAULT_TIMEOUTS, type ServerTimeouts } from './server-timeouts.js'

export interface Handlers {
  /** The general path: every route. */
  readonly fetch: (request: Request, env: unknown) => Response | Promise<Response>
  /** Takes the requests it can answer faster (true), leaving the rest to `fetch` (false). */
  readonly lane?: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined
}

/**
 * The HTTP server: the fast lane first, then Hono. `handlers` is read per request, so a server
 * can listen before its app exists (it answers 503 until then).
 */
export function createNodeServer(
  handlers: () => Handlers | undefined,
  timeouts: ServerTimeouts = DEFAULT_TIMEOUTS,
): Server {
  const general = getRequestListener((request, env) => {
    const current = handlers()
    return current === undefined ? new Response(null, { status: 503 }) : current.fetch(request, env)
  })
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // node checks the two timeouts on this period (30 s by default), which would let a slow
      // client hold its connection well past them.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(timeouts.headersMs / 4))),
    },
    (req, res) => {
      if (handlers()?.lane?.(req, res) !== true) {
        void general(req, res)
      }
    },
  )
  server.on('clientError', answerClientError)
  return server
}

const CLIENT_ERRORS: Readonly<Record<string, ErrorCode>> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
}

/**
 * What node's parser refuses before any handler runs (a request too slow, headers too large,
 * bytes that are not HTTP) gets the error envelope too, instead of node's bare status line, and
 * the connection is closed.
 */
function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  // A response already under way cannot be replaced by another.
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  if (err.code === 'ECONNRESET' || !socket.writable || answering?.headersSent === true) {
    socket.destroy()
    return
  }
  if (answered.has(socket)) {
    return
  }
  answered.add(socket)
  const error = new AppError(CLIENT_ERRORS[err.code ?? ''] ?? 'MALFORMED_REQUEST')
  const status = statusOf(error)
  // No request was parsed, so there is no request id to keep: this answer makes one.
  const body = JSON.stringify(errorBody(error, crypto.randomUUID()))
  const headers = [
    `HTTP/1.1 ${status} ${error.message}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
    ...Object.entries(ANSWER_HEADERS).map(([name, value]) => `${name}: ${value}`),
    'connection: close',
  ]
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`)
  // The client may still be sending (the rest of a long URL, say): closing with unread bytes
  // would reset the connection before it reads the answer. Read and drop them for a moment.
  socket.resume()
  setTimeout(() => socket.destroy(), LINGER_MS).unref()
}

/** How long a refused connection is read from after the answer, before it is dropped. */
const LINGER_MS = 1000
const answered = new WeakSet<Duplex>()
