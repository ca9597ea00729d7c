#!/usr/bin/env bash
# npm's prepack for each published workspace (npm runs it in the package's folder before it packs
# it): a clean build, so no file of a deleted source ships; the root LICENSE, which npm only
# packs from the package's own folder; with --with-ui (the CLI) the built Settings UI in web/,
# because @gatehouse/web is not published and the installed CLI serves it from there.
set -euo pipefail
root=$(cd ../.. && pwd)
rm -rf dist tsconfig.tsbuildinfo
"$root/node_modules/.bin/tsc" -b
cp "$root/LICENSE" LICENSE
if [ "${1:-}" = --with-ui ]; then
  # vite directly: `npm run -w` here would inherit the outer `npm pack --workspaces` settings.
  (cd "$root/packages/web" && "$root/node_modules/.bin/vite" build --logLevel warn)
  rm -rf web
  cp -R "$root/packages/web/dist" web
fi
