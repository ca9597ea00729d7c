#!/usr/bin/env bash
# The container image's build, in one place: the Dockerfile's build stage runs it, and
# scripts/check-image.sh runs it in a scratch copy and starts the result, so what the image
# does is tested where no Docker engine runs. Usage: scripts/build-image.sh OUT_DIR
# OUT_DIR ends up holding what the image runs: a package.json, node_modules with the packed
# @gatehouse tarballs installed as a user installs them (production dependencies only) and
# healthcheck.mjs. Start it with `node OUT_DIR/node_modules/@gatehouse/cli/bin/gatehouse.js start`.
set -euo pipefail
[ $# -eq 1 ] || { echo 'usage: scripts/build-image.sh OUT_DIR' >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."

# Scripts are skipped here: nothing at the root needs a native build, and the packs below build
# each package themselves (prepack), so prepare's build would be done twice.
npm ci --no-audit --no-fund --ignore-scripts
mkdir -p "$out/tarballs"
npm pack -w @gatehouse/core -w @gatehouse/contract -w @gatehouse/server -w @gatehouse/client \
  -w @gatehouse/cli --pack-destination "$out/tarballs" >/dev/null

# The tarballs stay in OUT_DIR so that its package.json names files that exist.
cd "$out"
cat >package.json <<'JSON'
{
  "name": "gatehouse-image",
  "private": true,
  "description": "What the Gatehouse container image runs",
  "allowScripts": { "better-sqlite3": true }
}
JSON
npm install --omit=dev --strict-allow-scripts --no-audit --no-fund ./tarballs/*.tgz
cp "$OLDPWD/scripts/image/healthcheck.mjs" healthcheck.mjs
