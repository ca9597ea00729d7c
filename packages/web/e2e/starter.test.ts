import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  browserSupport,
  type Gatehouse,
  launchBrowser,
  person,
  screenshots,
  startGatehouse,
} from './harness.js'

/* A Starter organization learns that custom groups are Enterprise before it clicks, not after. */

const support = browserSupport()
const OWNER = { email: 'owner@small.test', password: 'small password 1' }

describe.skipIf(!support.run)('a Starter organization in the browser', () => {
  let gatehouse: Gatehouse
  let browser: Browser
  let owner: Page

  beforeAll(async () => {
    gatehouse = await startGatehouse()
    browser = await launchBrowser()
    owner = await person(browser, gatehouse.url)
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await gatehouse?.close()
  })

  it('sees on Permission groups that custom groups are an Enterprise feature', async () => {
    await owner.goto(gatehouse.setupUrl ?? '/setup')
    await owner.getByLabel('Organization name').fill('Small')
    await owner.getByLabel('Plan').selectOption('starter')
    await owner.getByLabel('Your email').fill(OWNER.email)
    await owner.getByLabel('Password', { exact: true }).fill(OWNER.password)
    await owner.getByLabel('Confirm password').fill(OWNER.password)
    await owner.getByRole('button', { name: 'Create organization' }).click()
    await owner.waitForURL(/\/settings\/members/)
    await owner.getByRole('banner').getByText('Starter', { exact: true }).waitFor()

    await owner
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', {
        name: 'Permission groups',
      })
      .click()
    await owner.getByRole('heading', { name: 'Permission groups', level: 1 }).waitFor()
    // The built-in Owners group is listed, and creating a custom one is explained, not offered.
    await owner.getByRole('main').getByText('Owners', { exact: true }).first().waitFor()
    const main = owner.getByRole('main')
    // Said before any click, in the API's own words, and tied to the button it explains.
    const create = main.getByRole('button', { name: 'Create group' })
    expect(await create.isDisabled()).toBe(true)
    const why = main.getByText('Custom permission groups require the Enterprise plan')
    await why.waitFor()
    const describedBy = (await create.getAttribute('aria-describedby')) ?? ''
    expect(describedBy.split(' ')).toContain(await why.getAttribute('id'))
    await screenshots(owner, 'groups-starter')
  }, 60_000)
})
