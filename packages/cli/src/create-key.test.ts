import { createApi } from '@gatehouse/client'
import { describeGatehouse } from '@gatehouse/client/testing'
import { TEST_PASSWORD } from '@gatehouse/core/testing'
import { expect, it } from 'vitest'
import { runCli } from './testing/harness.js'

describeGatehouse('gatehouse keys create', (g) => {
  const create = (args: string[], stdin = `${TEST_PASSWORD}\n`) =>
    runCli(['keys', 'create', ...args, '--url', g().url], { stdin, env: {} })

  it('logs in with the piped password, prints the new key once, and the key works', async () => {
    const world = await g().world()
    const json = await create(['ci', '--email', world.owner.email, '--password-stdin', '--json'])
    expect(json.stderr).toBe('')
    expect(json.code).toBe(0)
    const created = JSON.parse(json.stdout) as { id: string; name: string; key: string }
    expect(created.name).toBe('ci')
    expect(created.key).toMatch(/^sk-/)
    const api = createApi({ baseUrl: g().url, token: created.key })
    const mine = await api.listApiKeys({ query: { scope: 'self' } })
    expect(mine.objects.map((k) => k.id)).toContain(created.id)
    expect(JSON.stringify(mine)).not.toContain(created.key)

    const text = await create(['deploy', '--email', world.owner.email, '--password-stdin'])
    expect(text.code).toBe(0)
    const [sentence, secret] = text.stdout.trimEnd().split('\n')
    expect(sentence).toMatch(/^Created API key "deploy" \(.+\) for .+\. It is shown this once:$/)
    expect(secret).toMatch(/^sk-/)
  })

  it("exits by the API's refusal: a wrong password 3, an org the account is not in 4", async () => {
    const a = await g().world()
    const member = await g().member(a, ['engineers'])
    const b = await g().world()
    const other = await g().member(b, ['engineers'])
    expect(other.email).not.toBe(member.email)

    const wrong = await create(['x', '--email', member.email, '--password-stdin'], 'not it\n')
    expect(wrong.code).toBe(3)
    expect(wrong.stderr).toMatch(/^error: UNAUTHENTICATED: /)
    expect(wrong.stdout).toBe('')

    const unknownOrg = await create([
      'x',
      '--email',
      member.email,
      '--password-stdin',
      '--org',
      b.org.name,
      '--json',
    ])
    expect(unknownOrg.code).toBe(4)
    expect(JSON.parse(unknownOrg.stderr)).toMatchObject({ error: { code: 'ORG_NOT_FOUND' } })

    const named = await create([
      'x',
      '--email',
      member.email,
      '--password-stdin',
      '--org',
      a.org.name,
    ])
    expect(named.code).toBe(0)
  })

  it('refuses usage mistakes before sending anything', async () => {
    for (const args of [
      ['--email', 'a@b.test', '--password-stdin'],
      ['k', '--password-stdin'],
      ['k', '--email', 'a@b.test'],
      ['k', 'l', '--email', 'a@b.test', '--password-stdin'],
      ['k', '--email', 'a@b.test', '--password', 'x'],
    ]) {
      const result = await create(args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toContain('USAGE')
    }
    const tty = await runCli(
      ['keys', 'create', 'k', '--email', 'a@b.test', '--password-stdin', '--url', g().url],
      { stdinIsTty: true, env: {} },
    )
    expect(tty.code).toBe(2)
  })
})
