import { type Deps, hashSecret, randomBase62 } from '@gatehouse/core'

const SETUP_TTL_MS = 60 * 60 * 1000

/**
 * The one-time first-run link (`/setup?token=…`): made by the process that found no organization,
 * kept only in its memory (as a hash), valid for an hour and for one use.
 */
export class SetupLinks {
  readonly #deps: Deps
  #current: { hash: string; expiresAt: number } | undefined

  constructor(deps: Deps) {
    this.#deps = deps
  }

  /** A new token; any earlier one stops working. */
  issue(): string {
    const token = randomBase62(this.#deps.crypto, 43)
    this.#current = {
      hash: hashSecret(this.#deps.crypto, token),
      expiresAt: this.#deps.clock.now() + SETUP_TTL_MS,
    }
    return token
  }

  /** True while `token` is the live one; does not use it up. */
  isValid(token: string): boolean {
    const current = this.#current
    return (
      current !== undefined &&
      current.expiresAt > this.#deps.clock.now() &&
      hashSecret(this.#deps.crypto, token) === current.hash
    )
  }

  /**
   * Takes the token for one setup attempt (synchronously, so two requests cannot both hold it).
   * Returns a function that puts it back, for an attempt that failed on its input.
   */
  take(token: string): (() => void) | undefined {
    const current = this.#current
    if (current === undefined || !this.isValid(token)) {
      return undefined
    }
    this.#current = undefined
    return () => {
      this.#current ??= current
    }
  }
}
