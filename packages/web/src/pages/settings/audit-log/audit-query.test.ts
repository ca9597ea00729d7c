import { describe, expect, it } from 'vitest'
import { actorLine, auditQuery, detailsJson, NO_FILTERS, PAGE_SIZE } from './audit-query.js'

const NOW = Date.parse('2026-03-12T12:00:00.000Z')
const ADA = '00000000-0000-4000-8000-0000000000ad'
const BOB = '00000000-0000-4000-8000-0000000000b0'

describe('auditQuery', () => {
  it('asks for a page of the last 7 days by default', () => {
    expect(auditQuery('acme', NO_FILTERS, NOW)).toEqual({
      org_name: 'acme',
      limit: PAGE_SIZE,
      since: '2026-03-05T12:00:00.000Z',
    })
  })

  it('turns each time range into since, and all time into none', () => {
    const since = (range: '24h' | '7d' | '30d' | 'all') =>
      auditQuery('acme', { ...NO_FILTERS, range }, NOW).since
    expect(since('24h')).toBe('2026-03-11T12:00:00.000Z')
    expect(since('30d')).toBe('2026-02-10T12:00:00.000Z')
    expect(since('all')).toBeUndefined()
  })

  it('sends the actor and the trimmed action, and the cursor for the next page', () => {
    const query = auditQuery(
      'acme',
      { actorId: ADA, action: ' project.create ', range: 'all' },
      NOW,
      BOB,
    )
    expect(query).toEqual({
      org_name: 'acme',
      limit: PAGE_SIZE,
      actor_id: ADA,
      action: 'project.create',
      starting_after: BOB,
    })
  })
})

describe('actorLine', () => {
  const names = (id: string | null) => (id === ADA ? 'Ada' : id === BOB ? 'Bob' : '?')
  it('names both people of an impersonated action', () => {
    expect(
      actorLine(
        { actor_user_id: ADA, impersonator_user_id: BOB, credential_kind: 'session' },
        names,
      ),
    ).toEqual({ actor: 'Ada', impersonator: 'Bob' })
  })

  it('names the actor alone otherwise, and says when there was none', () => {
    expect(
      actorLine(
        { actor_user_id: ADA, impersonator_user_id: null, credential_kind: 'api_key' },
        names,
      ),
    ).toEqual({ actor: 'Ada', impersonator: null })
    expect(
      actorLine(
        { actor_user_id: null, impersonator_user_id: null, credential_kind: 'operator' },
        names,
      ).actor,
    ).toBe('Operator (command line)')
  })
})

describe('detailsJson', () => {
  it('indents objects and leaves out nothing-to-show', () => {
    expect(detailsJson({ name: 'x' })).toBe('{\n  "name": "x"\n}')
    expect(detailsJson(null)).toBeNull()
    expect(detailsJson(undefined)).toBeNull()
  })
})
