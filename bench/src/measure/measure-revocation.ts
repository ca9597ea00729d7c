import { createHttpClient } from '../support/http-client.js'
import { type StartedServer, startGatehouse } from '../support/start-server.js'
import type { SampledKey } from '../world/world-sample.js'
import { type Spread, spreadOf } from './percentiles.js'

export interface RevocationResult {
  readonly revocations: number
  /** From node 1's answer to the DELETE to the first 401 on node 2 or 3 (one value per node). */
  readonly delayMs: Spread
  /** Waits that reached the time limit (their key was still accepted). */
  readonly timeouts: number
  /** Node 1 accepted its own revoked key on the very next request (must be 0). */
  readonly staleOnRevokingNode: number
  /** The DELETE itself, as node 1's client saw it. */
  readonly deleteMs: Spread
  /** The mean time between two polls of a node: the resolution of the delays. */
  readonly pollIntervalMs: number
}

function authorizeRequest(key: SampledKey) {
  return {
    method: 'POST',
    headers: { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      checks: [{ permission: 'read', object_type: 'organization', object_id: key.orgId }],
    }),
  }
}

interface Poll {
  /** When the node first answered 401, or undefined if it never did before the deadline. */
  readonly refusedAt: number | undefined
  readonly requests: number
  readonly elapsedMs: number
}

/** Polls a node with the key, one request after the other, until it answers 401. */
async function pollUntilRefused(url: string, key: SampledKey, deadline: number): Promise<Poll> {
  const client = createHttpClient(1)
  const started = performance.now()
  let requests = 0
  try {
    while (performance.now() < deadline) {
      const reply = await client.send(`${url}/v1/authorize`, authorizeRequest(key))
      requests++
      if (reply.status === 401) {
        const refusedAt = performance.now()
        return { refusedAt, requests, elapsedMs: refusedAt - started }
      }
    }
    return { refusedAt: undefined, requests, elapsedMs: performance.now() - started }
  } finally {
    client.close()
  }
}

/**
 * Three Gatehouse nodes on one PostgreSQL database. For each key: nodes 2 and 3 accept it (so
 * it sits in their caches), are polled with it without pause, and node 1 revokes it with the
 * org owner's key; the delay is until each of nodes 2 and 3 first refuses it.
 */
export async function measureRevocation(
  databaseUrl: string,
  owner: SampledKey,
  keys: readonly SampledKey[],
  options: { waitLimitMs: number },
): Promise<RevocationResult> {
  const nodes: StartedServer[] = []
  const client = createHttpClient(2)
  try {
    for (let i = 0; i < 3; i++) {
      nodes.push(await startGatehouse(databaseUrl))
    }
    const [first, ...others] = nodes as [StartedServer, StartedServer, StartedServer]
    const delays: number[] = []
    const deletes: number[] = []
    let timeouts = 0
    let staleOnRevokingNode = 0
    let pollRequests = 0
    let pollMs = 0
    for (const key of keys) {
      for (const node of others) {
        const reply = await client.send(`${node.url}/v1/authorize`, authorizeRequest(key))
        if (reply.status !== 200) {
          throw new Error(`node refused a live key before its revocation (${reply.status})`)
        }
      }
      const deadline = performance.now() + options.waitLimitMs
      const polls = others.map((node) => pollUntilRefused(node.url, key, deadline))
      const sent = performance.now()
      const deleted = await client.send(`${first.url}/v1/api_key/${key.keyId}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${owner.secret}` },
      })
      const revokedAt = performance.now()
      if (deleted.status !== 200) {
        throw new Error(`revoking through node 1 answered ${deleted.status}: ${deleted.body}`)
      }
      deletes.push(revokedAt - sent)
      const after = await client.send(`${first.url}/v1/authorize`, authorizeRequest(key))
      if (after.status !== 401) {
        staleOnRevokingNode++
      }
      for (const { refusedAt, requests, elapsedMs } of await Promise.all(polls)) {
        pollRequests += requests
        pollMs += elapsedMs
        if (refusedAt === undefined) {
          timeouts++
          delays.push(options.waitLimitMs)
        } else {
          delays.push(Math.max(0, refusedAt - revokedAt))
        }
      }
    }
    return {
      revocations: keys.length,
      delayMs: spreadOf(delays),
      timeouts,
      staleOnRevokingNode,
      deleteMs: spreadOf(deletes),
      pollIntervalMs: pollMs / Math.max(1, pollRequests),
    }
  } finally {
    client.close()
    await Promise.all(nodes.map((node) => node.stop()))
  }
}
