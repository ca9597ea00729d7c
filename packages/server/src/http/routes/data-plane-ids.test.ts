import { expect, it } from 'vitest'
import { describeHttp } from '../testing/harness.js'

/*
 * Data planes name their experiments, datasets, prompts and prompt sessions with their own ids
 * (slugs, integers): ACLs and checks take those as they are; Gatehouse's own objects keep UUIDs.
 */

interface Decision {
  allowed: boolean
}
interface ErrorReply {
  error: { code: string }
}

describeHttp('data-plane object ids', (h) => {
  it('authorizes a slug id through a direct ACL, and only that id', async () => {
    const w = await h().world()
    const member = await h().member(w)
    const project = await h().request<{ id: string }>('POST', '/v1/project', {
      auth: w.owner.key,
      body: { name: 'evals' },
    })
    const acl = await h().request('POST', '/v1/acl', {
      auth: w.owner.key,
      body: {
        object_type: 'experiment',
        object_id: 'nightly-run-42',
        user_id: member.user.id,
        permission: 'read',
      },
    })
    expect(acl.status).toBe(200)
    const ask = (objectType: string, objectId: string) =>
      h().request<{ results: Decision[] }>('POST', '/v1/authorize', {
        auth: member.key,
        body: {
          checks: [
            {
              permission: 'read',
              object_type: objectType,
              object_id: objectId,
              project_id: project.body.id,
            },
          ],
        },
      })
    const granted = await ask('experiment', 'nightly-run-42')
    expect(granted.status).toBe(200)
    expect(granted.body.results[0]?.allowed).toBe(true)
    for (const [type, id] of [
      ['experiment', 'nightly-run-43'],
      ['dataset', 'nightly-run-42'],
      ['dataset', '12345'],
    ] as const) {
      const other = await ask(type, id)
      expect(other.status, `${type} ${id}`).toBe(200)
      expect(other.body.results[0]?.allowed, `${type} ${id}`).toBe(false)
    }
    // The single-check form takes the same ids.
    const single = await h().request<Decision>('POST', '/v1/authorize', {
      auth: member.key,
      body: { permission: 'read', object_type: 'experiment', object_id: 'nightly-run-42' },
    })
    expect(single.body.allowed).toBe(true)
  })

  it('refuses an empty, a 129-character, a control-character or a non-UUID own id with 400', async () => {
    const w = await h().world()
    for (const [type, id] of [
      ['experiment', ''],
      ['experiment', 'x'.repeat(129)],
      ['experiment', 'x'.repeat(300)],
      ['dataset', 'line\nbreak'],
      ['project', 'evals'],
      ['project_log', '42'],
      ['group', 'engineers'],
    ] as const) {
      for (const body of [
        { checks: [{ permission: 'read', object_type: type, object_id: id }] },
        { permission: 'read', object_type: type, object_id: id },
      ]) {
        const reply = await h().request<ErrorReply>('POST', '/v1/authorize', {
          auth: w.owner.key,
          body,
        })
        expect(reply.status, `${type} ${id.slice(0, 20)}`).toBe(400)
        expect(reply.body.error.code).toBe('VALIDATION_FAILED')
      }
    }
    const longest = await h().request<{ results: Decision[] }>('POST', '/v1/authorize', {
      auth: w.owner.key,
      body: { checks: [{ permission: 'read', object_type: 'prompt', object_id: 'x'.repeat(128) }] },
    })
    expect(longest.status).toBe(200)
    expect(longest.body.results[0]?.allowed).toBe(true)
  })
})
