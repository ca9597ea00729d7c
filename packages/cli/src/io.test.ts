import { describe, expect, it } from 'vitest'
import { readAll, readSecret } from './io.js'

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  for (const part of parts) {
    yield part
  }
}

describe('standard input', () => {
  it('decodes UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('pässwörd')
    expect(await readAll(chunks(bytes.slice(0, 2), bytes.slice(2)))).toBe('pässwörd')
  })

  it('strips exactly one trailing newline from a secret', async () => {
    expect(await readSecret(chunks('a long password\n'))).toBe('a long password')
    expect(await readSecret(chunks('a long password\r\n'))).toBe('a long password')
    expect(await readSecret(chunks('a long password\n\n'))).toBe('a long password\n')
    expect(await readSecret(chunks('  spaced  '))).toBe('  spaced  ')
    expect(await readSecret(chunks())).toBe('')
  })
})
