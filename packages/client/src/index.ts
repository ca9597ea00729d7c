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
  isGatehouseApiError,
} from './errors.js'
export type * from './types.js'
