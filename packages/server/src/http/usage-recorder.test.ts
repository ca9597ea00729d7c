import { createApiKey, type Store } from '@gatehouse/core'
import { createTestDeps, seedOrg } from '@gatehouse/core/testing'
import { describe, expect, it } from 'vitest'
import { describeHttp } from './testing/harness.js'
import { UsageRecorder } from './usage-recorder.js'

describe('UsageRecorder', () => {
  it('writes the newest use of each credential in one batch, and nothing twice', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const { apiKey } = await createApiKey(deps, ownerActor, { name: 'k', orgId: org.id })
    const usage = new UsageRecorder(deps)
    usage.record('api_key', apiKey.id, 2_000)
    usage.record('api_key', apiKey.id, 1_000)
    expect(usage.pending).toBe(1)
    expect(await usage.flush()).toBe(1)
    expect(await usage.flush()).toBe(0)
    const stored = await deps.store.transaction((tx) => tx.apiKeys.find(apiKey.id))
    expect(stored?.lastUsedAt).toBe(2_000)
  })

  it('keeps a batch whose write failed for the next flush', async () => {
    const deps = createTestDeps()
    const { org, ownerActor } = await seedOrg(deps)
    const { apiKey } = await createApiKey(deps, ownerActor, { name: 'k', orgId: org.id })
    let broken = true
    const store: Store = {
      transaction: (fn) =>
        broken ? Promise.reject(new Error('database down')) : deps.store.transaction(fn),
      close: () => deps.store.close(),
      onAuthzCommit: (listener) => deps.store.onAuthzCommit(listener),
    }
    const usage = new UsageRecorder({ ...deps, store })
    usage.record('api_key', apiKey.id, 5_000)
    await expect(usage.flush()).rejects.toThrow('database down')
    expect(usage.pending).toBe(1)
    broken = false
    expect(await usage.flush()).toBe(1)
  })
})

describeHttp('last used', (h) => {
  it("shows in the org's key inventory after the batch is written", async () => {
    const w = await h().world()
    const before = await h().request<{ objects: { id: string; last_used_at: string | null }[] }>(
      'GET',
      '/v1/api_key',
      { auth: w.owner.session, query: { scope: 'org' } },
    )
    expect(before.body.objects.every((k) => k.last_used_at === null)).toBe(true)
    expect((await h().request('GET', '/v1/project', { auth: w.owner.key })).status).toBe(200)
    await h().services.usage.flush()
    const after = await h().request<{ objects: { id: string; last_used_at: string | null }[] }>(
      'GET',
      '/v1/api_key',
      { auth: w.owner.session, query: { scope: 'org' } },
    )
    expect(after.body.objects.filter((k) => k.last_used_at !== null)).toHaveLength(1)
  })
})
