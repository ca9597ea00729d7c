import { createProject, ERRORS } from '@gatehouse/core'
import { expect, it } from 'vitest'
import { describeHttp } from '../testing/harness.js'

interface EventBody {
  id: string
  org_id: string
  seq: number
  occurred_at: string
  action: string
  outcome: string
  actor_user_id: string | null
  credential_kind: string
  object_type: string
  object_id: string | null
  reason: string | null
  hash: string
}
interface ListBody {
  objects: EventBody[]
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

describeHttp('audit log', (h) => {
  it('lists the org events newest first, with every filter and paging', async () => {
    const w = await h().world()
    const member = await h().member(w)
    const { project } = await createProject(h().deps, w.owner.actor, { name: 'p' })
    const all = await h().request<ListBody>('GET', '/v1/audit_log', { auth: w.owner.key })
    expect(all.status).toBe(200)
    const seqs = all.body.objects.map((e) => e.seq)
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x))
    expect(all.body.objects.every((e) => e.org_id === w.org.id)).toBe(true)
    expect(all.body.objects.map((e) => e.action)).toContain('organization.create')
    const latest = all.body.objects[0]
    expect(latest).toMatchObject({ action: 'project.create', object_id: project.id })

    const q = async (query: Record<string, string>) =>
      (await h().request<ListBody>('GET', '/v1/audit_log', { auth: w.owner.key, query })).body
        .objects
    expect((await q({ action: 'project.create' })).map((e) => e.object_id)).toEqual([project.id])
    expect(
      (await q({ object_type: 'project', object_id: project.id })).map((e) => e.action),
    ).toEqual(['project.create'])
    const byMember = await q({ actor_id: member.user.id })
    expect(byMember.map((e) => e.action)).toContain('api_key.create')
    expect(byMember.every((e) => e.actor_user_id === member.user.id)).toBe(true)
    const at = latest?.occurred_at ?? ''
    expect((await q({ since: at })).map((e) => e.id)).toContain(latest?.id)
    expect((await q({ until: at })).map((e) => e.id)).not.toContain(latest?.id)
    // Free-text filters are data, never SQL or patterns: no match, and no 5xx on either store.
    expect(await q({ object_id: "x'; drop table audit_events; --", action: '%' })).toEqual([])
    const page = await q({ limit: '2' })
    expect(page.map((e) => e.id)).toEqual(all.body.objects.slice(0, 2).map((e) => e.id))
    const older = await q({ starting_after: page[1]?.id ?? '' })
    expect(older.map((e) => e.id)).toEqual(all.body.objects.slice(2).map((e) => e.id))
  })

  it('refuses bad filters with 400 and URL credentials too', async () => {
    const w = await h().world()
    const badQueries: Record<string, string>[] = [
      { since: 'yesterday' },
      { until: '2026-13-01T00:00:00Z' },
      { actor_id: 'me' },
      { limit: '5000' },
      { object_type: 'x'.repeat(65) },
      { token: 'abc' },
    ]
    for (const query of badQueries) {
      const reply = await h().request<ErrorReply>('GET', '/v1/audit_log', {
        auth: w.owner.key,
        query,
      })
      expect(reply.status).toBe(400)
      expect(['VALIDATION_FAILED', 'CREDENTIAL_IN_URL']).toContain(reply.body.error.code)
    }
  })

  it('is 401 without credentials', async () => {
    const reply = await h().request<ErrorReply>('GET', '/v1/audit_log')
    expect(reply.status).toBe(401)
    expect(reply.body.error.code).toBe('UNAUTHENTICATED')
  })

  it('is 403 for a member without read on the audit log, and the refusal is audited', async () => {
    const w = await h().world()
    const engineers = w.groups.engineers
    if (engineers === undefined) {
      throw new Error('an enterprise org has Engineers')
    }
    const engineer = await h().member(w, [engineers])
    const refused = await h().request<ErrorReply>('GET', '/v1/audit_log', { auth: engineer.key })
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: ERRORS.PERMISSION_DENIED.message,
    })
    const denials = await h().request<ListBody>('GET', '/v1/audit_log', {
      auth: w.owner.key,
      query: { action: 'audit_log.list', actor_id: engineer.user.id },
    })
    expect(denials.body.objects).toHaveLength(1)
    expect(denials.body.objects[0]).toMatchObject({
      outcome: 'denied',
      reason: 'PERMISSION_DENIED',
      credential_kind: 'api_key',
    })
  })

  it("is 404 for another org's log, and never shows its events", async () => {
    const a = await h().world()
    const b = await h().world()
    const reply = await h().request<ErrorReply>('GET', '/v1/audit_log', {
      auth: b.owner.session,
      query: { org_name: a.org.name },
    })
    expect(reply.status).toBe(404)
    expect(reply.body.error.code).toBe('ORG_NOT_FOUND')
    const boundKey = await h().request<ErrorReply>('GET', '/v1/audit_log', {
      auth: b.owner.key,
      query: { org_name: a.org.name },
    })
    expect(boundKey.status).toBe(404)
    const own = await h().request<ListBody>('GET', '/v1/audit_log', { auth: b.owner.key })
    expect(own.body.objects.every((e) => e.org_id === b.org.id)).toBe(true)
    const aEvents = await h().request<ListBody>('GET', '/v1/audit_log', { auth: a.owner.key })
    expect(aEvents.body.objects.some((e) => e.object_id === b.org.id)).toBe(false)
  })
})
