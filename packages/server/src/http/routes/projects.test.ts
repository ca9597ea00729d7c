import { expect, it } from 'vitest'
import { describeHttp } from '../testing/harness.js'

interface ProjectBody {
  id: string
  org_id: string
  name: string
}
interface ErrorReply {
  error: { code: string; message: string; request_id: string }
}

describeHttp('projects', (h) => {
  it('creates a project, returns it again by name, reads, renames and deletes it', async () => {
    const w = await h().world()
    const created = await h().request<ProjectBody>('POST', '/v1/project', {
      auth: w.owner.key,
      body: { name: 'alpha' },
    })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({ name: 'alpha', org_id: w.org.id })
    expect(created.headers.get('x-bt-found-existing')).toBeNull()

    const again = await h().request<ProjectBody>('POST', '/v1/project', {
      auth: w.owner.session,
      body: { name: 'alpha' },
    })
    expect(again.body.id).toBe(created.body.id)
    expect(again.headers.get('x-bt-found-existing')).toBe('true')

    const path = `/v1/project/${created.body.id}`
    expect((await h().request('GET', path, { auth: w.owner.key })).status).toBe(200)
    const renamed = await h().request<ProjectBody>('PATCH', path, {
      auth: w.owner.key,
      body: { name: 'beta' },
    })
    expect(renamed.body.name).toBe('beta')
    const list = await h().request<{ objects: ProjectBody[] }>('GET', '/v1/project', {
      auth: w.owner.key,
    })
    expect(list.body.objects.map((p) => p.id)).toEqual([created.body.id])
    expect((await h().request('DELETE', path, { auth: w.owner.key })).status).toBe(200)
    expect((await h().request('GET', path, { auth: w.owner.key })).status).toBe(404)
  })

  it('refuses bad input with 400 and unknown fields too, changing nothing', async () => {
    const w = await h().world()
    for (const body of [{}, { name: '' }, { name: 'x', owner: 'me' }, 'not json']) {
      const reply = await h().request<ErrorReply>('POST', '/v1/project', {
        auth: w.owner.key,
        body,
      })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('VALIDATION_FAILED')
    }
    const list = await h().request<{ objects: unknown[] }>('GET', '/v1/project', {
      auth: w.owner.key,
    })
    expect(list.body.objects).toEqual([])
  })

  it('is 401 without credentials and with a malformed or unknown key', async () => {
    for (const auth of [undefined, { bearer: 'sk-nope' }, { bearer: `sk-${'a'.repeat(38)}` }]) {
      const reply = await h().request<ErrorReply>('GET', '/v1/project', { auth })
      expect(reply.status).toBe(401)
      expect(reply.body.error.code).toBe('UNAUTHENTICATED')
    }
  })

  it('is 403 for a viewer who can read but not create or delete', async () => {
    const w = await h().world({ plan: 'pro' })
    const viewers = w.groups.viewers
    if (viewers === undefined) {
      throw new Error('a pro org has Viewers')
    }
    const viewer = await h().member(w, [viewers])
    const created = await h().request<ProjectBody>('POST', '/v1/project', {
      auth: w.owner.key,
      body: { name: 'p' },
    })
    expect(
      (await h().request('GET', `/v1/project/${created.body.id}`, { auth: viewer.key })).status,
    ).toBe(200)
    const refused = await h().request<ErrorReply>('DELETE', `/v1/project/${created.body.id}`, {
      auth: viewer.key,
    })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('PERMISSION_DENIED')
    const create = await h().request<ErrorReply>('POST', '/v1/project', {
      auth: viewer.key,
      body: { name: 'q' },
    })
    expect(create.status).toBe(403)
  })

  it("is 404 for another org's project, which stays unchanged", async () => {
    const a = await h().world()
    const b = await h().world()
    const created = await h().request<ProjectBody>('POST', '/v1/project', {
      auth: a.owner.key,
      body: { name: 'secret' },
    })
    const path = `/v1/project/${created.body.id}`
    for (const [method, body] of [['GET'], ['PATCH', { name: 'pwned' }], ['DELETE']] as const) {
      const reply = await h().request<ErrorReply>(method, path, { auth: b.owner.key, body })
      expect(reply.status).toBe(404)
      expect(reply.body.error.code).toBe('PROJECT_NOT_FOUND')
    }
    const still = await h().request<ProjectBody>('GET', path, { auth: a.owner.key })
    expect(still.body.name).toBe('secret')
  })
})
