import { scryptSync } from 'node:crypto'
import { isAppError } from '@gatehouse/core'
import { describe, expect, it } from 'vitest'
import { createScryptHasher, DEFAULT_SCRYPT_PARAMS, needsRehash } from './scrypt-hasher.js'

const PHC = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/

// The production cost (N=2^17) runs in one test only (~0.3 s a hash); the behaviour tests use
// a cheap cost, which changes nothing but the work factor.
const cheap = createScryptHasher({ logN: 10, r: 8, p: 1 })

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (err) {
    return err
  }
  throw new Error('expected a rejection')
}

describe('scrypt password hasher', () => {
  it('hashes with scrypt N=2^17, r=8, p=1, a 16-byte salt and a 32-byte key', async () => {
    const hasher = createScryptHasher()
    const stored = await hasher.hash('correct horse battery staple')
    const match = PHC.exec(stored)
    expect(match).not.toBeNull()
    const [, ln, r, p, salt, key] = match ?? []
    expect(2 ** Number(ln)).toBeGreaterThanOrEqual(2 ** 17)
    expect(Number(r)).toBe(8)
    expect(Number(p)).toBe(1)
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16)
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32)
    // The string is plain scrypt: recomputing it with node:crypto gives the same key.
    const recomputed = scryptSync(
      'correct horse battery staple',
      Buffer.from(salt ?? '', 'base64'),
      32,
      {
        N: 2 ** 17,
        r: 8,
        p: 1,
        maxmem: 256 * 1024 * 1024,
      },
    )
    expect(recomputed.equals(Buffer.from(key ?? '', 'base64'))).toBe(true)
  })

  it('rejects a wrong password and uses a fresh salt for every hash', async () => {
    const a = await cheap.hash('password-one')
    const b = await cheap.hash('password-one')
    expect(a).not.toBe(b)
    expect(await cheap.verify('password-one', b)).toBe(true)
    expect(await cheap.verify('password-two', a)).toBe(false)
    expect(await cheap.verify('Password-one', a)).toBe(false)
    expect(await cheap.verify('password-one ', a)).toBe(false)
  })

  it('uses every byte: passwords differing only after byte 72 do not match', async () => {
    const prefix = 'x'.repeat(72)
    const stored = await cheap.hash(`${prefix}-first`)
    expect(await cheap.verify(`${prefix}-first`, stored)).toBe(true)
    expect(await cheap.verify(`${prefix}-other`, stored)).toBe(false)
    expect(await cheap.verify(prefix, stored)).toBe(false)
  })

  it('accepts a 64-character password and non-ASCII text, byte for byte', async () => {
    const long = 'aB3$'.repeat(16)
    expect(long).toHaveLength(64)
    expect(await cheap.verify(long, await cheap.hash(long))).toBe(true)
    const unicode = 'pässwörd-密码-🔑'
    const stored = await cheap.hash(unicode)
    expect(await cheap.verify(unicode, stored)).toBe(true)
    // NFD spelling of the same letters is a different byte string: no silent normalization.
    expect(await cheap.verify(unicode.normalize('NFD'), stored)).toBe(false)
  })

  it('refuses a 1 MB password before running the KDF, when hashing and when verifying', async () => {
    const huge = 'a'.repeat(1024 * 1024)
    const hasher = createScryptHasher()
    const stored = await cheap.hash('some password')
    const started = performance.now()
    const onHash = await rejection(hasher.hash(huge))
    const onVerify = await rejection(hasher.verify(huge, stored))
    const elapsed = performance.now() - started
    expect(isAppError(onHash, 'PASSWORD_TOO_LONG')).toBe(true)
    expect(isAppError(onVerify, 'PASSWORD_TOO_LONG')).toBe(true)
    // One scrypt at N=2^17 takes hundreds of milliseconds; two refusals must take far less.
    expect(elapsed).toBeLessThan(100)
  })

  it('reads the cost from the stored hash, so raised parameters keep old hashes valid', async () => {
    const stored = await cheap.hash('old password')
    expect(stored.startsWith('$scrypt$ln=10,r=8,p=1$')).toBe(true)
    const current = createScryptHasher({ logN: 11, r: 8, p: 1 })
    expect(await current.verify('old password', stored)).toBe(true)
    expect(needsRehash(stored, { logN: 11, r: 8, p: 1 })).toBe(true)
    expect(needsRehash(stored, { logN: 10, r: 8, p: 1 })).toBe(false)
    expect(needsRehash('not a hash')).toBe(true)
  })

  it('treats malformed or tampered hashes as a mismatch, and refuses absurd stored costs', async () => {
    const stored = await cheap.hash('a password')
    const parts = stored.split('$')
    const key = Buffer.from(parts[5] ?? '', 'base64')
    key[0] = (key[0] ?? 0) ^ 1
    const flipped = [...parts.slice(0, 5), key.toString('base64').replace(/=+$/, '')].join('$')
    expect(await cheap.verify('a password', flipped)).toBe(false)
    expect(await cheap.verify('a password', '')).toBe(false)
    expect(await cheap.verify('a password', 'fake$abc')).toBe(false)
    expect(await cheap.verify('a password', stored.replace('$scrypt$', '$argon2id$'))).toBe(false)
    // N=2^30 would need 128 GiB: refused from the string, without running.
    const started = performance.now()
    expect(await cheap.verify('a password', stored.replace('ln=10', 'ln=30'))).toBe(false)
    expect(await cheap.verify('a password', stored.replace('r=8', 'r=99'))).toBe(false)
    expect(performance.now() - started).toBeLessThan(100)
  })

  it('refuses weak or impossible parameters at construction', () => {
    expect(() => createScryptHasher({ logN: 4, r: 8, p: 1 })).toThrow(RangeError)
    expect(() => createScryptHasher({ logN: 20, r: 32, p: 16 })).toThrow(RangeError)
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ logN: 17, r: 8, p: 1 })
  })
})
