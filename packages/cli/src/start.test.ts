import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PASSWORD, runCli, tempSqlite } from './testing/harness.js'

let db: ReturnType<typeof tempSqlite>

beforeEach(() => {
  db = tempSqlite()
})

afterEach(() => {
  db.cleanup()
})

describe('gatehouse migrate', () => {
  it('applies the migrations once', async () => {
    const first = await runCli(['migrate', '--db', db.url])
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/\(sqlite\): applied \d+ migrations?: 0001/)
    const second = await runCli(['migrate', '--db', db.url])
    expect(second.code).toBe(0)
    expect(second.stdout).toBe(`Database ${db.url} (sqlite) is up to date.\n`)
  })

  it('takes the database from GATEHOUSE_DATABASE_URL', async () => {
    const result = await runCli(['migrate'], { env: { GATEHOUSE_DATABASE_URL: db.url } })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(db.url)
  })
})

describe('gatehouse start', () => {
  it('prepares an empty database and prints the bootstrap command', async () => {
    const result = await runCli(['start'], { env: { GATEHOUSE_DATABASE_URL: db.url } })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('applied')
    expect(result.stdout).toContain('No organization exists yet')
    expect(result.stdout).toContain(
      "echo 'a long password' | npx gatehouse bootstrap --org NAME --email EMAIL --password-stdin\n",
    )
    expect(result.stdout).toContain('arrives with the REST API (issue 3)')
  })

  it('repeats --db in the command it suggests', async () => {
    const result = await runCli(['start', '--db', db.url])
    expect(result.stdout).toContain(`--password-stdin --db '${db.url}'`)
  })

  it('names the organizations that exist', async () => {
    for (const org of ['acme', 'beta']) {
      await runCli(
        ['bootstrap', '--db', db.url, '--org', org, '--email', 'o@acme.test', '--password-stdin'],
        { stdin: PASSWORD },
      )
    }
    const result = await runCli(['start', '--db', db.url])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('is up to date')
    expect(result.stdout).toContain('2 organizations exist: acme, beta.')
    expect(result.stdout).not.toContain('npx gatehouse bootstrap')
  })
})
