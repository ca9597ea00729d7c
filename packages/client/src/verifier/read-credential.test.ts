import { describe, expect, it } from 'vitest'
import { credentialFromAuthorization } from './read-credential.js'

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`

describe('credentialFromAuthorization', () => {
  it('reads a Bearer credential, whatever the case of the scheme', () => {
    expect(credentialFromAuthorization('Bearer sk-abc')).toBe('sk-abc')
    expect(credentialFromAuthorization('  bearer   bt-st-xyz ')).toBe('bt-st-xyz')
  })

  it('reads Basic credentials: the part that looks like a key, else the user name', () => {
    expect(credentialFromAuthorization(basic('sk-abc:'))).toBe('sk-abc')
    expect(credentialFromAuthorization(basic('anyone:bt-st-xyz'))).toBe('bt-st-xyz')
    expect(credentialFromAuthorization(basic('sk-abc:sk-def'))).toBe('sk-abc')
    expect(credentialFromAuthorization(basic('plain'))).toBe('plain')
    expect(credentialFromAuthorization(basic('user:pass'))).toBe('user')
  })

  it('finds none without a header, in other schemes, or in broken Basic values', () => {
    expect(credentialFromAuthorization(undefined)).toBeUndefined()
    expect(credentialFromAuthorization('')).toBeUndefined()
    expect(credentialFromAuthorization('Bearer')).toBeUndefined()
    expect(credentialFromAuthorization('Token sk-abc')).toBeUndefined()
    expect(credentialFromAuthorization('Basic !!!')).toBeUndefined()
    expect(credentialFromAuthorization(basic(':'))).toBeUndefined()
    expect(
      credentialFromAuthorization(`Basic ${Buffer.from([0xff, 0xfe]).toString('base64')}`),
    ).toBeUndefined()
  })
})
