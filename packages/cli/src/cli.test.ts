import { describe, expect, it } from 'vitest'
import { COMMANDS } from './cli.js'
import { runCli } from './testing/harness.js'

describe('gatehouse --help', () => {
  it('lists every command and the exit codes', async () => {
    const result = await runCli(['--help'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    for (const command of COMMANDS) {
      expect(result.stdout).toContain(command.name)
      expect(result.stdout).toContain(command.summary)
    }
    expect(result.stdout).toContain('6 audit chain broken')
  })

  it.each([['-h'], ['help']])('also answers %s', async (flag) => {
    const result = await runCli([flag])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Usage: gatehouse <command>')
  })

  it.each(COMMANDS.map((c) => [c.name]))('gives the help of %s', async (name) => {
    const words = name.split(' ')
    for (const argv of [
      [...words, '--help'],
      [...words, '-h'],
      ['help', ...words],
      // --help wins over anything else on the line, even flags the command does not know.
      [...words, '--db', 'sqlite:/nonexistent/x.db', '--bogus', '--help'],
    ]) {
      const result = await runCli(argv)
      expect(result.code, argv.join(' ')).toBe(0)
      expect(result.stdout).toContain(`Usage: gatehouse ${name}`)
      expect(result.stderr).toBe('')
    }
  })

  it('gives the help of the audit group', async () => {
    for (const argv of [['audit'], ['audit', '--help'], ['help', 'audit']]) {
      const result = await runCli(argv)
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('Usage: gatehouse audit <command>')
      expect(result.stdout).toContain('verify')
    }
  })

  it('prints the package version', async () => {
    const result = await runCli(['--version'])
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
  })
})

describe('command line mistakes exit 2', () => {
  it('refuses a missing command', async () => {
    const result = await runCli([])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('error: USAGE: No command given')
  })

  it('refuses an unknown command', async () => {
    const result = await runCli(['serve-everything'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("error: USAGE: Unknown command 'serve-everything'")
    const audit = await runCli(['audit', 'erase'])
    expect(audit.code).toBe(2)
    expect(audit.stderr).toContain("Unknown command 'audit erase'")
  })

  it.each(COMMANDS.map((c) => [c.name]))('refuses an unknown flag on %s', async (name) => {
    const result = await runCli([...name.split(' '), '--no-such-flag'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("error: USAGE: Unknown option '--no-such-flag'")
    expect(result.stderr).toContain(`See 'gatehouse ${name} --help'.`)
    expect(result.stdout).toBe('')
  })

  it('refuses stray arguments and options without their value', async () => {
    const stray = await runCli(['migrate', 'now'])
    expect(stray.code).toBe(2)
    expect(stray.stderr).toContain("Unexpected argument 'now'")
    const bare = await runCli(['migrate', '--db'])
    expect(bare.code).toBe(2)
    expect(bare.stderr).toContain("Option '--db <value>' argument missing")
  })

  it('names a missing required option of bootstrap', async () => {
    const noOrg = await runCli(['bootstrap', '--email', 'owner@acme.test'])
    expect(noOrg.code).toBe(2)
    expect(noOrg.stderr).toContain("Missing required option '--org'")
    const noEmail = await runCli(['bootstrap', '--org', 'acme'])
    expect(noEmail.code).toBe(2)
    expect(noEmail.stderr).toContain("Missing required option '--email'")
  })

  it('refuses an unknown plan', async () => {
    const result = await runCli([
      'bootstrap',
      '--org',
      'a',
      '--email',
      'o@a.test',
      '--plan',
      'gold',
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("Option '--plan' must be one of starter, pro, enterprise")
  })

  it('prints usage errors as JSON with --json', async () => {
    const result = await runCli(['bootstrap', '--json', '--bogus'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(JSON.parse(result.stderr)).toEqual({
      error: { code: 'USAGE', message: "Unknown option '--bogus'" },
    })
  })

  it('refuses a database URL it cannot use, without printing it', async () => {
    const result = await runCli(['migrate', '--db', 'mysql://root:hunter2@db/x'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('error: VALIDATION_FAILED: The request is not valid')
    expect(result.stderr).toContain('database_url')
    expect(result.stderr).not.toContain('hunter2')
  })
})
