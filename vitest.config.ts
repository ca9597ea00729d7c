import { defineConfig } from 'vitest/config'

// One root config; `source` resolves workspace packages to their TypeScript sources.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/src/**/*.test.tsx',
      'packages/web/e2e/**/*.test.ts',
      'bench/src/**/*.test.ts',
    ],
    // braintrust's dependency eventsource-parser exports a `source` condition too (its .ts):
    // Node cannot load that, so vite loads both, as it loads our own sources.
    server: { deps: { inline: ['braintrust', 'eventsource-parser'] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
