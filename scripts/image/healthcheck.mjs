// The image's HEALTHCHECK (node:20-slim has no curl): exit 0 when /healthz answers within 3 s.
const port = process.env.PORT || '8700'
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3000) })
  process.exit(res.ok ? 0 : 1)
} catch {
  process.exit(1)
}
