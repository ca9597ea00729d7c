import type { Principal, Verifier } from './create-verifier.js'
import { decideRequest, type Requirement, refusalOf } from './decide-request.js'

/**
 * The part of a Hono Context the middleware and most requirement functions use (no import of
 * hono: it is not a dependency). Annotate the requirement's parameter with Hono's own
 * `Context<Env, Path>` for the route's typed params.
 */
export interface HonoContextLike {
  readonly req: {
    readonly method: string
    readonly path: string
    header(name: string): string | undefined
    param(name: string): string | undefined
    query(name: string): string | undefined
  }
  set(key: 'principal', value: Principal): void
}

/**
 * Hono middleware: 401 without an accepted credential, 403 when `requirement(c)` is not met,
 * else `c.set('principal', …)` and on to the next handler. Declare the variable in your Env:
 * `new Hono<{ Variables: { principal: Principal } }>()`.
 */
export function honoMiddleware<C extends HonoContextLike>(
  verifier: Verifier,
  requirement: (c: C) => Requirement | Promise<Requirement>,
) {
  return async (c: C, next: () => Promise<void>): Promise<Response | undefined> => {
    const outcome = await decideRequest(
      verifier,
      c.req.header('authorization'),
      await requirement(c),
    )
    if (outcome.kind !== 'allowed') {
      const refusal = refusalOf(outcome)
      return Response.json(refusal.body, { status: refusal.status, headers: refusal.headers })
    }
    c.set('principal', outcome.principal)
    await next()
    return undefined
  }
}
