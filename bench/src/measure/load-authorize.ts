import autocannon from 'autocannon'
import type { SampledKey } from '../world/world-sample.js'

export interface HttpLoad {
  readonly requestsPerSec: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly requests: number
  readonly non2xx: number
  readonly errors: number
  readonly durationSec: number
}

/** One authorize call per sampled key, in the wire format: Bearer key, one check. */
function requestsOf(keys: readonly SampledKey[]) {
  return keys.map((key) => ({
    headers: {
      authorization: `Bearer ${key.secret}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      checks: [
        {
          permission: key.check.permission,
          object_type: key.check.objectType,
          object_id: key.check.objectId,
          ...(key.check.projectId === undefined ? {} : { project_id: key.check.projectId }),
        },
      ],
    }),
  }))
}

/**
 * `POST /v1/authorize` at `connections` concurrent connections for `durationSec` (or for
 * `amount` requests), the keys rotated over the sample (autocannon, in this process; loopback).
 */
export async function loadAuthorize(
  baseUrl: string,
  keys: readonly SampledKey[],
  options: { connections: number; durationSec?: number; amount?: number },
): Promise<HttpLoad> {
  const requests = requestsOf(keys)
  let next = 0
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    ...(options.amount === undefined
      ? { duration: options.durationSec }
      : { amount: options.amount }),
    requests: [
      {
        method: 'POST',
        path: '/v1/authorize',
        setupRequest: (request) => {
          const chosen = requests[next++ % requests.length]
          return { ...request, ...chosen }
        },
      },
    ],
  })
  return {
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    durationSec: result.duration,
  }
}
