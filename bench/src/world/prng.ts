/**
 * A seeded pseudo-random stream (sfc32, seeded through cyrb128), so the same seed always builds
 * the same world. Not for secrets: the benchmark's keys are derived elsewhere, from SHA-256.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, n). */
  int(n: number): number
  /** True with probability `p`. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** A version-4-shaped UUID. */
  uuid(): string
}

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0]
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** A stream of its own for each `name`, so adding draws to one part leaves the others as they were. */
export function createPrng(seed: string, name: string): Prng {
  let [a, b, c, d] = cyrb128(`${seed}/${name}`)
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  const next = () => u32() / 4294967296
  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) {
        throw new Error('pick from an empty list')
      }
      return items[Math.floor(next() * items.length)] as T
    },
    uuid() {
      const a = u32()
      const b = u32()
      const c = u32()
      const d = u32()
      const hex = (word: number, from: number) => HEX[(word >>> from) & 0xff] as string
      // Version 4 in the high nibble of byte 6, variant 10 in the high bits of byte 8.
      const version = ((b >>> 8) & 0x0f) | 0x40
      const variant = ((c >>> 24) & 0x3f) | 0x80
      return (
        hex(a, 24) +
        hex(a, 16) +
        hex(a, 8) +
        hex(a, 0) +
        '-' +
        hex(b, 24) +
        hex(b, 16) +
        '-' +
        HEX[version] +
        hex(b, 0) +
        '-' +
        HEX[variant] +
        hex(c, 16) +
        '-' +
        hex(c, 8) +
        hex(c, 0) +
        hex(d, 24) +
        hex(d, 16) +
        hex(d, 8) +
        hex(d, 0)
      )
    },
  }
}
