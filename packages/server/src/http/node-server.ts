import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'

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
export function createNodeServer(handlers: () => Handlers | undefined): Server {
  const general = getRequestListener((request, env) => {
    const current = handlers()
    return current === undefined ? new Response(null, { status: 503 }) : current.fetch(request, env)
  })
  return createServer((req, res) => {
    if (handlers()?.lane?.(req, res) !== true) {
      void general(req, res)
    }
  })
}
