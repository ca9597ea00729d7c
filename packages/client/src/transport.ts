import { errorFromResponse, networkError } from './errors.js'

export interface ClientOptions {
  /** Where the API is, e.g. `https://gatehouse.example.com`; empty (the default): same origin. */
  readonly baseUrl?: string
  /** The fetch to use (tests pass a fake); the global fetch by default. */
  readonly fetch?: typeof fetch
  /**
   * The session's CSRF token, read when a write is sent (the browser UI reads the
   * `gatehouse_csrf` cookie); sent as `x-csrf-token` on every request that is not a GET.
   */
  readonly csrfToken?: () => string | undefined
  /** An API key or service token, sent as `Authorization: Bearer …` (the CLI, scripts). */
  readonly token?: string
}

/** A query's values: arrays repeat the parameter (`?ids=a&ids=b`); undefined and null are left out. */
export type QueryValue = string | number | boolean | readonly string[] | null | undefined
export type Query = { readonly [name: string]: QueryValue }

export interface TransportRequest {
  readonly query?: Query | undefined
  /** Sent as JSON when defined. */
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly signal?: AbortSignal | undefined
}

/** Sends one request and resolves to the parsed JSON body. @throws GatehouseApiError */
export type Transport = (method: string, path: string, init?: TransportRequest) => Promise<unknown>

const CSRF_HEADER = 'x-csrf-token'

/** `?a=1&ids=x&ids=y`, or '' when nothing is set. */
export function queryString(query: Query | undefined): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) {
      continue
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        params.append(name, item)
      }
    } else {
      params.append(name, String(value))
    }
  }
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

/**
 * The one way both clients talk HTTP: JSON in and out, the Bearer token or the session's CSRF
 * header, and every failure turned into a GatehouseApiError (NETWORK when nothing answered).
 */
export function createTransport(options: ClientOptions = {}): Transport {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '')
  // An unbound window.fetch throws "Illegal invocation" in browsers: call it through the global.
  const send: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  return async (method, path, init = {}) => {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (init.body !== undefined) {
      headers['content-type'] = 'application/json'
    }
    if (options.token !== undefined) {
      headers.authorization = `Bearer ${options.token}`
    }
    if (method !== 'GET' && method !== 'HEAD') {
      const csrf = options.csrfToken?.()
      if (csrf !== undefined && csrf !== '') {
        headers[CSRF_HEADER] = csrf
      }
    }
    Object.assign(headers, init.headers)
    let response: Response
    let text: string
    try {
      response = await send(`${baseUrl}${path}${queryString(init.query)}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        ...(init.signal === undefined ? {} : { signal: init.signal }),
      })
      text = await response.text()
    } catch (cause) {
      throw networkError(cause)
    }
    let body: unknown
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      body = undefined
    }
    if (!response.ok) {
      throw errorFromResponse(response, body)
    }
    return body
  }
}
