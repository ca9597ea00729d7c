import { type GatehouseApi, OPERATIONS } from './generated/operations.js'
import type { CallOptions, OperationSpec } from './operation-spec.js'
import { type ClientOptions, createTransport, type Query } from './transport.js'

export type { GatehouseApi } from './generated/operations.js'

/** What one createApi method takes: `{ params?, query?, body? }`, as the operation needs. */
interface OperationArgs {
  readonly params?: Readonly<Record<string, string>>
  readonly query?: Query
  readonly body?: unknown
}

/** `/v1/api_key/{api_key_id}` with each `{name}` replaced by its encoded value. */
export function fillPath(spec: OperationSpec, params: Readonly<Record<string, string>> = {}) {
  let path = spec.path
  for (const name of spec.params) {
    const value = params[name]
    if (typeof value !== 'string' || value === '') {
      throw new TypeError(`${spec.method} ${spec.path} needs the path parameter ${name}`)
    }
    path = path.replace(`{${name}}`, encodeURIComponent(value))
  }
  return path
}

/**
 * The typed client generated from openapi.json: one method per operation, named by its
 * operationId, e.g. `api.listApiKeys({ query: { scope: 'org' } })` or
 * `api.deleteApiKey({ params: { api_key_id } })`. Each resolves to the response body as the API
 * sends it (lists keep their `{ objects }` envelope) and rejects with a GatehouseApiError whose
 * `code` is the API's. `token` authenticates scripts and services; in a browser, leave it out:
 * the session cookie goes along, with the CSRF header on writes when `csrfToken` reads it.
 */
export function createApi(options: ClientOptions = {}): GatehouseApi {
  const transport = createTransport(options)
  const api: Record<string, (args?: OperationArgs, call?: CallOptions) => Promise<unknown>> = {}
  for (const [operationId, spec] of Object.entries(OPERATIONS) as [string, OperationSpec][]) {
    api[operationId] = (args = {}, call = {}) =>
      transport(spec.method, fillPath(spec, args.params), {
        query: args.query,
        body: spec.body === 'none' ? undefined : args.body,
        headers: call.headers,
        signal: call.signal,
      })
  }
  return api as unknown as GatehouseApi
}

/** The first argument of an operation's method, e.g. `OperationArgsOf<'listApiKeys'>`. */
export type OperationArgsOf<Id extends keyof GatehouseApi> = NonNullable<
  Parameters<GatehouseApi[Id]>[0]
>
/** What an operation resolves to, e.g. `OperationResultOf<'listApiKeys'>['objects']`. */
export type OperationResultOf<Id extends keyof GatehouseApi> = Awaited<ReturnType<GatehouseApi[Id]>>
