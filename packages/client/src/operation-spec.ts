/** Per-call options of every createApi method. */
export interface CallOptions {
  /** Aborts the request (e.g. `AbortSignal.timeout(5000)`). */
  readonly signal?: AbortSignal | undefined
  /** Extra headers for this call, e.g. `x-bt-impersonate-user` for an owner's impersonation. */
  readonly headers?: Readonly<Record<string, string>> | undefined
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** How one operation is called: a row of the generated OPERATIONS table. */
export interface OperationSpec {
  readonly method: HttpMethod
  /** The path template, e.g. `/v1/api_key/{api_key_id}`. */
  readonly path: string
  /** Names of the path parameters, in the order they appear. */
  readonly params: readonly string[]
  /** Names of the query parameters the operation reads. */
  readonly query: readonly string[]
  readonly body: 'none' | 'optional' | 'required'
  /** The error codes it documents, by HTTP status. */
  readonly errors: Readonly<Record<number, readonly string[]>>
}
