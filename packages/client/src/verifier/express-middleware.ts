import type { Principal, Verifier } from './create-verifier.js'
import { decideRequest, type Requirement, refusalOf } from './decide-request.js'

/** The part of an Express request the middleware uses (express is not a dependency). */
export interface ExpressRequestLike {
  readonly headers: { readonly authorization?: string | undefined }
  principal?: Principal | undefined
}

/** The part of an Express response the middleware uses. */
export interface ExpressResponseLike {
  status(code: number): unknown
  set(field: string, value: string): unknown
  json(body: unknown): unknown
}

/**
 * Express middleware: 401 without an accepted credential, 403 when `requirement(req)` is not
 * met, else `req.principal = …` and `next()`. A failure to reach Gatehouse goes to `next(err)`.
 * For the type of `req.principal`, add `principal?: Principal` to Express's Request.
 */
export function expressMiddleware<Req extends ExpressRequestLike>(
  verifier: Verifier,
  requirement: (req: Req) => Requirement | Promise<Requirement>,
) {
  return async (req: Req, res: ExpressResponseLike, next: (err?: unknown) => void) => {
    try {
      const outcome = await decideRequest(
        verifier,
        req.headers.authorization,
        await requirement(req),
      )
      if (outcome.kind !== 'allowed') {
        const refusal = refusalOf(outcome)
        res.status(refusal.status)
        for (const [name, value] of Object.entries(refusal.headers)) {
          res.set(name, value)
        }
        res.json(refusal.body)
        return
      }
      req.principal = outcome.principal
    } catch (err) {
      next(err)
      return
    }
    next()
  }
}
