import { resolve } from 'node:path'
import { AppError, type ErrorCode } from '@gatehouse/core'
import type { Connection } from './connection.js'
import { connectPostgres } from './postgres/connect-postgres.js'
import { connectSqlite, SQLITE_MEMORY } from './sqlite/connect-sqlite.js'

/* Reads a database URL and opens it with the dialect it names (sqlite/ or postgres/). */

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string; readonly schema?: string }

export interface ConnectOptions {
  /** PostgreSQL only: the schema to create (if missing) and use on every connection. */
  readonly schema?: string | undefined
  /** PostgreSQL only: the pool size. */
  readonly maxConnections?: number | undefined
}

// Unquoted-identifier rules, so the name is safe in `-c search_path=` and needs no escaping.
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

function invalidUrl(): AppError {
  // Never the URL itself in the error: it may carry a password.
  return new AppError('VALIDATION_FAILED', { field: 'database_url' })
}

/**
 * Parses `sqlite:PATH` (also `sqlite::memory:` and `sqlite:///abs/path`) and
 * `postgres://` / `postgresql://` URLs, whose optional `schema` query parameter names the
 * schema to use.
 * @throws VALIDATION_FAILED
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const text = url.trim()
  if (text.startsWith('sqlite:')) {
    let path = text.slice('sqlite:'.length)
    if (path.startsWith('//')) {
      path = path.slice(2)
    }
    if (path.length === 0 || path.includes('\0')) {
      throw invalidUrl()
    }
    return { dialect: 'sqlite', path }
  }
  if (text.startsWith('postgres://') || text.startsWith('postgresql://')) {
    let parsed: URL
    try {
      parsed = new URL(text)
    } catch {
      throw invalidUrl()
    }
    if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
      throw invalidUrl()
    }
    const schema = parsed.searchParams.get('schema')
    parsed.searchParams.delete('schema')
    if (schema === null) {
      return { dialect: 'postgres', connectionString: text }
    }
    if (!SCHEMA_NAME.test(schema)) {
      throw invalidUrl()
    }
    return { dialect: 'postgres', connectionString: parsed.toString(), schema }
  }
  throw invalidUrl()
}

/** Opens the database `url` names. @throws VALIDATION_FAILED */
export async function connect(url: string, options: ConnectOptions = {}): Promise<Connection> {
  const target = parseDatabaseUrl(url)
  if (target.dialect === 'sqlite') {
    return connectSqlite(target.path)
  }
  const schema = options.schema ?? target.schema
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new AppError('VALIDATION_FAILED', { field: 'schema' })
  }
  return connectPostgres(target.connectionString, schema, options.maxConnections)
}

/**
 * The file of a SQLite URL. A PostgreSQL URL throws `codeForPostgres` without connecting: file
 * backups and restores are SQLite's, pg_dump and pg_restore are PostgreSQL's.
 * @throws VALIDATION_FAILED, codeForPostgres
 */
export function databaseFile(url: string, codeForPostgres: ErrorCode): string {
  const target = parseDatabaseUrl(url)
  if (target.dialect !== 'sqlite') {
    throw new AppError(codeForPostgres)
  }
  if (target.path === SQLITE_MEMORY) {
    throw new AppError('VALIDATION_FAILED', { field: 'database_url' })
  }
  return resolve(target.path)
}
