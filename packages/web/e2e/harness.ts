import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig, type RunningServer, runServer } from '@gatehouse/server'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { build } from 'vite'

/*
 * The end-to-end harness: a real Gatehouse server (fresh SQLite file, random loopback port)
 * serving a fresh build of the UI, and Debian's Chromium driven by playwright-core. Nothing is
 * downloaded: without a Chromium binary the suites are skipped, unless CI requires them.
 */

const WEB_ROOT = fileURLToPath(new URL('../', import.meta.url))
const SCREENSHOT_DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))

/** Where Chromium is expected; CHROMIUM_PATH points elsewhere (a developer's own install). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Flags for a quiet, sandbox-free headless Chromium in a container. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

export const DESKTOP = { width: 1280, height: 800 } as const
export const MOBILE = { width: 390, height: 844 } as const

/** Upper bound for one UI step: generous for a loaded CI machine, short of a hang. */
export const STEP_MS = 10_000

export type BrowserSupport =
  | { readonly run: true }
  | { readonly run: false; readonly reason: string; readonly required: boolean }

/** Whether the browser suites can run here, and if not whether that is a failure (CI). */
export function browserSupport(): BrowserSupport {
  if (existsSync(CHROMIUM_PATH)) {
    return { run: true }
  }
  return {
    run: false,
    reason: `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`,
    required: process.env.GATEHOUSE_REQUIRE_BROWSER === '1',
  }
}

/**
 * A free loopback port. The server is given a real port rather than 0 because the links it
 * hands out (invitations) are built from its configured public URL, which must be reachable.
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => (port === 0 ? reject(new Error('no free port')) : resolve(port)))
    })
  })
}

export interface Gatehouse {
  readonly url: string
  /** The printed first-run link, while no organization exists. */
  readonly setupUrl: string | undefined
  readonly databaseUrl: string
  /** Calls the API as a test client would (no cookies): `bearer` is an API key or a token. */
  api(
    path: string,
    options?: { bearer?: string; method?: string; body?: unknown },
  ): Promise<Response>
  close(): Promise<void>
}

/**
 * Builds the UI from its current sources into a temp dir (so the test never runs a stale
 * packages/web/dist) and serves it with a real server on a fresh SQLite database.
 */
export async function startGatehouse(
  options: { prepare?: (databaseUrl: string) => Promise<void> } = {},
): Promise<Gatehouse> {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-'))
  const webDir = join(dir, 'web')
  const databaseUrl = `sqlite:${join(dir, 'gatehouse.db')}`
  let server: RunningServer
  try {
    await build({
      root: WEB_ROOT,
      configFile: join(WEB_ROOT, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir: webDir, emptyOutDir: true },
    })
    await options.prepare?.(databaseUrl)
    server = await runServer(
      loadConfig({
        flags: { port: String(await freePort()), host: '127.0.0.1', db: databaseUrl },
        env: { LOG_LEVEL: 'silent', GATEHOUSE_WEB_DIR: webDir },
      }),
    )
  } catch (err) {
    await rm(dir, { recursive: true, force: true })
    throw err
  }
  return {
    url: server.url,
    setupUrl: server.setupUrl,
    databaseUrl,
    api(path, { bearer, method = 'GET', body } = {}) {
      const headers: Record<string, string> = {}
      if (bearer !== undefined) {
        headers.authorization = `Bearer ${bearer}`
      }
      if (body !== undefined) {
        headers['content-type'] = 'application/json'
      }
      return fetch(`${server.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(STEP_MS),
      })
    },
    async close() {
      await server.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Launches Chromium. playwright refuses a `--user-data-dir` flag on a shared browser; instead
 * its `launch` makes a fresh profile with mkdtemp for every run and deletes it on close, and
 * each `person()` is a separate context (own cookies, own storage).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: 30_000,
  })
}

/** One person at their own browser: separate cookies and storage, desktop size to start. */
export async function person(browser: Browser, baseURL: string): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ baseURL, viewport: DESKTOP })
  context.setDefaultTimeout(STEP_MS)
  context.setDefaultNavigationTimeout(STEP_MS)
  return context.newPage()
}

/**
 * Screenshots the page as it is at both sizes, into docs/screenshots/<name>-desktop.png and
 * <name>-mobile.png (overwritten each run), and leaves the page at desktop size.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  // A fast test piles up success notices that a person would see one at a time: clear them.
  const dismiss = page.locator('.notices').getByRole('button', { name: 'Dismiss' })
  while ((await dismiss.count()) > 0) {
    await dismiss.first().click()
  }
  // From the top, as a visitor sees the page: the sticky header stays at the top of the image.
  await page.evaluate(() => window.scrollTo(0, 0))
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['mobile', MOBILE],
  ] as const) {
    await page.setViewportSize(viewport)
    // Let layout and any transition settle at the new width.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    )
    // Works at this width: nothing but a table's own scroller may be wider than the screen.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    if (overflow > 0) {
      throw new Error(`${name} is ${overflow}px wider than the ${size} screen`)
    }
    await page.screenshot({
      path: join(SCREENSHOT_DIR, `${name}-${size}.png`),
      fullPage: true,
      animations: 'disabled',
      caret: 'hide',
    })
  }
  await page.setViewportSize(DESKTOP)
}

/** Everything the browser stores for this origin that could hold a secret. */
export async function storedValues(page: Page): Promise<string> {
  return page.evaluate(() => {
    const all: string[] = [window.location.href]
    for (const storage of [window.localStorage, window.sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)
        if (key !== null) {
          all.push(key, storage.getItem(key) ?? '')
        }
      }
    }
    return all.join('\n')
  })
}
