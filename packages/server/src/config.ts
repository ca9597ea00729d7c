import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LOGIN_THROTTLE_DEFAULTS } from '@gatehouse/core'
import { z } from 'zod'
import { DEFAULT_TIMEOUTS, type ServerTimeouts } from './http/server-timeouts.js'
import { parseDatabaseUrl } from './storage/connect.js'
import { resolveDatabaseUrl } from './storage/open-store.js'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const Schema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  databaseUrl: z.string().min(1),
  logLevel: z.enum(LOG_LEVELS),
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  trustProxy: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
  cacheCredentials: z.coerce.number().int().min(0).max(100_000_000),
  cacheOrgs: z.coerce.number().int().min(0).max(1_000_000),
  cacheTtlMs: z.coerce.number().int().min(1).max(86_400_000),
  loginAccountLimit: z.coerce.number().int().min(1).max(1_000_000),
  loginIpLimit: z.coerce.number().int().min(1).max(1_000_000),
  loginWindowMs: z.coerce
    .number()
    .int()
    .min(1000)
    .max(7 * 86_400_000),
  headersTimeoutMs: z.coerce.number().int().min(1).max(3_600_000),
  requestTimeoutMs: z.coerce.number().int().min(1).max(3_600_000),
  keepAliveTimeoutMs: z.coerce.number().int().min(1).max(3_600_000),
})

/** Everything the server reads from its environment, parsed once at start-up. */
export interface ServerConfig {
  readonly port: number
  readonly host: string
  readonly databaseUrl: string
  readonly logLevel: (typeof LOG_LEVELS)[number]
  /** The origin people reach Gatehouse at (links in invitations, the CSRF origin check). */
  readonly publicUrl: string
  /**
   * GATEHOUSE_PUBLIC_URL was given. Otherwise publicUrl is made from HOST and PORT, which names
   * this machine only as the machine itself sees it (127.0.0.1 for 0.0.0.0).
   */
  readonly publicUrlSet: boolean
  /** Cookies get `Secure` when the public URL is https. */
  readonly secureCookies: boolean
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  readonly trustProxy: boolean
  /** The built Settings UI (packages/web/dist), served at `/`. */
  readonly webDir: string
  /**
   * The decision cache: credentials and org indexes kept (0 credentials turns caching off),
   * and the longest any entry lives whatever invalidation says.
   */
  readonly cache: {
    readonly credentials: number
    readonly orgs: number
    readonly ttlMs: number
  }
  /** The bearer token `/metrics` asks for; unset, it answers loopback clients only. */
  readonly metricsToken: string | undefined
  /**
   * Failed password logins allowed per account and per IP within the sliding window (see
   * policies/login-throttle.ts in core); counted in the database when several nodes share it.
   */
  readonly loginThrottle: {
    readonly accountLimit: number
    readonly ipLimit: number
    readonly windowMs: number
  }
  /** How long a client may take to send its headers and its whole request; idle keep-alive. */
  readonly timeouts: ServerTimeouts
}

/*
 * src/config.ts and dist/config.js sit at the same depth in the server package, so one relative
 * URL finds packages/web/dist from both (vitest runs the sources, `npm start` the build).
 */
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url))

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

export interface ConfigInput {
  readonly flags?: { port?: string | undefined; host?: string | undefined; db?: string | undefined }
  readonly env?: Record<string, string | undefined>
}

/**
 * Flags first, then the environment (PORT, HOST, GATEHOUSE_DATABASE_URL, LOG_LEVEL,
 * GATEHOUSE_PUBLIC_URL, GATEHOUSE_TRUST_PROXY, GATEHOUSE_WEB_DIR, GATEHOUSE_CACHE_CREDENTIALS,
 * GATEHOUSE_CACHE_ORGS, GATEHOUSE_CACHE_TTL_MS, GATEHOUSE_METRICS_TOKEN,
 * GATEHOUSE_LOGIN_ACCOUNT_LIMIT, GATEHOUSE_LOGIN_IP_LIMIT, GATEHOUSE_LOGIN_WINDOW_MS,
 * GATEHOUSE_HEADERS_TIMEOUT_MS, GATEHOUSE_REQUEST_TIMEOUT_MS, GATEHOUSE_KEEP_ALIVE_TIMEOUT_MS),
 * then defaults. A bad value
 * stops start-up with a message that names the setting.
 * @throws ConfigError
 */
export function loadConfig(input: ConfigInput = {}): ServerConfig {
  const env = input.env ?? {}
  const flags = input.flags ?? {}
  let databaseUrl: string
  try {
    databaseUrl = resolveDatabaseUrl(flags.db, env)
    parseDatabaseUrl(databaseUrl)
  } catch {
    throw new ConfigError(
      'GATEHOUSE_DATABASE_URL (or --db) must be sqlite:PATH or a postgres:// URL',
    )
  }
  const parsed = Schema.safeParse({
    port: flags.port ?? env.PORT ?? '8700',
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    databaseUrl,
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl: env.GATEHOUSE_PUBLIC_URL || undefined,
    trustProxy: env.GATEHOUSE_TRUST_PROXY ?? 'false',
    cacheCredentials: env.GATEHOUSE_CACHE_CREDENTIALS || '100000',
    cacheOrgs: env.GATEHOUSE_CACHE_ORGS || '1000',
    cacheTtlMs: env.GATEHOUSE_CACHE_TTL_MS || '30000',
    loginAccountLimit:
      env.GATEHOUSE_LOGIN_ACCOUNT_LIMIT || String(LOGIN_THROTTLE_DEFAULTS.accountLimit),
    loginIpLimit: env.GATEHOUSE_LOGIN_IP_LIMIT || String(LOGIN_THROTTLE_DEFAULTS.ipLimit),
    loginWindowMs: env.GATEHOUSE_LOGIN_WINDOW_MS || String(LOGIN_THROTTLE_DEFAULTS.windowMs),
    headersTimeoutMs: env.GATEHOUSE_HEADERS_TIMEOUT_MS || String(DEFAULT_TIMEOUTS.headersMs),
    requestTimeoutMs: env.GATEHOUSE_REQUEST_TIMEOUT_MS || String(DEFAULT_TIMEOUTS.requestMs),
    keepAliveTimeoutMs: env.GATEHOUSE_KEEP_ALIVE_TIMEOUT_MS || String(DEFAULT_TIMEOUTS.keepAliveMs),
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const names: Record<string, string> = {
      port: 'PORT (or --port): a number from 0 to 65535',
      host: 'HOST (or --host)',
      logLevel: `LOG_LEVEL: one of ${LOG_LEVELS.join(', ')}`,
      publicUrl: 'GATEHOUSE_PUBLIC_URL: an http(s) URL',
      trustProxy: 'GATEHOUSE_TRUST_PROXY: true or false',
      cacheCredentials: 'GATEHOUSE_CACHE_CREDENTIALS: a whole number, 0 turns caching off',
      cacheOrgs: 'GATEHOUSE_CACHE_ORGS: a whole number',
      cacheTtlMs: 'GATEHOUSE_CACHE_TTL_MS: milliseconds, at least 1',
      loginAccountLimit: 'GATEHOUSE_LOGIN_ACCOUNT_LIMIT: a whole number, at least 1',
      loginIpLimit: 'GATEHOUSE_LOGIN_IP_LIMIT: a whole number, at least 1',
      loginWindowMs: 'GATEHOUSE_LOGIN_WINDOW_MS: milliseconds, from 1000 to 7 days',
      headersTimeoutMs: 'GATEHOUSE_HEADERS_TIMEOUT_MS: milliseconds, at least 1',
      requestTimeoutMs: 'GATEHOUSE_REQUEST_TIMEOUT_MS: milliseconds, at least 1',
      keepAliveTimeoutMs: 'GATEHOUSE_KEEP_ALIVE_TIMEOUT_MS: milliseconds, at least 1',
    }
    const field = String(issue?.path[0] ?? '')
    throw new ConfigError(`Invalid setting ${names[field] ?? field}`)
  }
  const c = parsed.data
  // node refuses a headers timeout longer than the request's: the whole cannot end first.
  if (c.headersTimeoutMs > c.requestTimeoutMs) {
    throw new ConfigError(
      'Invalid setting GATEHOUSE_HEADERS_TIMEOUT_MS: at most GATEHOUSE_REQUEST_TIMEOUT_MS',
    )
  }
  const publicUrl = (c.publicUrl ?? `http://${hostForUrl(c.host)}:${c.port}`).replace(/\/+$/, '')
  return {
    port: c.port,
    host: c.host,
    databaseUrl: c.databaseUrl,
    logLevel: c.logLevel,
    publicUrl,
    publicUrlSet: c.publicUrl !== undefined,
    secureCookies: publicUrl.startsWith('https://'),
    trustProxy: c.trustProxy,
    webDir: webDirFrom(env.GATEHOUSE_WEB_DIR),
    cache: { credentials: c.cacheCredentials, orgs: c.cacheOrgs, ttlMs: c.cacheTtlMs },
    metricsToken: env.GATEHOUSE_METRICS_TOKEN || undefined,
    loginThrottle: {
      accountLimit: c.loginAccountLimit,
      ipLimit: c.loginIpLimit,
      windowMs: c.loginWindowMs,
    },
    timeouts: {
      headersMs: c.headersTimeoutMs,
      requestMs: c.requestTimeoutMs,
      keepAliveMs: c.keepAliveTimeoutMs,
    },
  }
}

function webDirFrom(setting: string | undefined): string {
  if (setting === undefined || setting === '') {
    return DEFAULT_WEB_DIR
  }
  return isAbsolute(setting) ? setting : resolve(setting)
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') {
    return '127.0.0.1'
  }
  return host.includes(':') ? `[${host}]` : host
}
