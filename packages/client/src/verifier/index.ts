export {
  type Authorization,
  type Check,
  createVerifier,
  MAX_CHECKS_PER_REQUEST,
  type ObjectType,
  type Permission,
  type Principal,
  type Verifier,
  type VerifierOptions,
} from './create-verifier.js'
export { decideRequest, type Outcome, type Refusal, type Requirement } from './decide-request.js'
export {
  type ExpressRequestLike,
  type ExpressResponseLike,
  expressMiddleware,
} from './express-middleware.js'
export { type FastifyReplyLike, type FastifyRequestLike, fastifyHook } from './fastify-hook.js'
export { type HonoContextLike, honoMiddleware } from './hono-middleware.js'
export { credentialFromAuthorization } from './read-credential.js'
