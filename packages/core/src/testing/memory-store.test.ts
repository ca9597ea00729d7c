import { describe, expect, it } from 'vitest'
import { createMemoryStore } from './memory-store.js'
import { runStoreContract } from './store-contract.js'

runStoreContract(
  'memory',
  async () => {
    const store = createMemoryStore()
    return { store, close: () => store.close() }
  },
  { isMemoryStore: true },
)

describe('memory store specifics', () => {
  it('refuses a Tx used after its transaction ended', async () => {
    const store = createMemoryStore()
    const leaked = await store.transaction(async (tx) => tx)
    await expect(leaked.orgs.listAll()).rejects.toThrow(/Transaction is over/)
  })

  it('refuses new transactions once closed', async () => {
    const store = createMemoryStore()
    await store.close()
    await expect(store.transaction(async () => 1)).rejects.toThrow(/closed/)
  })

  it('runs transactions one at a time, in the order they were opened', async () => {
    const store = createMemoryStore()
    const log: string[] = []
    const slow = store.transaction(async () => {
      log.push('slow start')
      await new Promise((resolve) => setTimeout(resolve, 20))
      log.push('slow end')
    })
    const fast = store.transaction(async () => {
      log.push('fast')
    })
    await Promise.all([slow, fast])
    expect(log).toEqual(['slow start', 'slow end', 'fast'])
  })

  it('keeps working after a failed transaction', async () => {
    const store = createMemoryStore()
    await expect(
      store.transaction(async () => {
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await store.transaction(async (tx) => tx.orgs.listAll())).toEqual([])
  })
})
