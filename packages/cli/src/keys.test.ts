import { createApi, isGatehouseApiError } from '@gatehouse/client'
import { describeGatehouse } from '@gatehouse/client/testing'
import { expect, it } from 'vitest'
import { runCli } from './testing/harness.js'

const UNKNOWN_ID = '0b5a2f6e-7c1d-4e8a-9f3b-2d6c8e0a1b4c'

describeGatehouse('gatehouse keys', (g) => {
  const as = (token: string) => ({ env: { GATEHOUSE_URL: g().url, GATEHOUSE_TOKEN: token } })

  it('lists every key of the org for an owner, by preview, never the secrets', async () => {
    const world = await g().world()
    const member = await g().member(world, ['engineers'])
    const table = await runCli(['keys', 'list'], as(world.owner.key))
    expect(table.code).toBe(0)
    expect(table.stderr).toBe('')
    const lines = table.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^ID\s+NAME\s+KEY\s+USER\s+CREATED\s+LAST USED\s+EXPIRES\s+STATUS$/)
    expect(lines).toHaveLength(3)
    const memberLine = lines.find((l) => l.startsWith(member.keyId))
    expect(memberLine).toContain(member.email)
    expect(memberLine).toMatch(/active$/)
    for (const secret of [world.owner.key, member.key]) {
      expect(table.stdout).not.toContain(secret)
    }

    const json = await runCli(['keys', 'list', '--json'], as(world.owner.key))
    expect(json.code).toBe(0)
    const { objects } = JSON.parse(json.stdout) as { objects: { id: string; key?: string }[] }
    expect(objects.map((k) => k.id).sort()).toEqual([world.owner.keyId, member.keyId].sort())
    expect(objects.every((k) => k.key === undefined)).toBe(true)
    expect(json.stdout).not.toContain(member.key)
  })

  it('lists only your own keys with --mine, and refuses the inventory to a non-owner', async () => {
    const world = await g().world()
    const member = await g().member(world, ['engineers'])
    const mine = await runCli(['keys', 'list', '--mine', '--json'], as(member.key))
    expect(mine.code).toBe(0)
    expect((JSON.parse(mine.stdout) as { objects: { id: string }[] }).objects).toEqual([
      expect.objectContaining({ id: member.keyId }),
    ])
    const inventory = await runCli(['keys', 'list'], as(member.key))
    expect(inventory.code).toBe(3)
    expect(inventory.stdout).toBe('')
    expect(inventory.stderr).toMatch(/^error: OWNER_ONLY_KEY_INVENTORY: .+ \[request .+\]\n$/)
  })

  it('revokes a key: the next request with it is refused, and the inventory shows it', async () => {
    const world = await g().world()
    const member = await g().member(world, ['viewers'])
    const revoked = await runCli(['keys', 'revoke', member.keyId], as(world.owner.key))
    expect(revoked.code).toBe(0)
    expect(revoked.stdout).toBe(
      `Revoked API key "test key" (${member.keyId}) of ${member.email}.\n`,
    )

    const refused = await createApi({ baseUrl: g().url, token: member.key })
      .listApiKeys()
      .catch((e: unknown) => e)
    expect(isGatehouseApiError(refused, 'UNAUTHENTICATED')).toBe(true)
    const again = await runCli(['keys', 'list', '--mine'], as(member.key))
    expect(again.code).toBe(3)
    expect(again.stderr).toContain('error: UNAUTHENTICATED: ')

    const list = await runCli(['keys', 'list'], as(world.owner.key))
    expect(list.stdout.split('\n').find((l) => l.startsWith(member.keyId))).toMatch(/revoked$/)
  })

  it('maps refusals to exit codes: not found 4, invalid 2, someone else’s key 4', async () => {
    const world = await g().world()
    const member = await g().member(world, ['engineers'])
    const unknown = await runCli(['keys', 'revoke', UNKNOWN_ID], as(world.owner.key))
    expect(unknown.code).toBe(4)
    expect(unknown.stderr).toContain('error: API_KEY_NOT_FOUND: API key not found')
    const invalid = await runCli(['keys', 'revoke', 'not-an-id', '--json'], as(world.owner.key))
    expect(invalid.code).toBe(2)
    expect(JSON.parse(invalid.stderr)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } })
    // A member cannot see the owner's key: it does not exist for them.
    const foreign = await runCli(['keys', 'revoke', world.owner.keyId], as(member.key))
    expect(foreign.code).toBe(4)
    const usage = await runCli(['keys', 'revoke'], as(world.owner.key))
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('error: USAGE: Name exactly one API key id')
  })
})
