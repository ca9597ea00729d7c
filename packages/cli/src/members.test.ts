import { createApi, isGatehouseApiError } from '@gatehouse/client'
import { describeGatehouse } from '@gatehouse/client/testing'
import { expect, it } from 'vitest'
import { runCli } from './testing/harness.js'

describeGatehouse('gatehouse members', (g) => {
  const as = (token: string) => ({ env: { GATEHOUSE_URL: g().url, GATEHOUSE_TOKEN: token } })

  it('invites people into groups and prints each link once', async () => {
    const world = await g().world()
    const emails = ['ada@invited.test', 'grace@invited.test']
    const result = await runCli(
      ['members', 'invite', ...emails, '--group', 'Viewers', '--group', 'Engineers'],
      as(world.owner.key),
    )
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    for (const email of emails) {
      expect(result.stdout).toMatch(
        new RegExp(`^Invited ${email}: ${g().url}/invite/\\S+ \\(until `, 'm'),
      )
    }
    expect(result.stdout).toContain('Gatehouse sends no mail')
    expect(result.stdout).not.toContain(world.owner.key)

    const invitations = await createApi({
      baseUrl: g().url,
      token: world.owner.key,
    }).listInvitations()
    expect(invitations.objects.map((i) => i.email).sort()).toEqual(emails)

    const json = await runCli(
      ['members', 'invite', 'alan@invited.test', '--group', 'Viewers', '--json'],
      as(world.owner.key),
    )
    expect(json.code).toBe(0)
    const parsed = JSON.parse(json.stdout) as {
      org_id: string
      invitations: { email: string; invite_url: string }[]
    }
    expect(parsed.org_id).toBe(world.org.id)
    expect(parsed.invitations).toEqual([
      expect.objectContaining({
        email: 'alan@invited.test',
        invite_url: expect.stringContaining('/invite/'),
      }),
    ])
  })

  it('refuses an invitation without a group, into an unknown group, or by a viewer', async () => {
    const world = await g().world()
    const viewer = await g().member(world, ['viewers'])
    const noGroup = await runCli(['members', 'invite', 'x@invited.test'], as(world.owner.key))
    expect(noGroup.code).toBe(2)
    expect(noGroup.stderr).toContain('error: INVITATION_NEEDS_GROUP: ')
    const unknown = await runCli(
      ['members', 'invite', 'x@invited.test', '--group', 'Nobody'],
      as(world.owner.key),
    )
    expect(unknown.code).toBe(4)
    expect(unknown.stderr).toContain('error: GROUP_NOT_FOUND: ')
    const byViewer = await runCli(
      ['members', 'invite', 'x@invited.test', '--group', 'Viewers'],
      as(viewer.key),
    )
    expect(byViewer.code).toBe(3)
    const usage = await runCli(['members', 'invite', '--group', 'Viewers'], as(world.owner.key))
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('error: USAGE: Name at least one email address to invite')
  })

  it('lists the members and removes one, whose key then stops working', async () => {
    const world = await g().world()
    const member = await g().member(world, ['engineers'])
    const list = await runCli(['members', 'list'], as(world.owner.key))
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^ID\s+EMAIL\s+NAME\s+KIND\s+JOINED\s+LAST ACTIVE$/m)
    expect(list.stdout).toContain(world.owner.email)
    expect(list.stdout).toContain(member.email)

    const removed = await runCli(['members', 'remove', member.email], as(world.owner.key))
    expect(removed.code).toBe(0)
    expect(removed.stdout).toBe(`Removed ${member.email}.\n`)
    const after = await runCli(['members', 'list', '--json'], as(world.owner.key))
    const emails = (JSON.parse(after.stdout) as { objects: { email: string }[] }).objects.map(
      (u) => u.email,
    )
    expect(emails).toEqual([world.owner.email])
    const refused = await createApi({ baseUrl: g().url, token: member.key })
      .listApiKeys()
      .catch((e: unknown) => e)
    expect(isGatehouseApiError(refused, 'UNAUTHENTICATED')).toBe(true)
  })

  it('keeps the last owner', async () => {
    const world = await g().world()
    const result = await runCli(['members', 'remove', world.owner.email], as(world.owner.key))
    expect(result.code).toBe(3)
    expect(result.stderr).toContain(
      'error: LAST_OWNER: An organization must keep at least one owner',
    )
  })
})
