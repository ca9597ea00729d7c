export interface Spread {
  readonly count: number
  readonly p50: number
  readonly p99: number
  readonly max: number
}

/** Nearest-rank percentiles: with 200 values, p99 is the second largest. */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) =>
    sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  return {
    count: sorted.length,
    p50: at(50),
    p99: at(99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  }
}

export function median(values: readonly number[]): number {
  return spreadOf(values).p50
}
