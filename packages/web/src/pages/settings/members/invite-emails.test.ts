import { describe, expect, it } from 'vitest'
import { MAX_INVITES, parseInviteEmails } from './invite-emails.js'
import { namesById, personName } from './people.js'

describe('parseInviteEmails', () => {
  it('reads one address per line, trimmed, lower-cased, without repeats or blank lines', () => {
    const parsed = parseInviteEmails('  Ada@Example.com \n\nbob@example.com\r\nada@example.com\n')
    expect(parsed.emails).toEqual(['ada@example.com', 'bob@example.com'])
    expect(parsed.problems).toEqual([])
  })

  it('also splits pasted lists on commas and semicolons', () => {
    expect(parseInviteEmails('a@x.io, b@x.io; c@x.io').emails).toEqual([
      'a@x.io',
      'b@x.io',
      'c@x.io',
    ])
  })

  it('names the line of each address that is not one', () => {
    const parsed = parseInviteEmails('ok@example.com\nnot-an-email\nalso bad@x')
    expect(parsed.emails).toEqual(['ok@example.com'])
    expect(parsed.problems).toEqual([
      'Line 2: “not-an-email” is not an email address',
      'Line 3: “also bad@x” is not an email address',
    ])
  })

  it('asks for an address when there is none', () => {
    expect(parseInviteEmails(' \n ').problems).toEqual(['Enter at least one email address'])
  })

  it('refuses more addresses than the API takes at once', () => {
    const many = Array.from({ length: MAX_INVITES + 1 }, (_, i) => `p${i}@example.com`)
    const parsed = parseInviteEmails(many.join('\n'))
    expect(parsed.problems).toEqual([
      `At most ${MAX_INVITES} addresses at a time (you entered 101)`,
    ])
    expect(parseInviteEmails(many.slice(1).join('\n')).problems).toEqual([])
  })
})

describe('personName', () => {
  const base = { id: '0f1e2d3c-0000-4000-8000-000000000000', email: 'ada@example.com' }
  it('prefers the name, then the email, then the id', () => {
    expect(personName({ ...base, given_name: 'Ada', family_name: 'Lovelace' })).toBe('Ada Lovelace')
    expect(personName({ ...base, given_name: ' ', family_name: null })).toBe('ada@example.com')
    expect(personName({ ...base, email: null, given_name: null, family_name: null })).toBe(base.id)
  })

  it('names people who left by a short id', () => {
    const name = namesById([{ ...base, given_name: 'Ada', family_name: null }])
    expect(name(base.id)).toBe('Ada')
    expect(name('12345678-aaaa-4000-8000-000000000000')).toBe('Former member (12345678)')
    expect(name(null)).toBe('—')
  })
})
