import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/*
 * @gatehouse/web is not published: an installed @gatehouse/cli carries the built Settings UI in
 * its own web/ folder (scripts/prepack.sh puts it there), where the server's default, the
 * repository's packages/web/dist, does not exist. src/ and dist/ sit at the same depth, so one
 * relative URL serves both. In the repository the folder is absent and the default stands.
 */
const BUNDLED_UI = fileURLToPath(new URL('../web/', import.meta.url))

/** The environment with GATEHOUSE_WEB_DIR pointing at the packaged UI, unless it is set already. */
export function withBundledUi(
  env: Readonly<Record<string, string | undefined>>,
): Readonly<Record<string, string | undefined>> {
  if (env.GATEHOUSE_WEB_DIR || !existsSync(join(BUNDLED_UI, 'index.html'))) {
    return env
  }
  return { ...env, GATEHOUSE_WEB_DIR: BUNDLED_UI }
}
