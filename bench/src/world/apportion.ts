import type { Prng } from './prng.js'

/**
 * Each org's weight: the largest org holds `largestShare`, the others a Zipf tail (1/(rank+9)),
 * the offset keeping the second org well below the first, as in a real customer base.
 */
export function orgWeights(orgs: number, largestShare: number): number[] {
  if (orgs === 1) {
    return [1]
  }
  const tail = Array.from({ length: orgs - 1 }, (_, i) => 1 / (i + 10))
  const tailSum = tail.reduce((a, b) => a + b, 0)
  return [largestShare, ...tail.map((w) => (w / tailSum) * (1 - largestShare))]
}

/**
 * Splits `total` into integers proportional to `weights`, each at least `minimum`, summing to
 * `total` exactly (largest remainder).
 */
export function apportion(total: number, weights: readonly number[], minimum = 0): number[] {
  const reserved = minimum * weights.length
  if (reserved > total) {
    throw new Error(`cannot give ${weights.length} orgs ${minimum} each out of ${total}`)
  }
  const rest = total - reserved
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (w / sum) * rest)
  const counts = exact.map((x) => Math.floor(x))
  let left = rest - counts.reduce((a, b) => a + b, 0)
  const byRemainder = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
  for (const { i } of byRemainder) {
    if (left === 0) {
      break
    }
    counts[i] = (counts[i] as number) + 1
    left--
  }
  return counts.map((c) => c + minimum)
}

/** Picks an index by weight (binary search over the cumulative sums). */
export function weightedIndex(rng: Prng, cumulative: readonly number[]): number {
  const x = rng.next() * (cumulative[cumulative.length - 1] as number)
  let lo = 0
  let hi = cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((cumulative[mid] as number) > x) {
      hi = mid
    } else {
      lo = mid + 1
    }
  }
  return lo
}
