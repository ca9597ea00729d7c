import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'

// `npm run dev -w @gatehouse/web` serves the UI with hot reload and sends API calls to a
// Gatehouse server (npm start) on GATEHOUSE_DEV_API, same origin as far as the browser knows.
const api = process.env.GATEHOUSE_DEV_API ?? 'http://127.0.0.1:8700'
const proxied = ['/v1', '/auth', '/api', '/docs', '/openapi.json', '/healthz']

export default defineConfig({
  plugins: [react()],
  // The workspace packages' TypeScript sources, as vitest and tsc read them.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: Object.fromEntries(proxied.map((path) => [path, api])) },
})
