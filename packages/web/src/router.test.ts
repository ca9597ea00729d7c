import { describe, expect, it } from 'vitest'
import {
  HOME,
  matchRoute,
  SETTINGS_SECTIONS,
  safeNext,
  splitUrlSecret,
  withKeptQuery,
} from './router.js'

describe('matchRoute', () => {
  it('names every page of the UI', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' })
    expect(matchRoute('/settings')).toEqual({ name: 'home' })
    expect(matchRoute('/login')).toEqual({ name: 'login' })
    expect(matchRoute('/logout')).toEqual({ name: 'logout' })
    expect(matchRoute('/setup')).toEqual({ name: 'setup' })
    expect(matchRoute('/invite')).toEqual({ name: 'invite' })
    expect(matchRoute('/invite/abc')).toEqual({ name: 'invite' })
  })

  it('maps each settings section to its own route', () => {
    for (const section of SETTINGS_SECTIONS) {
      expect(matchRoute(`/settings/${section}`)).toEqual({ name: 'settings', section })
    }
    expect(SETTINGS_SECTIONS).toEqual([
      'members',
      'groups',
      'projects',
      'api-keys',
      'service-tokens',
      'audit-log',
      'why',
    ])
  })

  it('ignores trailing slashes and refuses what it does not know', () => {
    expect(matchRoute('/settings/groups/')).toEqual({ name: 'settings', section: 'groups' })
    expect(matchRoute('/login//')).toEqual({ name: 'login' })
    expect(matchRoute('/settings/nope')).toEqual({ name: 'not-found' })
    expect(matchRoute('/settings/members/extra')).toEqual({ name: 'not-found' })
    expect(matchRoute('/invite/a/b')).toEqual({ name: 'not-found' })
    expect(matchRoute('/v1/project')).toEqual({ name: 'not-found' })
    expect(matchRoute('/settings/constructor')).toEqual({ name: 'not-found' })
  })
})

describe('splitUrlSecret', () => {
  it('takes the setup token out of the query and keeps the rest', () => {
    expect(splitUrlSecret('/setup', '?token=s3cr3t')).toEqual({
      secret: { kind: 'setup', token: 's3cr3t' },
      url: '/setup',
    })
    expect(splitUrlSecret('/setup', '?a=1&token=t&b=2')).toEqual({
      secret: { kind: 'setup', token: 't' },
      url: '/setup?a=1&b=2',
    })
    expect(splitUrlSecret('/setup', '')).toEqual({ secret: undefined, url: '/setup' })
  })

  it('takes the invitation token out of the path', () => {
    expect(splitUrlSecret('/invite/inv%2Btoken', '')).toEqual({
      secret: { kind: 'invite', token: 'inv+token' },
      url: '/invite',
    })
    expect(splitUrlSecret('/invite/abc/', '?org=acme')).toEqual({
      secret: { kind: 'invite', token: 'abc' },
      url: '/invite?org=acme',
    })
  })

  it('leaves every other URL alone', () => {
    expect(splitUrlSecret('/invite', '')).toEqual({ secret: undefined, url: '/invite' })
    expect(splitUrlSecret('/settings/members', '?token=x')).toEqual({
      secret: undefined,
      url: '/settings/members?token=x',
    })
  })
})

describe('safeNext', () => {
  it('follows paths on this origin', () => {
    expect(safeNext('/settings/groups?org=acme')).toBe('/settings/groups?org=acme')
    expect(safeNext('/invite')).toBe('/invite')
  })

  it('refuses other origins, schemes and pages that would loop', () => {
    for (const next of [
      null,
      undefined,
      '',
      'https://evil.test/',
      '//evil.test/x',
      '/\\evil.test',
      'javascript:alert(1)',
      '/login',
      '/logout?x=1',
      '/nowhere',
      '/settings/members\n',
    ]) {
      expect(safeNext(next)).toBe(HOME)
    }
  })
})

describe('withKeptQuery', () => {
  it('carries the current organization to the next page', () => {
    expect(withKeptQuery('/settings/groups', '?org=acme')).toBe('/settings/groups?org=acme')
    expect(withKeptQuery('/settings/why?user=u1', '?org=a%20b&x=1')).toBe(
      '/settings/why?user=u1&org=a+b',
    )
    expect(withKeptQuery('/settings/groups#top', '?org=acme')).toBe('/settings/groups?org=acme#top')
  })

  it("keeps the target's own organization and adds nothing when there is none", () => {
    expect(withKeptQuery('/settings/groups?org=beta', '?org=acme')).toBe(
      '/settings/groups?org=beta',
    )
    expect(withKeptQuery('/settings/groups', '')).toBe('/settings/groups')
    expect(withKeptQuery('/login', '?next=/x')).toBe('/login')
  })
})
