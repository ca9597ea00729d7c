#!/usr/bin/env bash
# The container image without Docker: scripts/build-image.sh in a scratch copy of the build
# context (what .dockerignore lets through), then the result started the way the Dockerfile's
# CMD starts it, on SQLite in a fresh data folder, on a loopback port: its HEALTHCHECK,
# the UI, /openapi.json, and a stop on SIGTERM. Exits non-zero on any failure; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/serve-check.sh
source scripts/lib/serve-check.sh

work=$(mktemp -d)
serve_pid=
cleanup() {
  [ -z "$serve_pid" ] || kill -KILL -- "-$serve_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
status=0

echo '--- scripts/build-image.sh in a scratch copy'
# The files Docker's build context would hold: tracked and new files, less .dockerignore's.
mkdir "$work/context"
git ls-files -z --cached --others --exclude-standard --exclude-from=.dockerignore \
  | xargs -0 -I{} sh -c '[ -e "{}" ] && printf "%s\0" "{}"' \
  | tar --null -T - -cf - | tar -xf - -C "$work/context"
if ! timeout 1800 bash "$work/context/scripts/build-image.sh" "$work/out" >"$work/build.log" 2>&1 \
  </dev/null; then
  tail -n 40 "$work/build.log"
  echo 'FAIL  scripts/build-image.sh'
  exit 1
fi
echo "ok    built ($(du -sh "$work/out" | cut -f1))"

echo '--- the image'"'"'s CMD (SQLite, fresh data folder)'
port=$(free_port)
cd "$work/out"
export GATEHOUSE_DATABASE_URL="sqlite:$work/data/gatehouse.db" NODE_ENV=production
if serve_start "$work/serve.log" "$port" node node_modules/@gatehouse/cli/bin/gatehouse.js start; then
  PORT=$port node healthcheck.mjs || { echo 'FAIL  HEALTHCHECK while serving'; status=1; }
  serve_probe "$port" || status=1
  serve_stop "$work/serve.log" "$port" || status=1
  if PORT=$port node healthcheck.mjs; then
    echo 'FAIL  HEALTHCHECK passes after the stop'
    status=1
  fi
else
  status=1
fi
[ -f "$work/data/gatehouse.db" ] || { echo 'FAIL  no database in the data folder'; status=1; }
[ "$status" -eq 0 ] && echo 'ok    HEALTHCHECK healthy while serving, unhealthy once stopped'

[ "$status" -eq 0 ] && echo 'image: ok' || echo 'image: FAILED'
exit "$status"
