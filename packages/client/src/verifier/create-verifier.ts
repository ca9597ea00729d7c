import { createHash } from 'node:crypto'
import { AuthorizeCheck } from '@gatehouse/contract'
import { errorFromResponse, GatehouseApiError, networkError } from '../errors.js'
import type * as S from '../generated/schemas.js'
import { LruCache } from './lru-cache.js'

/** Who a credential belongs to, as `/v1/authorize` reports it. */
export type Principal = S.AuthorizeResponse['principal']
export type Permission = S.Permission
export type ObjectType = NonNullable<S.AclObjectType>

/** One question: may the credential do `permission` on this object? */
export interface Check {
  readonly permission: Permission
  readonly objectType: ObjectType
  readonly objectId: string
  /** The project of a child object (experiment, dataset, …). */
  readonly projectId?: string | null | undefined
}

/**
 * The answer for one credential: its principal and one decision per check, in order. A
 * credential Gatehouse does not accept (unknown, revoked, expired) has `principal: null` and
 * every decision false.
 */
export interface Authorization {
  readonly principal: Principal | null
  readonly decisions: readonly boolean[]
}

export interface VerifierOptions {
  /** Where Gatehouse is, e.g. `https://gatehouse.internal:8700`. */
  readonly baseUrl: string
  /**
   * How long an answer is reused, in milliseconds (default 1000). This is the verifier's
   * revocation bound: a key revoked in Gatehouse may still pass here for up to this long.
   * 0 turns caching off (identical concurrent lookups still share one request).
   */
  readonly ttlMs?: number
  /** At most this many cached answers (default 10,000); the least recently used go first. */
  readonly maxEntries?: number
  /** Sent as `org_name`, for credentials that belong to several organizations (sessions). */
  readonly orgName?: string
  /** Gives up on a request to Gatehouse after this long (default 5000 ms). */
  readonly timeoutMs?: number
  /** The fetch to use; the global fetch by default. */
  readonly fetch?: typeof fetch
  /** The clock, in milliseconds (tests pass a fake one); Date.now by default. */
  readonly now?: () => number
}

export interface Verifier {
  /**
   * Asks Gatehouse what `credential` (an API key or service token, as the end user sent it)
   * may do, answering from the cache where it can; the misses go in one request per 100.
   * @throws GatehouseApiError when Gatehouse cannot answer (network, 5xx), or VALIDATION_FAILED
   * (status 400, nothing sent) for a check the API would refuse
   */
  authorize(credential: string, checks: readonly Check[]): Promise<Authorization>
  /** One check; false when the credential is not accepted. @throws GatehouseApiError */
  check(
    credential: string,
    permission: Permission,
    objectType: ObjectType,
    objectId: string,
    projectId?: string | null,
  ): Promise<boolean>
  /** Forgets every cached answer (requests in flight are not cached either). */
  clear(): void
  /** How many answers are cached. */
  readonly size: number
}

/** The API's limit on checks per request. */
export const MAX_CHECKS_PER_REQUEST = 100

interface Decision {
  readonly principal: Principal
  readonly allowed: boolean
}
const UNAUTHENTICATED = Symbol('unauthenticated')
type Answer = Decision | typeof UNAUTHENTICATED

interface Entry {
  readonly answer: Answer
  readonly expiresAt: number
}

/** The cache key of a credential: its SHA-256, so no secret stays in memory as a key. */
function credentialKey(credential: string): string {
  return createHash('sha256').update(credential).digest('base64')
}

// NUL cannot occur in a header value or a JSON id the API accepts: the fields cannot run together.
function checkKey(credential: string, check: Check): string {
  const project = check.projectId ?? ''
  return `${credential}\0${check.permission}\0${check.objectType}\0${check.objectId}\0${project}`
}

/**
 * The API's own rule for a check (a UUID, or the data plane's id for experiments, datasets,
 * prompts and prompt sessions), applied before anything is sent or cached: a bad id in an end
 * user's URL is the same 400 VALIDATION_FAILED Gatehouse would answer, without the round trip.
 * @throws GatehouseApiError
 */
function assertValid(check: Check, index: number): void {
  const parsed = AuthorizeCheck.safeParse({
    permission: check.permission,
    object_type: check.objectType,
    object_id: check.objectId,
    project_id: check.projectId ?? null,
  })
  if (!parsed.success) {
    throw new GatehouseApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'The request is not valid',
      requestId: null,
      details: {
        issues: parsed.error.issues.map((issue) => ({
          path: ['checks', index, ...issue.path].map(String).join('.'),
          message: issue.message,
        })),
      },
    })
  }
}

/**
 * An in-process cache in front of `POST /v1/authorize` for data planes. Answers are cached per
 * (SHA-256 of the credential, check) for `ttlMs`, in an LRU of `maxEntries`; a credential
 * Gatehouse refuses (401) is cached as unauthenticated for `ttlMs` too, so a stream of bad keys
 * costs at most one request per key per TTL. Identical lookups in flight share one request.
 *
 * There is no `token` option: /v1/authorize answers for the credential it is sent, so the
 * verifier sends the end user's credential (`Authorization: Bearer …`) and nothing else.
 */
export function createVerifier(options: VerifierOptions): Verifier {
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const ttlMs = options.ttlMs ?? 1000
  const timeoutMs = options.timeoutMs ?? 5000
  const now = options.now ?? Date.now
  const send: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  if (!Number.isFinite(ttlMs) || ttlMs < 0) {
    throw new RangeError(`ttlMs must be a non-negative number, not ${ttlMs}`)
  }
  const cache = new LruCache<string, Entry>(options.maxEntries ?? 10_000)
  const inFlight = new Map<string, Promise<Answer>>()
  // Answers to requests sent before clear() must not refill the cache after it.
  let generation = 0

  function fresh(key: string, at: number): Answer | undefined {
    const entry = cache.get(key)
    if (entry === undefined) {
      return undefined
    }
    if (entry.expiresAt <= at) {
      cache.delete(key)
      return undefined
    }
    return entry.answer
  }

  function remember(key: string, answer: Answer, expiresAt: number, sentIn: number): void {
    if (ttlMs > 0 && sentIn === generation) {
      cache.set(key, { answer, expiresAt })
    }
  }

  /** One /v1/authorize request for `checks`: one answer per check, or UNAUTHENTICATED. */
  async function ask(credential: string, checks: readonly Check[]): Promise<Answer[]> {
    const body = {
      ...(options.orgName === undefined ? {} : { org_name: options.orgName }),
      checks: checks.map((c) => ({
        permission: c.permission,
        object_type: c.objectType,
        object_id: c.objectId,
        ...(c.projectId === undefined || c.projectId === null ? {} : { project_id: c.projectId }),
      })),
    }
    let response: Response
    let parsed: unknown
    try {
      response = await send(`${baseUrl}/v1/authorize`, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${credential}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
      const text = await response.text()
      parsed = text === '' ? undefined : JSON.parse(text)
    } catch (cause) {
      throw networkError(cause)
    }
    if (response.status === 401) {
      return checks.map(() => UNAUTHENTICATED)
    }
    if (!response.ok) {
      throw errorFromResponse(response, parsed)
    }
    const answer = parsed as S.AuthorizeResponse
    return checks.map((_, i) => ({
      principal: answer.principal,
      allowed: answer.results[i]?.allowed === true,
    }))
  }

  /** Sends the misses (at most 100 per request) and registers them as in flight. */
  function lookUp(
    credential: string,
    hash: string,
    misses: ReadonlyMap<string, Check>,
  ): Map<string, Promise<Answer>> {
    const pending = new Map<string, Promise<Answer>>()
    const entries = [...misses]
    for (let start = 0; start < entries.length; start += MAX_CHECKS_PER_REQUEST) {
      const chunk = entries.slice(start, start + MAX_CHECKS_PER_REQUEST)
      const sentAt = now()
      const sentIn = generation
      const request = ask(
        credential,
        chunk.map(([, check]) => check),
      ).then((answers) => {
        const expiresAt = sentAt + ttlMs
        if (answers[0] === UNAUTHENTICATED) {
          remember(hash, UNAUTHENTICATED, expiresAt, sentIn)
        }
        chunk.forEach(([key], i) => {
          const answer = answers[i] ?? UNAUTHENTICATED
          if (answer !== UNAUTHENTICATED) {
            remember(key, answer, expiresAt, sentIn)
          }
        })
        return answers
      })
      chunk.forEach(([key], i) => {
        const one = request.then((answers) => answers[i] ?? UNAUTHENTICATED)
        const settled = one.finally(() => {
          if (inFlight.get(key) === settled) {
            inFlight.delete(key)
          }
        })
        inFlight.set(key, settled)
        pending.set(key, settled)
      })
    }
    return pending
  }

  async function authorize(credential: string, checks: readonly Check[]): Promise<Authorization> {
    if (checks.length === 0) {
      throw new RangeError('authorize needs at least one check')
    }
    checks.forEach(assertValid)
    const hash = credentialKey(credential)
    const at = now()
    const refused = { principal: null, decisions: checks.map(() => false) }
    if (fresh(hash, at) === UNAUTHENTICATED) {
      return refused
    }
    const keys: string[] = []
    const answers = new Map<string, Answer | Promise<Answer>>()
    const misses = new Map<string, Check>()
    for (const check of checks) {
      const key = checkKey(hash, check)
      keys.push(key)
      if (answers.has(key) || misses.has(key)) {
        continue
      }
      const known = fresh(key, at) ?? inFlight.get(key)
      if (known === undefined) {
        misses.set(key, check)
      } else {
        answers.set(key, known)
      }
    }
    if (misses.size > 0) {
      for (const [key, answer] of lookUp(credential, hash, misses)) {
        answers.set(key, answer)
      }
    }
    const settled = await Promise.all(keys.map((key) => answers.get(key)))
    let principal: Principal | null = null
    const decisions: boolean[] = []
    for (const answer of settled) {
      if (answer === undefined || answer === UNAUTHENTICATED) {
        return refused
      }
      principal ??= answer.principal
      decisions.push(answer.allowed)
    }
    return { principal, decisions }
  }

  return {
    authorize,
    async check(credential, permission, objectType, objectId, projectId) {
      const { decisions } = await authorize(credential, [
        { permission, objectType, objectId, projectId },
      ])
      return decisions[0] === true
    },
    clear() {
      generation += 1
      cache.clear()
      inFlight.clear()
    },
    get size() {
      return cache.size
    },
  }
}
