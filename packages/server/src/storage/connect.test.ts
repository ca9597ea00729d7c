import { isAppError } from '@gatehouse/core'
import { describe, expect, it } from 'vitest'
import { parseDatabaseUrl } from './connect.js'
import { DEFAULT_DATABASE_URL, openStore, resolveDatabaseUrl } from './open-store.js'

function failure(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected a throw')
}

describe('parseDatabaseUrl', () => {
  it('reads SQLite paths, in-memory databases and PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('sqlite:./.gatehouse/gatehouse.db')).toEqual({
      dialect: 'sqlite',
      path: './.gatehouse/gatehouse.db',
    })
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', path: ':memory:' })
    expect(parseDatabaseUrl('sqlite:///var/lib/gh.db')).toEqual({
      dialect: 'sqlite',
      path: '/var/lib/gh.db',
    })
    expect(parseDatabaseUrl('postgres://u:p@db:5432/gh')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://u:p@db:5432/gh',
    })
    expect(parseDatabaseUrl('postgresql://db/gh').dialect).toBe('postgres')
  })

  it('takes the schema query parameter out of a PostgreSQL URL', () => {
    const target = parseDatabaseUrl('postgres://u@db:5432/gh?schema=gh_x&sslmode=disable')
    expect(target).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://u@db:5432/gh?sslmode=disable',
      schema: 'gh_x',
    })
  })

  it('refuses other URLs with VALIDATION_FAILED on database_url, never echoing the URL', () => {
    for (const url of [
      '',
      'sqlite:',
      'mysql://root:hunter2@db/gh',
      'postgres://',
      'http://example.com',
      'postgres://u:hunter2@db/gh?schema=bad;drop',
      'postgres://u:hunter2@db/gh?schema=a"b',
    ]) {
      const err = failure(() => parseDatabaseUrl(url))
      expect(isAppError(err, 'VALIDATION_FAILED'), url).toBe(true)
      if (isAppError(err)) {
        expect(err.details).toEqual({ field: 'database_url' })
        expect(JSON.stringify({ message: err.message, details: err.details })).not.toContain(
          'hunter2',
        )
      }
    }
  })

  it('makes openStore reject a bad URL or schema before connecting', async () => {
    await expect(openStore('oracle://x')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    await expect(
      openStore('postgres://127.0.0.1:1/x', { schema: 'x; drop table users' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'schema' } })
  })
})

describe('resolveDatabaseUrl', () => {
  it('prefers the flag, then GATEHOUSE_DATABASE_URL, then the default SQLite file', () => {
    const env = { GATEHOUSE_DATABASE_URL: 'postgres://db/gh' }
    expect(resolveDatabaseUrl('sqlite:/tmp/a.db', env)).toBe('sqlite:/tmp/a.db')
    expect(resolveDatabaseUrl(undefined, env)).toBe('postgres://db/gh')
    expect(resolveDatabaseUrl('', env)).toBe('postgres://db/gh')
    expect(resolveDatabaseUrl(undefined, {})).toBe(DEFAULT_DATABASE_URL)
    expect(resolveDatabaseUrl(undefined, { GATEHOUSE_DATABASE_URL: '  ' })).toBe(
      'sqlite:./.gatehouse/gatehouse.db',
    )
  })
})
