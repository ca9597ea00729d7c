#!/usr/bin/env bash
# Packs the published workspaces and installs them as the README's install section tells a user:
# an empty folder outside the repository, a package.json that allows better-sqlite3's build, the
# tarballs (third-party dependencies from the registry or npm's cache). Then `npx gatehouse
# start` there, on SQLite in a fresh data folder, on a free loopback port: /healthz, the UI,
# /openapi.json, and a stop on SIGTERM. Exits non-zero on any failure; every step is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# shellcheck source=lib/serve-check.sh
source scripts/lib/serve-check.sh

PUBLISHED=(core contract server client cli)
work=$(mktemp -d)
serve_pid=
cleanup() {
  [ -z "$serve_pid" ] || kill -KILL -- "-$serve_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
status=0

echo '--- npm pack --workspaces'
mkdir "$work/tarballs"
if ! timeout 900 npm pack --workspaces --pack-destination "$work/tarballs" >"$work/pack.log" 2>&1 \
  </dev/null; then
  tail -n 40 "$work/pack.log"
  echo 'FAIL  npm pack --workspaces'
  exit 1
fi
tarballs=()
for name in "${PUBLISHED[@]}"; do
  tarball="$work/tarballs/gatehouse-$name-$(node -p "require('./packages/$name/package.json').version").tgz"
  [ -f "$tarball" ] || { echo "FAIL  no tarball for @gatehouse/$name"; exit 1; }
  listing=$(tar -tzf "$tarball")
  for want in package/LICENSE package/dist/index.js package/dist/index.d.ts; do
    grep -qx "$want" <<<"$listing" || { echo "FAIL  @gatehouse/$name lacks ${want#package/}"; status=1; }
  done
  if grep -E '\.test\.tsx?$|\.test\.js$' <<<"$listing"; then
    echo "FAIL  @gatehouse/$name ships tests"
    status=1
  fi
  tarballs+=("$tarball")
done
cli_listing=$(tar -tzf "$work/tarballs/gatehouse-cli-"*.tgz)
for want in package/bin/gatehouse.js package/dist/bin.js package/web/index.html; do
  grep -qx "$want" <<<"$cli_listing" || { echo "FAIL  @gatehouse/cli lacks ${want#package/}"; status=1; }
done
[ ! -e packages/cli/web ] || { echo 'FAIL  postpack left packages/cli/web behind'; status=1; }
[ "$status" -eq 0 ] && echo "ok    ${#tarballs[@]} tarballs: LICENSE, dist, types, no tests; the CLI with the UI"

echo '--- install into an empty folder, as the README says'
# --strict-allow-scripts: an install script that allowScripts does not cover fails the install,
# as npm 12 skips it, instead of npm 11's notice.
app="$work/app"
mkdir "$app"
cp "${tarballs[@]}" "$app/"
cd "$app"
npm init -y >/dev/null
npm pkg set allowScripts.better-sqlite3=true --json
if ! timeout 1200 npm install --strict-allow-scripts --no-audit --no-fund ./gatehouse-*.tgz >"$work/install.log" 2>&1 \
  </dev/null; then
  tail -n 40 "$work/install.log"
  echo 'FAIL  npm install ./gatehouse-*.tgz'
  exit 1
fi
if grep -qi 'allowScripts' "$work/install.log"; then
  cat "$work/install.log"
  echo 'FAIL  npm skipped an install script'
  status=1
fi
# The installed packages resolve from the user's folder, the native SQLite binding included.
if node --input-type=module -e "
  await import('@gatehouse/core'); await import('@gatehouse/contract'); await import('@gatehouse/client')
  await import('@gatehouse/client/verifier'); const s = await import('@gatehouse/server')
  const db = new (await import('better-sqlite3')).default(':memory:')
  if (db.prepare('select 1 as x').get().x !== 1 || typeof s.loadConfig !== 'function') process.exit(1)
"; then
  echo 'ok    installed; every entry point imports, better-sqlite3 is built'
else
  echo 'FAIL  the installed packages do not import'
  status=1
fi
[ "$(realpath node_modules/.bin/gatehouse)" = "$app/node_modules/@gatehouse/cli/bin/gatehouse.js" ] \
  || { echo 'FAIL  npx gatehouse is not the installed CLI'; status=1; }

echo '--- npx gatehouse start (SQLite, fresh data folder)'
port=$(free_port)
export GATEHOUSE_DATABASE_URL="sqlite:$work/data/gatehouse.db"
if serve_start "$work/serve.log" "$port" npx --no-install gatehouse start; then
  serve_probe "$port" || status=1
  grep -q 'setup?token=' "$work/serve.log" || { echo 'FAIL  no setup link'; status=1; }
  serve_stop "$work/serve.log" "$port" || status=1
else
  status=1
fi
[ -f "$work/data/gatehouse.db" ] || { echo 'FAIL  no database in the data folder'; status=1; }
cd "$repo"

[ "$status" -eq 0 ] && echo 'packages: ok' || echo 'packages: FAILED'
exit "$status"
