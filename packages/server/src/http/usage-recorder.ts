import type { Deps } from '@gatehouse/core'

type Kind = 'api_key' | 'service_token'

/**
 * Collects when each API key and service token was last used, in memory, and writes it in
 * batches (every 30 s and on shutdown) so the request path never writes. Memory is one entry per
 * credential used since the last flush. A crash loses at most one interval of last-used times,
 * which are informational.
 */
export class UsageRecorder {
  readonly #deps: Deps
  readonly #pending = new Map<string, { kind: Kind; id: string; at: number }>()
  #timer: ReturnType<typeof setInterval> | undefined
  #flushing: Promise<number> | undefined

  constructor(deps: Deps) {
    this.#deps = deps
  }

  record(kind: Kind, id: string, at: number): void {
    const key = `${kind}:${id}`
    const seen = this.#pending.get(key)
    if (seen === undefined || seen.at < at) {
      this.#pending.set(key, { kind, id, at })
    }
  }

  get pending(): number {
    return this.#pending.size
  }

  /** Writes what was collected in one transaction; returns how many credentials it touched. */
  async flush(): Promise<number> {
    // One flush at a time; a second caller waits for the running one, then flushes the rest.
    await this.#flushing
    const batch = [...this.#pending.values()]
    this.#pending.clear()
    if (batch.length === 0) {
      return 0
    }
    this.#flushing = this.#deps.store
      .transaction(async (tx) => {
        for (const u of batch) {
          await (u.kind === 'api_key' ? tx.apiKeys : tx.serviceTokens).touch(u.id, u.at)
        }
        return batch.length
      })
      .catch((err: unknown) => {
        // Put the batch back (newer uses win) so the next flush retries it.
        for (const u of batch) {
          this.record(u.kind, u.id, u.at)
        }
        throw err
      })
    try {
      return await this.#flushing
    } finally {
      this.#flushing = undefined
    }
  }

  /** Flushes every `intervalMs` until {@link stop}; failures are reported to `onError`. */
  start(intervalMs: number, onError: (err: unknown) => void): void {
    this.#timer ??= setInterval(() => {
      this.flush().catch(onError)
    }, intervalMs)
    this.#timer.unref()
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) {
      clearInterval(this.#timer)
      this.#timer = undefined
    }
    await this.flush()
  }
}
