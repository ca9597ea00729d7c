import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Crypto } from '../ports.js'
import {
  CHECKSUM_LENGTH,
  CREDENTIAL_PREFIXES,
  checksumOf,
  crc32,
  generateSecret,
  hashSecret,
  parseSecret,
  previewOf,
  RANDOM_LENGTH,
  type SecretKind,
  toBase62,
} from './key-format.js'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const SHAPES: Record<SecretKind, RegExp> = {
  api_key: /^sk-[0-9A-Za-z]{38}$/,
  service_token: /^bt-st-[0-9A-Za-z]{38}$/,
}
const KINDS = ['api_key', 'service_token'] as const
const COUNT = 100_000

const nodeCrypto: Crypto = {
  sha256Hex: (input) => createHash('sha256').update(input, 'utf8').digest('hex'),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
  uuid: () => randomUUID(),
}

/** Pearson's statistic of observed counts against a uniform expectation. */
function chiSquare(counts: readonly number[], total: number): number {
  const expected = total / counts.length
  return counts.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0)
}

const generated = new Map<SecretKind, string[]>(
  KINDS.map((kind) => [
    kind,
    Array.from({ length: COUNT }, () => generateSecret(nodeCrypto, kind)),
  ]),
)

function secretsOf(kind: SecretKind): string[] {
  const list = generated.get(kind)
  if (list === undefined) {
    throw new Error(`no secrets generated for ${kind}`)
  }
  return list
}

describe('crc32', () => {
  it('matches the IEEE check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926)
    expect(crc32('')).toBe(0)
  })
})

describe('toBase62', () => {
  it('pads to the width and encodes the largest CRC in 6 characters', () => {
    expect(toBase62(0, 6)).toBe('000000')
    expect(toBase62(61, 2)).toBe('0z')
    expect(toBase62(62, 2)).toBe('10')
    expect(toBase62(0xffffffff, CHECKSUM_LENGTH)).toHaveLength(CHECKSUM_LENGTH)
  })
})

describe.each(KINDS)('generateSecret(%s)', (kind) => {
  const secrets = secretsOf(kind)
  const prefix = CREDENTIAL_PREFIXES[kind]

  it(`produces ${COUNT} well-formed secrets that parse as their kind`, () => {
    const shape = SHAPES[kind]
    const bad = secrets.filter((s) => !shape.test(s) || parseSecret(s) !== kind)
    expect(bad).toEqual([])
  })

  it('never repeats itself', () => {
    expect(new Set(secrets).size).toBe(secrets.length)
  })

  it('draws every character of the random part uniformly from base62', () => {
    // 61 degrees of freedom: mean 61, sd 11. 160 is p < 1e-11, generous across 33 tests, and a
    // modulo bias (e.g. byte % 62 without rejection) scores in the hundreds.
    const overall = new Array<number>(62).fill(0)
    for (let position = 0; position < RANDOM_LENGTH; position++) {
      const counts = new Array<number>(62).fill(0)
      for (const secret of secrets) {
        const index = ALPHABET.indexOf(secret.charAt(prefix.length + position))
        counts[index] = (counts[index] ?? 0) + 1
        overall[index] = (overall[index] ?? 0) + 1
      }
      expect(chiSquare(counts, secrets.length), `position ${position}`).toBeLessThan(160)
    }
    expect(chiSquare(overall, secrets.length * RANDOM_LENGTH)).toBeLessThan(160)
  })

  it('refuses every single-character change', () => {
    const candidates = `${ALPHABET}-_ .`
    for (const secret of secrets.slice(0, 40)) {
      for (let i = 0; i < secret.length; i++) {
        for (const ch of candidates) {
          if (ch === secret[i]) {
            continue
          }
          const changed = secret.slice(0, i) + ch + secret.slice(i + 1)
          if (parseSecret(changed) !== undefined) {
            throw new Error(`accepted a change at ${i}: ${changed}`)
          }
        }
      }
    }
  })

  it('keeps the checksum of the body', () => {
    const secret = secrets[0] ?? ''
    expect(secret.slice(-CHECKSUM_LENGTH)).toBe(checksumOf(secret.slice(0, -CHECKSUM_LENGTH)))
  })

  it('previews at most 8 characters of the secret after the prefix', () => {
    for (const secret of secrets.slice(0, 1000)) {
      const preview = previewOf(secret)
      expect(preview.startsWith(prefix)).toBe(true)
      const [head = '', tail = '', ...rest] = preview.slice(prefix.length).split('…')
      expect(rest).toEqual([])
      // The head comes from the random part, the tail from the end of the secret (checksum
      // first): what is exposed of the random part is the head plus any tail beyond the checksum.
      expect(secret.startsWith(prefix + head)).toBe(true)
      expect(secret.endsWith(tail)).toBe(true)
      const exposed = head.length + Math.max(0, tail.length - CHECKSUM_LENGTH)
      expect(exposed).toBeGreaterThan(0)
      expect(exposed).toBeLessThanOrEqual(8)
      expect(preview.length).toBeLessThan(secret.length)
    }
  })
})

describe('parseSecret', () => {
  const valid = generateSecret(nodeCrypto, 'api_key')
  const token = generateSecret(nodeCrypto, 'service_token')

  it('refuses the wrong prefix, length or alphabet', () => {
    const body = valid.slice(3)
    expect(parseSecret(`SK-${body}`)).toBeUndefined()
    expect(parseSecret(`sk_${body}`)).toBeUndefined()
    expect(parseSecret(`bt-st-${body}`)).toBeUndefined()
    expect(parseSecret(`sk-${token.slice(6)}`)).toBeUndefined()
    expect(parseSecret(valid.slice(0, -1))).toBeUndefined()
    expect(parseSecret(`${valid}0`)).toBeUndefined()
    expect(parseSecret(` ${valid}`)).toBeUndefined()
    expect(parseSecret(`${valid}\n`)).toBeUndefined()
    // Right length and checksum over a body with a character outside base62.
    const foreignBody = `sk-${'a'.repeat(RANDOM_LENGTH - 1)}_`
    expect(parseSecret(foreignBody + checksumOf(foreignBody))).toBeUndefined()
  })

  it('accepts a body of any base62 content when its checksum matches', () => {
    const body = `sk-${'0'.repeat(RANDOM_LENGTH)}`
    expect(parseSecret(body + checksumOf(body))).toBe('api_key')
  })

  it('never throws on hostile input', () => {
    const inputs = [
      '',
      'sk-',
      'bt-st-',
      'sk',
      'x'.repeat(10_240),
      `sk-${'a'.repeat(10_240)}`,
      `bt-st-${'é'.repeat(38)}`,
      `sk-${'🔑'.repeat(19)}`,
      `sk-${'\u0000'.repeat(38)}`,
      '\uD800',
    ]
    for (const input of inputs) {
      expect(() => parseSecret(input)).not.toThrow()
      expect(parseSecret(input)).toBeUndefined()
    }
  })
})

describe('hashSecret', () => {
  it('is the hex SHA-256 of the secret', () => {
    const secret = generateSecret(nodeCrypto, 'api_key')
    const hash = hashSecret(nodeCrypto, secret)
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(hash).toBe(createHash('sha256').update(secret).digest('hex'))
    expect(hash).not.toContain(secret.slice(3, 11))
  })
})
