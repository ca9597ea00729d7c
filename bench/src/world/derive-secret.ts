import { createHash } from 'node:crypto'
import { CREDENTIAL_PREFIXES, checksumOf, RANDOM_LENGTH } from '@gatehouse/core'
import type { Prng } from './prng.js'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * A well-formed API key (prefix, base62 body, checksum) from the world's stream: deterministic,
 * which a benchmark needs and a real key must never be (core's generateSecret uses a CSPRNG).
 */
export function deriveSecret(rng: Prng): string {
  let body: string = CREDENTIAL_PREFIXES.api_key
  for (let i = 0; i < RANDOM_LENGTH; i++) {
    body += ALPHABET[rng.int(ALPHABET.length)]
  }
  return body + checksumOf(body)
}

/** What storage keeps of a secret: core's hashSecret over node:crypto. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** core's previewOf for a secret known to be a well-formed API key, without re-parsing it. */
export function previewOfKey(secret: string): string {
  const prefix = CREDENTIAL_PREFIXES.api_key
  return `${prefix}${secret.slice(prefix.length, prefix.length + 4)}…${secret.slice(-4)}`
}
