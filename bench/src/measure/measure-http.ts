import { type ProcessMemory, readProcessMemory } from '../support/process-memory.js'
import type { StartedServer } from '../support/start-server.js'
import type { SampledKey } from '../world/world-sample.js'
import { type HttpLoad, loadAuthorize } from './load-authorize.js'

export interface HttpMeasurement {
  readonly target: string
  /** Spawn to the first 200 from GET /readyz. */
  readonly startMs: number
  /** The untimed pass that puts every sampled key in the caches (one request per key). */
  readonly warmup: HttpLoad
  readonly load: HttpLoad
  /** The server's memory after the measured load. */
  readonly memory: ProcessMemory
}

const WARMUP_CONNECTIONS = 4

export interface HttpOptions {
  readonly connections: number
  readonly durationSec: number
}

/**
 * Starts a server, warms it with one request per sampled key (so the timed run is warm), loads
 * it for the duration at `connections`, reads its memory, and stops it, whatever happens.
 */
export async function measureHttp(
  target: string,
  start: () => Promise<StartedServer>,
  keys: readonly SampledKey[],
  options: HttpOptions,
): Promise<HttpMeasurement> {
  const server = await start()
  try {
    // Few connections: at 32, every request for a not-yet-cached org builds that org's index
    // at once (no single flight), and on PostgreSQL the pass then outlasts the cache's 30 s TTL,
    // so the timed run would start cold again.
    const warmup = await loadAuthorize(server.url, keys, {
      connections: WARMUP_CONNECTIONS,
      amount: keys.length,
    })
    const load = await loadAuthorize(server.url, keys, {
      connections: options.connections,
      durationSec: options.durationSec,
    })
    return { target, startMs: server.startMs, warmup, load, memory: readProcessMemory(server.pid) }
  } finally {
    await server.stop()
  }
}
