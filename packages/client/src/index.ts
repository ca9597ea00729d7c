export {
  createApi,
  type GatehouseApi,
  type OperationArgsOf,
  type OperationResultOf,
} from './api.js'
export {
  type ClientOptions,
  createClient,
  csrfTokenFromCookie,
  type GatehouseClient,
  queryString,
} from './client.js'
export {
  type ClientErrorCode,
  GatehouseApiError,
  type GatehouseApiErrorInit,
  type GatehouseErrorCode,
  isGatehouseApiError,
} from './errors.js'
export {
  type ApiErrorCode,
  OPERATIONS,
  type OperationErrorCodes,
} from './generated/operations.js'
/** The API's component schemas as TypeScript types, e.g. `Schemas.ApiKey`. */
export type * as Schemas from './generated/schemas.js'
export type { CallOptions, HttpMethod, OperationSpec } from './operation-spec.js'
export type * from './types.js'
