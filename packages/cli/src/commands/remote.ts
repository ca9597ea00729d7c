import { createApi, type GatehouseApi, GatehouseApiError } from '@gatehouse/client'
import { EXIT, redactUrls, UsageError } from '../errors.js'
import { type CliIo, type Output, writeJson, writeLine } from '../io.js'

/*
 * What the admin commands share: they call a running Gatehouse over its REST API with the typed
 * client, authenticated by the API key or service token in $GATEHOUSE_TOKEN.
 */

export const DEFAULT_URL = 'http://127.0.0.1:8700'

/** The options of every admin command. */
export const REMOTE_OPTIONS = { url: { type: 'string' }, json: { type: 'boolean' } } as const

export const REMOTE_HELP = `  --url URL         The Gatehouse server (default: $GATEHOUSE_URL, else ${DEFAULT_URL})
  --json            Print the API's JSON instead of a table or a sentence
  -h, --help        Show this help

The credential is an API key or service token in $GATEHOUSE_TOKEN; never a flag, which other
users could read in the process list.`

export interface Remote {
  readonly api: GatehouseApi
  /** The server's URL, its password masked, for messages. */
  readonly shownUrl: string
}

/** The server named by --url or the environment. @throws UsageError */
function serverUrl(io: CliIo, url: string | undefined, see: string): string {
  const baseUrl = url ?? io.env.GATEHOUSE_URL ?? DEFAULT_URL
  let parsed: URL
  try {
    parsed = new URL(baseUrl)
  } catch {
    throw new UsageError(`'${redactUrls(baseUrl)}' is not a URL`, see)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`'${redactUrls(baseUrl)}' is not an http(s) URL`, see)
  }
  return baseUrl
}

/** A client for the server named by --url or the environment. @throws UsageError */
export function connect(io: CliIo, url: string | undefined, see: string): Remote {
  const baseUrl = serverUrl(io, url, see)
  const token = io.env.GATEHOUSE_TOKEN
  if (token === undefined || token.trim() === '') {
    throw new UsageError(
      'GATEHOUSE_TOKEN is not set: export an API key or service token of an owner or admin',
      see,
    )
  }
  return { api: createApi({ baseUrl, token: token.trim() }), shownUrl: redactUrls(baseUrl) }
}

/** The exit code of an HTTP status: the same table as for errors of the database commands. */
function exitCodeOfStatus(status: number): number {
  switch (status) {
    case 400:
    case 413:
      return EXIT.invalid
    case 401:
    case 403:
      return EXIT.refused
    case 404:
      return EXIT.notFound
    case 409:
      return EXIT.conflict
    default:
      return EXIT.error
  }
}

function reportApiError(
  stderr: Output,
  err: GatehouseApiError,
  json: boolean,
  shownUrl: string,
): number {
  const message = err.code === 'NETWORK' ? `${err.message} at ${shownUrl}` : err.message
  if (json) {
    writeJson(stderr, {
      error: {
        code: err.code,
        message,
        ...(err.details === undefined ? {} : { details: err.details }),
        ...(err.requestId === null ? {} : { request_id: err.requestId }),
      },
    })
  } else {
    const details =
      err.details === undefined
        ? ''
        : ` (${Object.entries(err.details)
            .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
            .join(', ')})`
    const request = err.requestId === null ? '' : ` [request ${err.requestId}]`
    writeLine(stderr, `error: ${err.code}: ${message}${details}${request}`)
  }
  return exitCodeOfStatus(err.status)
}

/**
 * Runs `action` against the server and turns an API failure into `error: CODE: message` on
 * stderr and the exit code of its status (400 → 2, 401/403 → 3, 404 → 4, 409 → 5, else 1).
 */
export async function withRemote(
  io: CliIo,
  values: { readonly url?: string | undefined; readonly json?: boolean | undefined },
  see: string,
  action: (remote: Remote) => Promise<number>,
): Promise<number> {
  const remote = connect(io, values.url, see)
  try {
    return await action(remote)
  } catch (err) {
    if (err instanceof GatehouseApiError) {
      return reportApiError(io.stderr, err, values.json === true, remote.shownUrl)
    }
    throw err
  }
}

/**
 * A fetch that keeps the session cookies the server sets (Node's fetch has no cookie jar), so
 * the typed client can act as a browser session does.
 */
function cookieFetch(): { fetch: typeof fetch; cookie(name: string): string | undefined } {
  const jar = new Map<string, string>()
  return {
    cookie: (name) => jar.get(name),
    async fetch(input, init) {
      const headers = new Headers(init?.headers)
      if (jar.size > 0) {
        headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
      }
      const response = await globalThis.fetch(input, { ...init, headers })
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';')
        const eq = pair.indexOf('=')
        if (eq > 0) {
          jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
        }
      }
      return response
    },
  }
}

/**
 * Logs in as `login.email` (`POST /auth/login`: a session cookie and the CSRF token, sent back
 * as `x-csrf-token` on writes), runs `action` in that session and logs out, whatever `action`
 * did. API failures are reported as by withRemote.
 */
export async function withSession(
  io: CliIo,
  values: { readonly url?: string | undefined; readonly json?: boolean | undefined },
  see: string,
  login: { readonly email: string; readonly password: string },
  action: (api: GatehouseApi) => Promise<number>,
): Promise<number> {
  const baseUrl = serverUrl(io, values.url, see)
  const jar = cookieFetch()
  const api = createApi({
    baseUrl,
    fetch: jar.fetch,
    csrfToken: () => jar.cookie('gatehouse_csrf'),
  })
  try {
    await api.login({ body: login })
    try {
      return await action(api)
    } finally {
      // The key is printed by now; a session left behind expires on its own.
      await api.logout().catch(() => undefined)
    }
  } catch (err) {
    if (err instanceof GatehouseApiError) {
      return reportApiError(io.stderr, err, values.json === true, redactUrls(baseUrl))
    }
    throw err
  }
}

export const PAGE_SIZE = 1000

/** Fetches every page of a list (newest first), PAGE_SIZE objects a request. */
export async function allPages<T extends { readonly id: string }>(
  page: (startingAfter: string | undefined) => Promise<{ readonly objects: readonly T[] }>,
): Promise<T[]> {
  const all: T[] = []
  let after: string | undefined
  for (;;) {
    const { objects } = await page(after)
    all.push(...objects)
    const last = objects.at(-1)
    if (objects.length < PAGE_SIZE || last === undefined) {
      return all
    }
    after = last.id
  }
}

/** A timestamp as `YYYY-MM-DD HH:MM` (UTC), or '-' when there is none. */
export function shortTime(iso: string | null | undefined): string {
  return iso === null || iso === undefined ? '-' : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`
}

/** Whether a credential still works: `active`, `revoked` or `expired`. */
export function credentialStatus(
  credential: { readonly revoked_at: string | null; readonly expires_at: string | null },
  now = Date.now(),
): string {
  if (credential.revoked_at !== null) {
    return 'revoked'
  }
  if (credential.expires_at !== null && Date.parse(credential.expires_at) <= now) {
    return 'expired'
  }
  return 'active'
}

/** Rows as aligned columns under a header line. */
export function writeTable(out: Output, header: readonly string[], rows: readonly string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  for (const row of [header, ...rows]) {
    writeLine(
      out,
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
  }
}
