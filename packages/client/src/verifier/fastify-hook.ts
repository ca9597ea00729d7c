import type { Principal, Verifier } from './create-verifier.js'
import { decideRequest, type Requirement, refusalOf } from './decide-request.js'

/** The part of a Fastify request the hook uses (fastify is not a dependency). */
export interface FastifyRequestLike {
  readonly headers: { readonly authorization?: string | undefined }
  principal?: Principal | null | undefined
}

/** The part of a Fastify reply the hook uses. */
export interface FastifyReplyLike {
  code(statusCode: number): unknown
  header(name: string, value: string): unknown
  send(payload?: unknown): unknown
}

/**
 * A Fastify `onRequest` (or `preHandler`) hook: 401 without an accepted credential, 403 when
 * `requirement(request)` is not met, else `request.principal = …`. Declare the property once
 * with `app.decorateRequest('principal', null)`. A failure to reach Gatehouse is thrown to
 * Fastify's error handler.
 */
export function fastifyHook<Req extends FastifyRequestLike, Reply extends FastifyReplyLike>(
  verifier: Verifier,
  requirement: (request: Req) => Requirement | Promise<Requirement>,
) {
  return async (request: Req, reply: Reply): Promise<Reply | undefined> => {
    const outcome = await decideRequest(
      verifier,
      request.headers.authorization,
      await requirement(request),
    )
    if (outcome.kind !== 'allowed') {
      const refusal = refusalOf(outcome)
      reply.code(refusal.status)
      for (const [name, value] of Object.entries(refusal.headers)) {
        reply.header(name, value)
      }
      reply.send(refusal.body)
      // An async hook that has replied returns the reply: Fastify then skips the handler.
      return reply
    }
    request.principal = outcome.principal
    return undefined
  }
}
