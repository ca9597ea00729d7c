// @vitest-environment happy-dom
import type { AuditEvent } from '@gatehouse/client'
import { cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { apiError, ME, settle, startApp } from '../../../testing/fake-api.js'
import { PAGE_SIZE } from './audit-query.js'

const ORG = {
  id: '00000000-0000-4000-8000-00000000000a',
  name: 'acme',
  plan: 'enterprise' as const,
}
const ADA = '00000000-0000-4000-8000-0000000000ad'
const USERS = [
  {
    id: ME,
    given_name: 'Mo',
    family_name: null,
    email: 'me@acme.test',
    avatar_url: null,
    created: null,
    kind: 'user',
    last_active_at: null,
  },
  {
    id: ADA,
    given_name: 'Ada',
    family_name: null,
    email: 'ada@acme.test',
    avatar_url: null,
    created: null,
    kind: 'user',
    last_active_at: null,
  },
]

const event = (n: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  org_id: ORG.id,
  seq: n,
  occurred_at: '2026-03-12T12:00:00.000Z',
  action: 'project.create',
  outcome: 'success',
  actor_user_id: ME,
  credential_kind: 'session',
  credential_id: null,
  impersonator_user_id: null,
  object_type: 'project',
  object_id: null,
  before: null,
  after: { name: `p${n}` },
  reason: null,
  request_id: null,
  hash: 'h',
  ...over,
})

afterEach(() => cleanup())

describe('Audit log page', () => {
  it('pages with starting_after, names both people of an impersonation, marks refusals', async () => {
    const first = Array.from({ length: PAGE_SIZE }, (_, i) => event(1000 - i))
    first[0] = event(1000, { actor_user_id: ADA, impersonator_user_id: ME })
    first[1] = event(999, { outcome: 'denied', reason: 'PERMISSION_DENIED', action: 'acl.create' })
    const sent = startApp('/settings/audit-log', ORG, (r) => {
      if (r.path === '/v1/user') {
        return Response.json({ objects: USERS })
      }
      if (r.path === '/v1/audit_log') {
        const after = r.query.get('starting_after')
        return Response.json({ objects: after === null ? first : [event(1)] })
      }
      return undefined
    })
    await settle()
    const calls = () => sent.filter((r) => r.path === '/v1/audit_log')
    expect(calls()[0]?.query.get('since')).not.toBeNull()
    expect(screen.getByText('Mo impersonated Ada')).toBeDefined()
    expect(screen.getByText('as Ada')).toBeDefined()
    expect(screen.getByText('PERMISSION_DENIED').closest('tr')?.textContent).toContain('Denied')

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await settle()
    expect(calls()[1]?.query.get('starting_after')).toBe(first.at(-1)?.id)
    expect(screen.getByRole('table', { name: `Events (${PAGE_SIZE + 1})` })).toBeDefined()
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull()
  })

  it('sends the filters when applied', async () => {
    const sent = startApp('/settings/audit-log', ORG, (r) => {
      if (r.path === '/v1/user') {
        return Response.json({ objects: USERS })
      }
      return r.path === '/v1/audit_log' ? Response.json({ objects: [] }) : undefined
    })
    await settle()
    fireEvent.change(screen.getByLabelText('Actor'), { target: { value: ADA } })
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'acl.create' } })
    fireEvent.change(screen.getByLabelText('Time range'), { target: { value: 'all' } })
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }))
    await settle()
    const last = sent.filter((r) => r.path === '/v1/audit_log').at(-1)
    expect(last?.query.get('actor_id')).toBe(ADA)
    expect(last?.query.get('action')).toBe('acl.create')
    expect(last?.query.get('since')).toBeNull()
    expect(screen.getByText('No events match')).toBeDefined()
  })

  it('shows the API refusal politely when the log may not be read', async () => {
    startApp('/settings/audit-log', ORG, (r) => {
      if (r.path === '/v1/user') {
        return Response.json({ objects: USERS })
      }
      return r.path === '/v1/audit_log'
        ? apiError(403, 'PERMISSION_DENIED', 'The caller lacks the permission this request needs')
        : undefined
    })
    await settle()
    const alert = screen
      .getAllByRole('alert')
      .find((a) => a.textContent?.includes('The caller lacks the permission this request needs'))
    expect(alert?.textContent).toContain('Ask an owner')
    expect(screen.queryByRole('table')).toBeNull()
  })
})
