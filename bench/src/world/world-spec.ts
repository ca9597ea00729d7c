/** How big a generated world is. Every count is exact except the samples, which are drawn. */
export interface WorldSpec {
  readonly name: string
  readonly seed: string
  readonly orgs: number
  /** People (users of kind `user`); about 2% of them also belong to a second org. */
  readonly users: number
  readonly projects: number
  /** Every ACL, the built-in groups' own included. */
  readonly acls: number
  readonly keys: number
  /** The largest org's share of users, projects, ACLs and keys (the rest follow a Zipf tail). */
  readonly largestOrgShare: number
  /** Keys whose plaintext is kept for the warm loops: half from the largest org, half across. */
  readonly warmSample: number
  /** Keys kept for the cold loops, never used before they are measured; split the same way. */
  readonly coldSample: number
}

const SEED = 'gatehouse-bench-1'

/** Every generated time is after this instant (fixed, so that worlds are reproducible). */
export const BASE_TIME = Date.UTC(2026, 0, 1)

/** The world of issue 5: 1,000,000 keys, 100,000 users, 10,000 projects, 100,000 ACLs. */
export const LARGE_WORLD: WorldSpec = {
  name: 'large',
  seed: SEED,
  orgs: 1_000,
  users: 100_000,
  projects: 10_000,
  acls: 100_000,
  keys: 1_000_000,
  largestOrgShare: 0.1,
  warmSample: 10_000,
  coldSample: 20_000,
}

/** The scaling comparison's world: 1,000 keys and 100 ACLs, in one org. */
export const SMALL_WORLD: WorldSpec = {
  name: 'small',
  seed: SEED,
  orgs: 1,
  users: 100,
  projects: 10,
  acls: 100,
  keys: 1_000,
  largestOrgShare: 1,
  warmSample: 500,
  coldSample: 400,
}

/** `--quick`: the large world's shape at 1/50 of its size, for iterating on the benchmark. */
export const QUICK_WORLD: WorldSpec = {
  name: 'quick',
  seed: SEED,
  orgs: 50,
  users: 2_000,
  projects: 200,
  acls: 2_000,
  keys: 20_000,
  largestOrgShare: 0.1,
  warmSample: 2_000,
  coldSample: 2_000,
}

/** The test's world: a few rows of every kind. */
export const TINY_WORLD: WorldSpec = {
  name: 'tiny',
  seed: SEED,
  orgs: 3,
  users: 24,
  projects: 6,
  acls: 40,
  keys: 400,
  largestOrgShare: 0.5,
  warmSample: 20,
  coldSample: 10,
}
