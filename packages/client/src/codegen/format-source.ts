import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

/**
 * `source` as Biome formats it at `path` (relative to the repository root), with the
 * repository's biome.json: generated files then pass `biome check` like written ones, and the
 * drift test compares what the generator would commit.
 */
export function formatSource(source: string, path: string): string {
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome')
  const result = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${path}`], {
    cwd: REPO_ROOT,
    input: source,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.status !== 0) {
    throw new Error(`biome could not format ${path}:\n${result.stderr}`)
  }
  return result.stdout
}
