import { fileURLToPath } from 'node:url'

// src/support and dist/support sit at the same depth, so these hold for the sources (vitest) and
// the build (npm run bench) alike.
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const BENCH_DIR = fileURLToPath(new URL('../../', import.meta.url))
/** Seeded databases, samples and profiles: ignored by git, rebuilt by every run. */
export const DATA_DIR = fileURLToPath(new URL('../../.data/', import.meta.url))
export const RESULTS_DIR = fileURLToPath(new URL('../../results/', import.meta.url))
export const PEERS_DIR = fileURLToPath(new URL('../../peers/', import.meta.url))
export const PERFORMANCE_DOC = fileURLToPath(
  new URL('../../../docs/performance.md', import.meta.url),
)
export const GATEHOUSE_BIN = fileURLToPath(
  new URL('../../../packages/cli/dist/bin.js', import.meta.url),
)
/** A compiled script of this package, for child processes (always the build, never the source). */
export function benchScript(relative: string): string {
  return fileURLToPath(new URL(`../../dist/${relative}`, import.meta.url))
}
