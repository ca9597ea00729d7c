import type { Crypto } from '../ports.js'

/**
 * Secret format, after GitHub's: a type prefix, 32 base62 characters from a CSPRNG (≈190 bits),
 * then the CRC32 of everything before it as 6 base62 characters. The checksum lets a mistyped or
 * foreign string be refused before any storage read, and lets secret scanners find leaked keys.
 */
export const CREDENTIAL_PREFIXES = {
  api_key: 'sk-',
  service_token: 'bt-st-',
} as const
export type SecretKind = keyof typeof CREDENTIAL_PREFIXES

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
export const RANDOM_LENGTH = 32
export const CHECKSUM_LENGTH = 6
/** Character code → base62 digit; undefined for anything outside the alphabet. */
const BASE62_VALUE: (number | undefined)[] = []
for (let i = 0; i < ALPHABET.length; i++) {
  BASE62_VALUE[ALPHABET.charCodeAt(i)] = i
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    }
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (IEEE) of an ASCII string. */
export function crc32(ascii: string): number {
  let crc = 0xffffffff
  for (let i = 0; i < ascii.length; i++) {
    crc = (CRC_TABLE[(crc ^ ascii.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8)
  }
  return (crc ^ 0xffffffff) >>> 0
}

/** `value` in base62, left-padded with zeros to `width`. */
export function toBase62(value: number, width: number): string {
  let out = ''
  let rest = value
  while (rest > 0) {
    out = ALPHABET[rest % 62] + out
    rest = Math.floor(rest / 62)
  }
  return out.padStart(width, '0')
}

/** `length` uniformly random base62 characters (rejection sampling: no modulo bias). */
export function randomBase62(crypto: Crypto, length: number): string {
  let out = ''
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length * 2)) {
      // 248 = 4 × 62: bytes at or above it would favour the first characters.
      if (byte < 248 && out.length < length) {
        out += ALPHABET[byte % 62]
      }
    }
  }
  return out
}

export function checksumOf(body: string): string {
  return toBase62(crc32(body), CHECKSUM_LENGTH)
}

/** A new secret of the given kind. */
export function generateSecret(crypto: Crypto, kind: SecretKind): string {
  const body = CREDENTIAL_PREFIXES[kind] + randomBase62(crypto, RANDOM_LENGTH)
  return body + checksumOf(body)
}

/**
 * The kind of a well-formed secret, or undefined for anything else: wrong prefix, length,
 * alphabet or checksum. Pure and cheap (one pass, nothing allocated): callers refuse undefined
 * before touching storage, and the decision path runs it on every request.
 */
export function parseSecret(raw: string): SecretKind | undefined {
  const kind = raw.startsWith(CREDENTIAL_PREFIXES.service_token)
    ? 'service_token'
    : raw.startsWith(CREDENTIAL_PREFIXES.api_key)
      ? 'api_key'
      : undefined
  if (kind === undefined) {
    return undefined
  }
  const prefixLength = CREDENTIAL_PREFIXES[kind].length
  const bodyLength = prefixLength + RANDOM_LENGTH
  if (raw.length !== bodyLength + CHECKSUM_LENGTH) {
    return undefined
  }
  let crc = 0xffffffff
  for (let i = 0; i < bodyLength; i++) {
    const code = raw.charCodeAt(i)
    if (i >= prefixLength && BASE62_VALUE[code] === undefined) {
      return undefined
    }
    crc = (CRC_TABLE[(crc ^ code) & 0xff] as number) ^ (crc >>> 8)
  }
  // The checksum is the CRC in base62, most significant digit first.
  let rest = (crc ^ 0xffffffff) >>> 0
  for (let i = raw.length - 1; i >= bodyLength; i--) {
    if (BASE62_VALUE[raw.charCodeAt(i)] !== rest % 62) {
      return undefined
    }
    rest = Math.floor(rest / 62)
  }
  return rest === 0 ? kind : undefined
}

/** A display preview that identifies a secret without revealing it: `sk-AbCd…wXyZ`. */
export function previewOf(secret: string): string {
  const kind = parseSecret(secret)
  const prefix = kind === undefined ? '' : CREDENTIAL_PREFIXES[kind]
  return `${prefix}${secret.slice(prefix.length, prefix.length + 4)}…${secret.slice(-4)}`
}

/** Hex SHA-256 of a secret: what storage keeps and looks up by. */
export function hashSecret(crypto: Crypto, secret: string): string {
  return crypto.sha256Hex(secret)
}
