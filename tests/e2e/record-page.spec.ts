// The record page as a rep uses it: highlights and tabs; a quote created from the deal's related
// list ("New", the deal filled in) lets the deal pass the Negotiation gate; the path asks before it
// moves, and Closed lost asks for the loss reason in a dialog; axe finds nothing serious; at 390 px
// the page does not scroll sideways. Demo user: gao.xiang (a Beijing rep no other spec uses).
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { choose, signIn, inChineseBrowser } from './helpers';

test.describe.configure({ timeout: 180_000 });

const SHOTS = '/tmp/shots/rec';

/** The page does not scroll sideways once it has settled (a fresh page lays out as its styles and data arrive). */
async function noSidewaysScroll(page: Page) {
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await expect.poll(overflow, { timeout: 10_000 }).toBeLessThanOrEqual(0);
}

test('a rep works a deal from its record page: related quote, gates, lost reason', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'gao.xiang@tessera.demo');
  const name = `Tianjin Boiler Retrofit ${Date.now()}`;
  await page.goto('/o/opportunity/new');
  await page.getByLabel('Opportunity name', { exact: true }).fill(name);
  await page.getByLabel('Close date', { exact: true }).fill('2027-06-30');
  await page.getByLabel('Opportunity name', { exact: true }).click();
  await page.getByLabel('Amount', { exact: true }).fill('380000');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
  const dealUrl = page.url();

  // Highlights: owner and the layout's key fields; the four tabs.
  const highlights = page.getByRole('region', { name: 'Key fields' });
  await expect(highlights).toContainText('Owner');
  await expect(highlights).toContainText('高翔');
  await expect(highlights).toContainText('380,000');
  await expect(page.getByRole('tab')).toHaveText(['Details', 'Related', 'Activity', 'History']);
  // Empty fields fold away until asked for.
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details.getByText('Next step', { exact: true })).toHaveCount(0);
  await details.getByRole('button', { name: /Show empty fields/ }).click();
  await expect(details.getByText('Next step', { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/record-1280-en.png`, fullPage: true });

  // The action bar from the action metadata: follow, and the rest under More (a rep may not delete).
  await page.getByRole('button', { name: 'Follow' }).click();
  await expect(page.getByRole('button', { name: 'Following' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'More actions' }).click();
  // Opportunities have no approval flow here: no Submit for approval.
  await expect(page.locator('.ant-dropdown:visible').getByRole('menuitem')).toHaveText(['Change owner', 'Clone']);
  await page.keyboard.press('Escape');

  // The path asks before it moves.
  const path = page.getByRole('navigation', { name: 'Sales path' });
  await path.getByRole('button', { name: 'Move to Proposal' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move to Proposal?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Move' }).click();
  await expect(path.locator('[aria-current="step"]')).toHaveText('Proposal');

  // Negotiation needs a quote: refused, said once, in the dialog.
  await path.getByRole('button', { name: 'Move to Negotiation' }).click();
  const negotiation = page.getByRole('dialog', { name: 'Move to Negotiation?' });
  await negotiation.getByRole('button', { name: 'Move' }).click();
  await expect(negotiation.getByRole('alert')).toHaveText('A quote is required to enter Negotiation');
  await expect(page.getByText('A quote is required to enter Negotiation')).toHaveCount(1);
  await negotiation.getByRole('button', { name: 'Cancel' }).click();
  await expect(path.locator('[aria-current="step"]')).toHaveText('Proposal');

  // A quote from the deal's related list: the deal is filled in, and saving comes back to it.
  await page.getByRole('tab', { name: 'Related' }).click();
  await page.getByRole('button', { name: 'New Quote' }).click();
  await expect(page.getByRole('heading', { name: 'New Quote', level: 1 })).toBeVisible();
  await expect(page.locator('.ant-select').filter({ has: page.getByLabel('Opportunity', { exact: true }) })).toContainText(name);
  await page.getByLabel('Quoted amount', { exact: true }).fill('375000');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(dealUrl);
  await page.getByRole('tab', { name: 'Related' }).click();
  await expect(page.getByRole('heading', { name: /^Quotes/, level: 2 })).toHaveText('Quotes (1)');
  await expect(page.getByRole('table', { name: 'Quotes (1)' })).toContainText('375,000');
  await expect(page.getByRole('link', { name: 'View all Quotes' })).toHaveAttribute('href', /\/o\/quote\?filter=/);

  // Now the gate is met.
  await path.getByRole('button', { name: 'Move to Negotiation' }).click();
  await page.getByRole('dialog', { name: 'Move to Negotiation?' }).getByRole('button', { name: 'Move' }).click();
  await expect(path.locator('[aria-current="step"]')).toHaveText('Negotiation');

  // Closed lost asks for exactly the loss reason, and saves it with the stage.
  await path.getByRole('button', { name: 'Move to Closed lost' }).click();
  const lost = page.getByRole('dialog', { name: 'Move to Closed lost?' });
  await expect(lost).toContainText('To move to Closed lost, fill in:');
  await choose(page, 'Loss reason', 'No budget');
  await lost.getByRole('button', { name: 'Move' }).click();
  await expect(lost).toHaveCount(0);
  await expect(path.locator('[aria-current="step"]')).toHaveText('Closed lost');
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('No budget');

  // Activity: the stage changes, newest first.
  await page.getByRole('tab', { name: 'Activity' }).click();
  const activity = page.getByRole('region', { name: 'Activity' });
  await expect(activity.locator('.ant-timeline-item').first()).toContainText('Stage changed to Closed lost');
  await page.getByRole('tab', { name: 'Details' }).click();
  await expectNoSeriousAxeViolations(page, 'record page');

  // A phone: usable at 390 px, no sideways scroll; and the same page in Chinese.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('tab', { name: 'Details' }).click();
  await noSidewaysScroll(page);
  await page.screenshot({ path: `${SHOTS}/record-390-en.png`, fullPage: true });
  // The same user in a browser that asks for Chinese (they chose no language, so the browser's counts).
  page = await inChineseBrowser(page);
  await page.goto(dealUrl);
  await expect(page.getByRole('tab', { name: '详细信息' })).toBeVisible();
  await noSidewaysScroll(page);
  await page.screenshot({ path: `${SHOTS}/record-390-zh.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SHOTS}/record-1280-zh.png`, fullPage: true });

  // Clone: a new opportunity form with the copyable fields filled in.
  await page.getByRole('button', { name: '更多操作' }).click();
  await page.locator('.ant-dropdown:visible').getByRole('menuitem', { name: '复制' }).click();
  await expect(page).toHaveURL(/\/o\/opportunity\/new\?_clone=/);
  await expect(page.getByLabel('商机名称', { exact: true })).toHaveValue(name);
  await page.screenshot({ path: `${SHOTS}/clone-1280-zh.png`, fullPage: true });
});
