import {
  randomBytes,
  type ScryptOptions,
  scrypt as scryptCallback,
  timingSafeEqual,
} from 'node:crypto'
import { assertPasswordHashable, type PasswordHasher } from '@gatehouse/core'

/** scrypt cost parameters: N = 2^logN. */
export interface ScryptParams {
  readonly logN: number
  readonly r: number
  readonly p: number
}

/** OWASP's scrypt recommendation (Password Storage Cheat Sheet): N=2^17 (128 MiB), r=8, p=1. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { logN: 17, r: 8, p: 1 }

const SALT_BYTES = 16
const KEY_BYTES = 32
// Node refuses more than 32 MiB by default; N=2^17, r=8 needs 128 MiB (128 * N * r * p bytes).
const MAX_MEM = 256 * 1024 * 1024
// Bounds on parameters read back from storage, so that a tampered row cannot make one login
// burn minutes of CPU or gigabytes of memory.
const LIMITS = { logN: [10, 20], r: [1, 32], p: [1, 16] } as const

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/

function scrypt(password: Buffer, salt: Buffer, keylen: number, options: ScryptOptions) {
  return new Promise<Buffer>((resolve, reject) => {
    scryptCallback(password, salt, keylen, options, (err, key) => {
      if (err) {
        reject(err)
      } else {
        resolve(key)
      }
    })
  })
}

function derive(password: string, salt: Buffer, keylen: number, params: ScryptParams) {
  return scrypt(Buffer.from(password, 'utf8'), salt, keylen, {
    N: 2 ** params.logN,
    r: params.r,
    p: params.p,
    maxmem: MAX_MEM,
  })
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '')
}

function within(value: number, [min, max]: readonly [number, number]): boolean {
  return Number.isInteger(value) && value >= min && value <= max
}

function checkParams(params: ScryptParams): void {
  if (!within(params.logN, LIMITS.logN) || !within(params.r, LIMITS.r)) {
    throw new RangeError('scrypt parameters out of range')
  }
  if (!within(params.p, LIMITS.p) || 128 * 2 ** params.logN * params.r * params.p > MAX_MEM) {
    throw new RangeError('scrypt parameters out of range')
  }
}

interface Parsed {
  readonly params: ScryptParams
  readonly salt: Buffer
  readonly key: Buffer
}

function parse(stored: string): Parsed | undefined {
  const match = PHC.exec(stored)
  if (match === null) {
    return undefined
  }
  const [, ln, r, p, salt, key] = match
  const params = { logN: Number(ln), r: Number(r), p: Number(p) }
  try {
    checkParams(params)
  } catch {
    return undefined
  }
  const saltBytes = Buffer.from(salt ?? '', 'base64')
  const keyBytes = Buffer.from(key ?? '', 'base64')
  if (saltBytes.length < 8 || keyBytes.length < 16 || keyBytes.length > 64) {
    return undefined
  }
  return { params, salt: saltBytes, key: keyBytes }
}

/**
 * Password hashing with scrypt from node:crypto, stored as a PHC-style string
 * `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (unpadded base64). Verification reads the parameters
 * from the stored string, so they can be raised later without invalidating old hashes.
 */
export function createScryptHasher(params: ScryptParams = DEFAULT_SCRYPT_PARAMS): PasswordHasher {
  checkParams(params)
  return {
    async hash(password) {
      assertPasswordHashable(password)
      const salt = randomBytes(SALT_BYTES)
      const key = await derive(password, salt, KEY_BYTES, params)
      return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`
    },
    async verify(password, stored) {
      assertPasswordHashable(password)
      const parsed = parse(stored)
      if (parsed === undefined) {
        return false
      }
      const key = await derive(password, parsed.salt, parsed.key.length, parsed.params)
      return timingSafeEqual(key, parsed.key)
    },
  }
}

/** True when `stored` was hashed with weaker parameters than `params` (re-hash at next login). */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parse(stored)
  if (parsed === undefined) {
    return true
  }
  const old = parsed.params
  return old.logN < params.logN || old.r < params.r || old.p < params.p
}
