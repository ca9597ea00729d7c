import { existsSync } from 'node:fs'
import type { Tx } from '@gatehouse/core'
import { createScryptHasher, openStore } from '@gatehouse/server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PASSWORD, runCli, tempSqlite } from './testing/harness.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

let db: ReturnType<typeof tempSqlite>

beforeEach(() => {
  db = tempSqlite()
})

afterEach(() => {
  db.cleanup()
})

async function inspect<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const store = await openStore(db.url)
  try {
    return await store.transaction(fn)
  } finally {
    await store.close()
  }
}

function bootstrap(extra: string[], stdin?: string) {
  return runCli(['bootstrap', '--db', db.url, ...extra], stdin === undefined ? {} : { stdin })
}

describe('gatehouse bootstrap', () => {
  it('creates the org, its groups and a new owner, and says so', async () => {
    const result = await bootstrap(
      ['--org', 'acme', '--email', 'Owner@Acme.test', '--password-stdin'],
      `${PASSWORD}\n`,
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Created organization "acme" (enterprise plan')
    expect(result.stdout).toContain('with groups Owners, Engineers, Viewers')
    expect(result.stdout).toContain('Its owner is owner@acme.test (a new user')
    expect(result.stdout).not.toContain(PASSWORD)

    const { org, user, groups } = await inspect(async (tx) => {
      const org = await tx.orgs.findByName('acme')
      const user = await tx.users.findByEmail('owner@acme.test')
      const groups = org === undefined ? [] : await tx.groups.listAll(org.id)
      return { org, user, groups }
    })
    expect(org?.plan).toBe('enterprise')
    expect(result.stdout).toContain(`id ${org?.id}`)
    expect(groups.map((g) => g.name).sort()).toEqual(['Engineers', 'Owners', 'Viewers'])
    expect(groups.find((g) => g.name === 'Owners')?.memberUsers).toEqual([user?.id])
    // One trailing newline is not part of the password.
    const hash = user?.passwordHash ?? ''
    expect(await createScryptHasher().verify(PASSWORD, hash)).toBe(true)
    expect(await createScryptHasher().verify(`${PASSWORD}\n`, hash)).toBe(false)
  })

  it('prints the ids as JSON with --json', async () => {
    const result = await bootstrap(
      [
        '--org',
        'acme',
        '--email',
        'owner@acme.test',
        '--password-stdin',
        '--json',
        '--plan',
        'pro',
      ],
      PASSWORD,
    )
    expect(result.code).toBe(0)
    const body = JSON.parse(result.stdout) as { org_id: string; user_id: string }
    expect(Object.keys(body).sort()).toEqual(['org_id', 'user_id'])
    expect(body.org_id).toMatch(UUID)
    expect(body.user_id).toMatch(UUID)
    const stored = await inspect(async (tx) => ({
      org: await tx.orgs.find(body.org_id),
      member: await tx.members.find(body.org_id, body.user_id),
    }))
    expect(stored.org?.name).toBe('acme')
    expect(stored.org?.plan).toBe('pro')
    expect(stored.member).toBeDefined()
  })

  it('makes an existing user the owner without asking for a password', async () => {
    const first = await bootstrap(
      ['--org', 'acme', '--email', 'owner@acme.test', '--password-stdin', '--json'],
      PASSWORD,
    )
    const second = await bootstrap([
      '--org',
      'beta',
      '--email',
      'owner@acme.test',
      '--plan',
      'starter',
      '--json',
    ])
    expect(second.code).toBe(0)
    const a = JSON.parse(first.stdout) as { user_id: string }
    const b = JSON.parse(second.stdout) as { org_id: string; user_id: string }
    expect(b.user_id).toBe(a.user_id)
    const groups = await inspect((tx) => tx.groups.listAll(b.org_id))
    expect(groups.map((g) => g.name)).toEqual(['Owners'])
  })

  it('refuses a duplicate organization with exit 5', async () => {
    const args = ['--org', 'acme', '--email', 'owner@acme.test', '--password-stdin']
    expect((await bootstrap(args, PASSWORD)).code).toBe(0)
    const again = await bootstrap([...args, '--json'], PASSWORD)
    expect(again.code).toBe(5)
    expect(again.stdout).toBe('')
    expect(JSON.parse(again.stderr)).toEqual({
      error: { code: 'ORG_NAME_TAKEN', message: 'An organization with this name already exists' },
    })
    const text = await bootstrap(args, PASSWORD)
    expect(text.stderr).toBe(
      'error: ORG_NAME_TAKEN: An organization with this name already exists\n',
    )
  })

  it('refuses a bad email with exit 2', async () => {
    const result = await bootstrap(
      ['--org', 'acme', '--email', 'not-an-email', '--password-stdin'],
      PASSWORD,
    )
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('error: EMAIL_INVALID: The email address is not valid\n')
    expect(await inspect((tx) => tx.orgs.listAll())).toEqual([])
  })

  it('refuses a new user without a password with exit 2 and creates nothing', async () => {
    const result = await bootstrap(['--org', 'acme', '--email', 'owner@acme.test'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('error: VALIDATION_FAILED: The request is not valid')
    expect(result.stderr).toContain('field: password')
    const state = await inspect(async (tx) => ({
      orgs: await tx.orgs.listAll(),
      user: await tx.users.findByEmail('owner@acme.test'),
    }))
    expect(state.orgs).toEqual([])
    expect(state.user).toBeUndefined()
  })

  it('refuses a short password without echoing it', async () => {
    const result = await bootstrap(
      ['--org', 'acme', '--email', 'owner@acme.test', '--password-stdin'],
      'tiny7\n',
    )
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'error: PASSWORD_TOO_SHORT: Passwords must be at least 8 characters long\n',
    )
    expect(result.stdout + result.stderr).not.toContain('tiny7')
  })

  it('refuses to read a password from a terminal', async () => {
    const result = await runCli(
      [
        'bootstrap',
        '--db',
        db.url,
        '--org',
        'acme',
        '--email',
        'owner@acme.test',
        '--password-stdin',
      ],
      { stdin: PASSWORD, stdinIsTty: true },
    )
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("'--password-stdin' reads a pipe or a file, not a terminal")
    // Refused before the database was even opened.
    expect(existsSync(db.file)).toBe(false)
  })
})
