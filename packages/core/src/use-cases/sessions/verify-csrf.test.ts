import { describe, expect, it } from 'vitest'
import { createTestDeps, seedOrg, TEST_PASSWORD } from '../../testing/index.js'
import { login } from './login.js'
import { csrfMatches } from './verify-csrf.js'

describe('csrfMatches', () => {
  it('accepts the session’s own CSRF token and nothing else', async () => {
    const deps = createTestDeps()
    const { owner } = await seedOrg(deps)
    const a = await login(deps, { email: owner.email, password: TEST_PASSWORD })
    const b = await login(deps, { email: owner.email, password: TEST_PASSWORD })

    expect(csrfMatches(deps, a.session, a.csrfToken)).toBe(true)
    const last = a.csrfToken.at(-1) === 'A' ? 'B' : 'A'
    const refused = [
      undefined,
      '',
      a.token,
      b.csrfToken,
      `${a.csrfToken.slice(0, -1)}${last}`,
      a.csrfToken.toLowerCase() === a.csrfToken
        ? a.csrfToken.toUpperCase()
        : a.csrfToken.toLowerCase(),
      ` ${a.csrfToken}`,
      `${a.csrfToken}x`,
      a.session.csrfHash,
    ]
    for (const presented of refused) {
      expect(csrfMatches(deps, a.session, presented)).toBe(false)
    }
    expect(csrfMatches(deps, b.session, b.csrfToken)).toBe(true)
  })
})
