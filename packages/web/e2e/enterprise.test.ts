import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  browserSupport,
  type Gatehouse,
  launchBrowser,
  person,
  STEP_MS,
  screenshots,
  startGatehouse,
  storedValues,
} from './harness.js'

/*
 * The story of an Enterprise organization, told in the browser: first run, an invitation
 * accepted in a second browser, an API key made and revoked, a custom group with a service
 * account and its token, and the audit log that shows all of it. The tests run in order and
 * share the people's browsers.
 */

const support = browserSupport()
if (!support.run) {
  console.warn(`[e2e] browser tests skipped: ${support.reason}`)
}

const OWNER = { email: 'owner@acme.test', password: 'owner password 1' }
const INVITEE = { email: 'dana@acme.test', password: 'dana password 1' }
const KEY_NAME = 'dana-laptop'
const GROUP = 'Alpha readers'
const BOT = 'etl-bot'
const TEST_MS = 60_000

describe.skipIf(!support.run)('an Enterprise organization in the browser', () => {
  let gatehouse: Gatehouse
  let browser: Browser
  let owner: Page
  let invitee: Page
  let apiKey = ''

  beforeAll(async () => {
    gatehouse = await startGatehouse()
    browser = await launchBrowser()
    owner = await person(browser, gatehouse.url)
    invitee = await person(browser, gatehouse.url)
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await gatehouse?.close()
  })

  it(
    'first run: the owner opens the printed setup link and creates the organization',
    async () => {
      const setupUrl = gatehouse.setupUrl
      expect(setupUrl).toMatch(/\/setup\?token=/)
      await owner.goto(setupUrl ?? '')
      await owner.getByRole('heading', { name: 'Set up Gatehouse' }).waitFor()
      // The one-time token leaves the address bar as soon as the page has it.
      expect(owner.url()).not.toContain('token=')
      await screenshots(owner, 'setup')

      await owner.getByLabel('Organization name').fill('Acme')
      await owner.getByLabel('Plan').selectOption('enterprise')
      await owner.getByLabel('Your email').fill(OWNER.email)
      await owner.getByLabel('Password', { exact: true }).fill(OWNER.password)
      await owner.getByLabel('Confirm password').fill(OWNER.password)
      await owner.getByRole('button', { name: 'Create organization' }).click()

      await owner.waitForURL(/\/settings\/members/)
      const header = owner.getByRole('banner')
      await header.getByText('Acme', { exact: true }).waitFor()
      await header.getByText('Enterprise', { exact: true }).waitFor()
      await header.getByText(OWNER.email).waitFor()
      expect(await storedValues(owner)).not.toMatch(/token=|password/i)
    },
    TEST_MS,
  )

  it(
    'log out and in again: a wrong password gets the API’s message',
    async () => {
      await owner.getByRole('button', { name: 'Log out' }).click()
      await owner.waitForURL(/\/login/)
      await owner.getByRole('heading', { name: 'Log in' }).waitFor()
      await owner.getByLabel('Email').fill(OWNER.email)
      await owner.getByLabel('Password').fill('not the password')
      await owner.getByRole('button', { name: 'Log in' }).click()
      await owner.getByText('Credentials are missing or invalid').waitFor()
      await screenshots(owner, 'login')

      await owner.getByLabel('Password').fill(OWNER.password)
      await owner.getByRole('button', { name: 'Log in' }).click()
      await owner.waitForURL(/\/settings\/members/)
      await owner.getByRole('banner').getByText(OWNER.email).waitFor()
    },
    TEST_MS,
  )

  it(
    'the owner invites Dana into Engineers; Dana accepts in her own browser and logs in',
    async () => {
      await settings(owner, 'Members')
      await owner.getByRole('button', { name: 'Invite people' }).click()
      const invite = owner.getByRole('dialog', { name: 'Invite people' })
      await invite.getByLabel('Email addresses').fill(INVITEE.email)
      await invite.getByRole('checkbox', { name: 'Engineers' }).check()
      await invite.getByRole('button', { name: 'Create invitations' }).click()

      const links = owner.getByRole('dialog', { name: 'Invitation links' })
      const link = await links.getByLabel(`Invitation link for ${INVITEE.email}`).inputValue()
      expect(link).toMatch(new RegExp(`^${gatehouse.url}/invite/.+`))
      await links.getByRole('button', { name: 'Done' }).click()
      await owner
        .getByRole('region', { name: 'Pending invitations' })
        .getByText(INVITEE.email)
        .waitFor()

      // A second browser: Dana's own cookies and storage.
      await invitee.goto(link)
      await invitee.getByRole('heading', { name: 'Join an organization' }).waitFor()
      await invitee.getByText(`You are invited to Acme as ${INVITEE.email}`).waitFor()
      expect(invitee.url()).toBe(`${gatehouse.url}/invite`)
      await screenshots(invitee, 'invite')
      await invitee.getByLabel('Choose a password').fill(INVITEE.password)
      await invitee.getByLabel('Confirm password').fill(INVITEE.password)
      await invitee.getByRole('button', { name: 'Create account and join' }).click()
      await invitee.waitForURL(/\/settings\/members/)
      await invitee.getByRole('banner').getByText(INVITEE.email).waitFor()

      await invitee.getByRole('button', { name: 'Log out' }).click()
      await invitee.waitForURL(/\/login/)
      await invitee.getByLabel('Email').fill(INVITEE.email)
      await invitee.getByLabel('Password').fill(INVITEE.password)
      await invitee.getByRole('button', { name: 'Log in' }).click()
      await invitee.waitForURL(/\/settings\/members/)

      // The owner now sees Dana as a member of Engineers.
      await owner.reload()
      const row = owner.getByRole('row').filter({ hasText: INVITEE.email })
      await row.getByText('Engineers').waitFor()
      await owner.getByText('No pending invitations').waitFor()
      await screenshots(owner, 'members')
    },
    TEST_MS,
  )

  it(
    'Dana creates an API key, copies it, and the key works against the API',
    async () => {
      await invitee.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: gatehouse.url,
      })
      await settings(invitee, 'API keys')
      await invitee.getByText('No API keys yet').waitFor()
      await invitee.getByRole('button', { name: 'Create API key' }).click()
      const create = invitee.getByRole('dialog', { name: 'Create an API key' })
      // The form checks before it sends: no name, no request.
      await create.getByRole('button', { name: 'Create API key' }).click()
      await create.getByText('Give it a name').waitFor()
      await create.getByLabel('Name').fill(KEY_NAME)
      await create.getByRole('button', { name: 'Create API key' }).click()

      const shown = invitee.getByRole('dialog', { name: 'Your new API key' })
      await shown.getByText('it will not be shown again').waitFor()
      await shown.getByRole('button', { name: 'Copy' }).click()
      await shown.getByText(/^(Copied|Copy failed: select and copy)$/).waitFor()
      const key = await shown.getByLabel('The API key').inputValue()
      expect(key.length).toBeGreaterThan(20)
      const copied = await invitee
        .evaluate(() => navigator.clipboard.readText())
        .catch(() => undefined)
      if (copied !== undefined) {
        expect(copied).toBe(key)
      }
      apiKey = key
      // Shown once, kept nowhere: not in storage, not in the address bar.
      expect(await storedValues(invitee)).not.toContain(key)

      await shown.getByRole('button', { name: 'Done' }).click()
      await expect(shown.count()).resolves.toBe(0)
      const row = invitee.getByRole('row').filter({ hasText: KEY_NAME })
      await row.getByText('Never').first().waitFor()
      expect(await invitee.content()).not.toContain(key)
      await screenshots(invitee, 'api-keys')

      const response = await gatehouse.api('/v1/project', { bearer: key })
      expect(response.status).toBe(200)
      // An API key cannot make another one; the API says so in its own words.
      const again = await gatehouse.api('/v1/api_key', {
        bearer: key,
        method: 'POST',
        body: { name: 'from a key', org_name: 'Acme' },
      })
      expect(again.status).toBe(403)
      expect(((await again.json()) as { error: { message: string } }).error.message).toBe(
        'API keys cannot create API keys',
      )
    },
    TEST_MS,
  )

  it(
    'the owner revokes Dana’s key in the UI, and the API refuses it from then on',
    async () => {
      await settings(owner, 'API keys')
      const orgKeys = owner.getByRole('region', { name: 'All keys in the organization' })
      await orgKeys.getByRole('button', { name: `Revoke ${KEY_NAME} of ${INVITEE.email}` }).click()
      const confirm = owner.getByRole('dialog', { name: `Revoke ${KEY_NAME}?` })
      await confirm.getByRole('button', { name: 'Revoke key' }).click()
      await owner.getByText(`API key ${KEY_NAME} revoked`).waitFor()
      await orgKeys
        .getByRole('row')
        .filter({ hasText: KEY_NAME })
        .getByText(/revoked/i)
        .waitFor()

      const response = await gatehouse.api('/v1/project', { bearer: apiKey })
      expect(response.status).toBe(401)
    },
    TEST_MS,
  )

  it(
    'Enterprise: a custom group, a service account in it, and a token that reads what the group allows',
    async () => {
      await settings(owner, 'Projects')
      for (const name of ['alpha', 'beta']) {
        await owner.getByLabel('New project name').fill(name)
        await owner.getByRole('button', { name: 'Create project' }).click()
        await owner.getByRole('row').filter({ hasText: name }).first().waitFor()
      }
      await screenshots(owner, 'projects')

      await settings(owner, 'Permission groups')
      await owner.getByRole('button', { name: 'Create group' }).click()
      const create = owner.getByRole('dialog', { name: 'Create a permission group' })
      await create.getByLabel('Name').fill(GROUP)
      await create.getByRole('button', { name: 'Create group' }).click()
      await owner.getByRole('heading', { name: GROUP }).waitFor()
      await owner.getByLabel('Add a project').selectOption({ label: 'alpha' })
      await owner.getByRole('button', { name: 'Add row' }).click()
      await owner.getByRole('checkbox', { name: 'Read (project alpha)' }).check()
      await owner.getByRole('button', { name: 'Save permissions' }).click()
      await owner.getByText(`Permissions of ${GROUP} saved`).first().waitFor()
      await screenshots(owner, 'groups')

      await settings(owner, 'Service tokens')
      await owner.getByRole('button', { name: 'Create service account' }).click()
      const account = owner.getByRole('dialog', { name: 'Create a service account' })
      await account.getByLabel('Name').fill(BOT)
      await account.getByRole('button', { name: 'Create service account' }).click()
      await owner.getByText(`Service account ${BOT} created`).first().waitFor()
      // Creating it opens it.
      await owner.getByRole('heading', { name: BOT }).waitFor()
      // The box shows what the API answered, so it turns on once the change is saved.
      const member = owner.getByRole('checkbox', { name: `Member of ${GROUP}` })
      await member.click()
      await owner.getByText(`${BOT} added to ${GROUP}`).first().waitFor()
      expect(await member.isChecked()).toBe(true)

      await owner.getByRole('button', { name: 'Create token' }).click()
      const tokenDialog = owner.getByRole('dialog', { name: `Create a token for ${BOT}` })
      await tokenDialog.getByLabel('Name').fill('nightly')
      await tokenDialog.getByRole('button', { name: 'Create service token' }).click()
      const shown = owner.getByRole('dialog', { name: 'Your new service token' })
      const token = await shown.getByLabel('The service token').inputValue()
      expect(await storedValues(owner)).not.toContain(token)
      await shown.getByRole('button', { name: 'Done' }).click()
      await owner.getByRole('row').filter({ hasText: 'nightly' }).first().waitFor()
      await screenshots(owner, 'service-tokens')

      // The group grants read on alpha only: the token lists alpha, not beta, and creates nothing.
      const listed = await gatehouse.api('/v1/project', { bearer: token })
      expect(listed.status).toBe(200)
      const { objects } = (await listed.json()) as { objects: { name: string }[] }
      expect(objects.map((p) => p.name)).toEqual(['alpha'])
      const made = await gatehouse.api('/v1/project', {
        bearer: token,
        method: 'POST',
        body: { name: 'gamma', org_name: 'Acme' },
      })
      expect(made.status).toBe(403)

      // Why? explains it: read on alpha, through the group.
      await settings(owner, 'Why? Access explained')
      await owner.getByLabel('Member or service account').selectOption({ label: BOT })
      await owner.getByLabel('Where').selectOption({ label: 'alpha' })
      await owner.getByRole('button', { name: 'Explain' }).click()
      const result = owner.getByRole('region', { name: /alpha/ })
      await result.getByText('read: yes').waitFor()
      await result.getByRole('row').filter({ hasText: 'Project alpha' }).getByText(GROUP).waitFor()
      await screenshots(owner, 'why')
    },
    TEST_MS,
  )

  it(
    'the audit log shows the invitation, the key’s creation and its revocation',
    async () => {
      await settings(owner, 'Audit log')
      const events = owner.getByRole('table', { name: /Events/ })
      for (const action of [
        'invitation.create',
        'invitation.accept',
        'api_key.create',
        'api_key.delete',
        'group.create',
        'service_account.create',
        'service_token.create',
      ]) {
        await events.getByRole('row').filter({ hasText: action }).first().waitFor()
      }
      // Newest first: the token came after the key's revocation, which came after its creation.
      const actions = await actionsShown(events)
      const at = (action: string) => actions.indexOf(action)
      expect(at('service_token.create')).toBeLessThan(at('api_key.delete'))
      expect(at('api_key.delete')).toBeLessThan(at('api_key.create'))
      expect(at('api_key.create')).toBeLessThan(at('invitation.create'))
      // Who did it: Dana made the key, the owner revoked it.
      const created = events.getByRole('row').filter({ hasText: 'api_key.create' }).first()
      await created.getByText(INVITEE.email).first().waitFor()
      const revoked = events.getByRole('row').filter({ hasText: 'api_key.delete' }).first()
      await revoked.getByText(OWNER.email).first().waitFor()
      await screenshots(owner, 'audit-log')

      // The filter narrows to one action.
      await owner.getByLabel('Action').fill('api_key.delete')
      await owner.getByRole('button', { name: 'Apply filters' }).click()
      await expect
        .poll(() => actionsShown(events), { timeout: STEP_MS })
        .toEqual(['api_key.delete'])
      // Details unfold: the revoked key by name and preview, never its secret.
      await events.getByText('Show details').first().click()
      await events.locator('pre').filter({ hasText: KEY_NAME }).first().waitFor()
      expect(await owner.content()).not.toContain(apiKey)
    },
    TEST_MS,
  )
})

/** The action of each audit event listed, top to bottom (the first code in each row). */
function actionsShown(table: Locator): Promise<string[]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.querySelector('code')?.textContent ?? ''))
}

/** Follows a Settings link in the sidebar (through the menu button on a narrow screen). */
async function settings(page: Page, section: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Settings' })
  const link = nav.getByRole('link', { name: section, exact: true })
  if (!(await link.isVisible())) {
    await nav.getByRole('button', { name: /^Settings:/ }).click()
  }
  await link.click()
  await page.getByRole('heading', { level: 1, name: section }).waitFor()
}

if (!support.run && support.required) {
  describe('browser end-to-end tests', () => {
    it('need Chromium: GATEHOUSE_REQUIRE_BROWSER=1 makes its absence a failure', () => {
      throw new Error(support.reason)
    })
  })
}
