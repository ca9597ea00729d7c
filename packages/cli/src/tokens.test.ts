import { createApi, isGatehouseApiError } from '@gatehouse/client'
import { describeGatehouse } from '@gatehouse/client/testing'
import { expect, it } from 'vitest'
import { runCli } from './testing/harness.js'

describeGatehouse('gatehouse tokens', (g) => {
  const as = (token: string) => ({ env: { GATEHOUSE_URL: g().url, GATEHOUSE_TOKEN: token } })

  it('lists the service tokens for an owner, never their secrets', async () => {
    const world = await g().world()
    const ci = await g().serviceToken(world, 'ci')
    const list = await runCli(['tokens', 'list'], as(world.owner.key))
    expect(list.code).toBe(0)
    const line = list.stdout.split('\n').find((l) => l.startsWith(ci.tokenId))
    expect(line).toMatch(/ci token\s+bt-st-\S+…\S+\s+ci\s+.*active$/)
    expect(list.stdout).not.toContain(ci.token)
    const json = await runCli(['tokens', 'list', '--json'], as(world.owner.key))
    expect(json.stdout).not.toContain(ci.token)
    expect((JSON.parse(json.stdout) as { objects: { id: string }[] }).objects).toEqual([
      expect.objectContaining({ id: ci.tokenId, service_account_id: ci.serviceAccountId }),
    ])
  })

  it('revokes a token: the next request with it is refused', async () => {
    const world = await g().world()
    const ci = await g().serviceToken(world, 'deploy')
    const before = await createApi({ baseUrl: g().url, token: ci.token }).listOrganizations()
    expect(before.objects.map((o) => o.id)).toEqual([world.org.id])
    const revoked = await runCli(['tokens', 'revoke', ci.tokenId], as(world.owner.key))
    expect(revoked.code).toBe(0)
    expect(revoked.stdout).toBe(`Revoked service token "deploy token" (${ci.tokenId}) of deploy.\n`)
    const after = await createApi({ baseUrl: g().url, token: ci.token })
      .listOrganizations()
      .catch((e: unknown) => e)
    expect(isGatehouseApiError(after, 'UNAUTHENTICATED')).toBe(true)
  })

  it('is for owners only', async () => {
    const world = await g().world()
    const member = await g().member(world, ['engineers'])
    const list = await runCli(['tokens', 'list'], as(member.key))
    expect(list.code).toBe(3)
    expect(list.stderr).toContain('error: OWNER_REQUIRED: ')
  })
})
