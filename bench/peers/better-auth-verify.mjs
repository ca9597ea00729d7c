// Peer: better-auth's API-key verification (`auth.api.verifyApiKey`, @better-auth/api-key) on
// SQLite through better-sqlite3, in the same loop shape as Gatehouse's in-process decisions: one
// verification at a time, keys rotated over the seeded set, for a fixed duration.
// Usage: node better-auth-verify.mjs '{"dbPath":"…","keys":10000,"users":1000,"durationMs":5000}'
// Prints one JSON object on stdout.
import { rmSync } from 'node:fs'
import { apiKey } from '@better-auth/api-key'
import { betterAuth } from 'better-auth'
import { getMigrations } from 'better-auth/db/migration'
import Database from 'better-sqlite3'

const config = JSON.parse(process.argv[2] ?? '{}')
const keyCount = config.keys ?? 10_000
const userCount = config.users ?? Math.max(1, Math.ceil(keyCount / 10))
const durationMs = config.durationMs ?? 5_000

for (const suffix of ['', '-wal', '-shm']) {
  rmSync(`${config.dbPath}${suffix}`, { force: true })
}
const database = new Database(config.dbPath)
database.pragma('journal_mode = WAL')

const auth = betterAuth({
  database,
  secret: 'gatehouse-bench-better-auth-secret-0123456789',
  baseURL: 'http://127.0.0.1:3000',
  telemetry: { enabled: false },
  logger: { disabled: true },
  // Its default rate limit (10 verifications a day per key) would refuse a benchmark loop.
  plugins: [apiKey({ rateLimit: { enabled: false } })],
})

const { runMigrations } = await getMigrations(auth.options)
await runMigrations()

const seedStarted = performance.now()
const context = await auth.$context
const userIds = []
for (let i = 0; i < userCount; i++) {
  const user = await context.internalAdapter.createUser({
    email: `peer-${i}@bench.test`,
    name: `Peer ${i}`,
    emailVerified: true,
  })
  userIds.push(user.id)
}
const keys = []
for (let i = 0; i < keyCount; i++) {
  const created = await auth.api.createApiKey({
    body: { userId: userIds[i % userIds.length], name: `key-${i}` },
  })
  keys.push(created.key)
}
const seedMs = performance.now() - seedStarted

// The same warm-up as Gatehouse's warm loop: every key once, so SQLite's pages are in memory.
let failures = 0
for (const key of keys) {
  const result = await auth.api.verifyApiKey({ body: { key } })
  if (!result.valid) {
    failures++
  }
}

let ops = 0
const started = performance.now()
const deadline = started + durationMs
while (performance.now() < deadline) {
  const result = await auth.api.verifyApiKey({ body: { key: keys[ops % keys.length] } })
  if (!result.valid) {
    failures++
  }
  ops++
}
const elapsedMs = performance.now() - started
database.close()

process.stdout.write(
  `${JSON.stringify({
    peer: 'better-auth',
    operation: 'verifyApiKey',
    keys: keyCount,
    users: userCount,
    ops,
    elapsedMs,
    opsPerSec: (ops / elapsedMs) * 1000,
    failures,
    seedMs,
  })}\n`,
)
