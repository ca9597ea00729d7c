import type { Browser, Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSupport, type Gatehouse, launchBrowser, person, startGatehouse } from './harness.js'

/*
 * Every Settings page as an Engineer, a Viewer and the owner who manages a service account:
 * the UI offers nothing the API would refuse (no request it sends is answered 403), no page
 * is left spinning, and the Members page shows the group memberships the person may read.
 * Waits are on the page's state, bounded by the harness's step timeout.
 */

const support = browserSupport()
const PASSWORD = 'role walk password 1'
const OWNER = 'owner@roles.test'
const ENGINEER = 'eng@roles.test'
const VIEWER = 'viewer@roles.test'
const BOT = 'nightly-etl'
const TEST_MS = 60_000

interface Walker {
  readonly page: Page
  /** Every 403 answered to this person's browser since it logged in. */
  readonly refused: string[]
}

/** Logs `email` in through its own browser context, so the pages get its session cookie. */
async function logIn(browser: Browser, url: string, email: string): Promise<Walker> {
  const page = await person(browser, url)
  const refused: string[] = []
  page.on('response', (response: Response) => {
    if (response.status() === 403) {
      refused.push(`${response.request().method()} ${new URL(response.url()).pathname}`)
    }
  })
  const answer = await page.request.post('/auth/login', { data: { email, password: PASSWORD } })
  expect(answer.status()).toBe(200)
  return { page, refused }
}

/** Calls the API in `page`'s session, with the CSRF token its cookie holds. */
async function call(page: Page, method: string, path: string, data?: unknown): Promise<unknown> {
  const cookies = await page.context().cookies()
  const csrf = cookies.find((c) => c.name === 'gatehouse_csrf')?.value ?? ''
  const answer = await page.request.fetch(path, {
    method,
    headers: { 'x-csrf-token': csrf },
    ...(data === undefined ? {} : { data }),
  })
  if (!answer.ok()) {
    throw new Error(`${method} ${path}: ${answer.status()} ${await answer.text()}`)
  }
  return answer.json()
}

/** Every Settings page the sidebar links to (so a page added later is walked too). */
async function sections(page: Page): Promise<string[]> {
  await page.goto('/settings/members')
  const links = page.getByRole('navigation', { name: 'Settings' }).getByRole('link')
  await links.first().waitFor()
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
  const names = hrefs.map((h) => new URL(h, 'http://x').pathname.replace(/^\/settings\//, ''))
  expect(names.length).toBeGreaterThanOrEqual(7)
  return names
}

/** Opens a Settings page and waits until nothing on it is loading any more. */
async function open(page: Page, section: string): Promise<void> {
  await page.goto(`/settings/${section}`)
  await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor()
  // Spinners are `.loading` blocks (lists) and status spinners (pages): none may stay.
  await page.waitForFunction(
    () => document.querySelectorAll('main .loading, main [role="status"]').length === 0,
  )
}

/** The names of the buttons the main area offers (enabled ones: those a click would send). */
async function offered(page: Page): Promise<string[]> {
  return page
    .getByRole('main')
    .locator('button:not([disabled])')
    .evaluateAll((buttons) =>
      buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent?.trim() ?? ''),
    )
}

/** Names a non-owner must not be offered anywhere: each is an action the API refuses them. */
const OWNER_ONLY = [
  /^Invite people$/,
  /^Change groups of /,
  /^Remove /,
  /^Invite .* again$/,
  /^Revoke the invitation/,
  /^Create group$/,
  /^Edit /,
  /^Create service account$/,
  /^Permissions of /,
]

describe.skipIf(!support.run)('every Settings page, as each role', () => {
  let gatehouse: Gatehouse
  let browser: Browser
  let owner: Walker
  let engineer: Walker
  let viewer: Walker

  beforeAll(async () => {
    gatehouse = await startGatehouse()
    browser = await launchBrowser()
    const setup = await fetch(`${gatehouse.url}/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: new URL(gatehouse.setupUrl ?? '').searchParams.get('token'),
        org_name: 'Roles',
        email: OWNER,
        password: PASSWORD,
        plan: 'enterprise',
      }),
    })
    expect(setup.status).toBe(200)
    owner = await logIn(browser, gatehouse.url, OWNER)
    const groups = (await call(owner.page, 'GET', '/v1/group?org_name=Roles')) as {
      objects: { id: string; name: string }[]
    }
    for (const [email, group] of [
      [ENGINEER, 'Engineers'],
      [VIEWER, 'Viewers'],
    ] as const) {
      const id = groups.objects.find((g) => g.name === group)?.id ?? ''
      const invited = (await call(owner.page, 'PATCH', '/v1/organization/members', {
        org_name: 'Roles',
        invite_users: { emails: [email], group_ids: [id] },
      })) as { invitations: { invite_url: string }[] }
      const link = new URL(invited.invitations[0]?.invite_url ?? '')
      const token = decodeURIComponent(link.pathname.replace(/^\/invite\//, ''))
      const accepted = await fetch(`${gatehouse.url}/v1/invitation/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, password: PASSWORD }),
      })
      expect(accepted.status).toBe(200)
    }
    // One invitation left pending, so the owner's Members page has one to offer actions on.
    await call(owner.page, 'PATCH', '/v1/organization/members', {
      org_name: 'Roles',
      invite_users: { emails: ['later@roles.test'], group_ids: [groups.objects[0]?.id ?? ''] },
    })
    await call(owner.page, 'POST', '/v1/service_account', { org_name: 'Roles', name: BOT })
    await call(owner.page, 'POST', '/v1/project', { org_name: 'Roles', name: 'Shared' })
    engineer = await logIn(browser, gatehouse.url, ENGINEER)
    viewer = await logIn(browser, gatehouse.url, VIEWER)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await gatehouse?.close()
  })

  for (const [label, who, group] of [
    ['an Engineer', () => engineer, 'Engineers'],
    ['a Viewer', () => viewer, 'Viewers'],
  ] as const) {
    it(
      `${label}: no page offers what the API refuses, none spins, and the own group shows`,
      async () => {
        const { page, refused } = who()
        for (const section of await sections(page)) {
          await open(page, section)
          const names = await offered(page)
          for (const forbidden of OWNER_ONLY) {
            expect(
              names.filter((n) => forbidden.test(n)),
              `${section} offers ${forbidden}`,
            ).toEqual([])
          }
        }
        // Members: the own row names the group the person is in.
        await open(page, 'members')
        const me = label === 'an Engineer' ? ENGINEER : VIEWER
        const row = page.getByRole('row').filter({ hasText: me })
        await row.getByText(group, { exact: true }).waitFor()
        await page
          .getByRole('region', { name: 'Pending invitations' })
          .getByText('Not available to you')
          .waitFor()
        // Service tokens: the owner rule, in core's words, before any click.
        await open(page, 'service-tokens')
        await page
          .getByText('Only organization owners can manage service accounts and service tokens.')
          .waitFor()
        // Groups: the person's own group is listed, to view.
        await open(page, 'groups')
        await page.getByRole('button', { name: `View ${group}` }).click()
        await page.getByRole('heading', { name: group, level: 2 }).waitFor()
        expect(await offered(page)).not.toContain('Add member')
        expect(refused).toEqual([])
      },
      TEST_MS,
    )
  }

  it(
    'an Engineer creates a project (offered, so allowed) and may then manage it',
    async () => {
      const { page, refused } = engineer
      await open(page, 'projects')
      await page.getByLabel('New project name').fill('Engine room')
      await page.getByRole('button', { name: 'Create project' }).click()
      // Its creator gets a direct owner grant: the project's own actions appear for it.
      await page.getByRole('button', { name: 'Rename Engine room' }).waitFor()
      await page.getByRole('button', { name: 'Permissions of Engine room' }).waitFor()
      expect(await offered(page)).not.toContain('Permissions of Shared')
      expect(refused).toEqual([])
    },
    TEST_MS,
  )

  it(
    'the owner who manages the service account: every page, the account and its tokens',
    async () => {
      const { page, refused } = owner
      for (const section of await sections(page)) {
        await open(page, section)
      }
      await open(page, 'members')
      // The owner reads every group: each member's row names theirs.
      await page
        .getByRole('row')
        .filter({ hasText: ENGINEER })
        .getByText('Engineers', { exact: true })
        .waitFor()
      await page
        .getByRole('row')
        .filter({ hasText: VIEWER })
        .getByText('Viewers', { exact: true })
        .waitFor()
      await page.getByRole('button', { name: 'Invite later@roles.test again' }).waitFor()
      await open(page, 'service-tokens')
      await page.getByRole('button', { name: 'Create service account' }).waitFor()
      await page.getByRole('button', { name: `Manage ${BOT}` }).click()
      await page.getByRole('heading', { name: BOT }).waitFor()
      await page.waitForFunction(
        () => document.querySelectorAll('main .loading, main [role="status"]').length === 0,
      )
      expect(refused).toEqual([])
    },
    TEST_MS,
  )
})
