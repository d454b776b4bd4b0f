import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { choose, inChineseBrowser, menuLink, signIn } from './helpers';

const SHOTS = '/tmp/shots/cond';
// Axe and a second browser context take a while on a small shared machine.
test.describe.configure({ timeout: 180_000 });
// This year in the workspace zone (the demo's: Asia/Shanghai).
const YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4);

/** Open the filter drawer once the list has settled (a click while it hydrates is lost). */
async function openFilter(page: Page) {
  await expect(async () => {
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByRole('button', { name: 'Add condition' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/** Text of one column of the list table, by header name. */
async function columnTexts(page: Page, header: string): Promise<string[]> {
  const headers = await page.locator('.ant-table-thead th').allInnerTexts();
  const index = headers.findIndex((h) => h.trim() === header);
  expect(index, `column ${header}`).toBeGreaterThanOrEqual(0);
  return page.locator(`.ant-table-tbody tr.ant-table-row td:nth-child(${index + 1})`).allInnerTexts();
}

test('a manager filters opportunities closing this year and in the next N days with "during"', async ({ page }) => {
  await signIn(page);
  await menuLink(page, 'Opportunities').click();
  await expect(page.getByRole('heading', { name: 'Opportunities', level: 1 })).toBeVisible();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row').first()).toBeVisible();
  await openFilter(page);
  await page.getByRole('button', { name: 'Add condition' }).click();
  await choose(page, 'Field 1', 'Close date', { search: true });
  await choose(page, 'Operator 1', 'during');
  await choose(page, 'Value 1', 'This year', { search: true });
  await page.screenshot({ path: `${SHOTS}/filter-during-1280-en.png` });
  await expectNoSeriousAxeViolations(page, 'filter drawer with during');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/during/);
  await expect(page.getByText('1 filter(s) applied')).toBeVisible();
  await expect.poll(async () => (await columnTexts(page, 'Close date')).length).toBeGreaterThan(0);
  for (const text of await columnTexts(page, 'Close date')) expect(text).toContain(YEAR);

  // Last/next N days: the number is typed in next to the period.
  await openFilter(page);
  await choose(page, 'Value 1', 'Next N days', { search: true });
  await page.getByLabel('Value 1 (Number of days)').fill('90');
  await page.screenshot({ path: `${SHOTS}/filter-next-n-days-1280-en.png` });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/next_90_days/);

  // The same drawer in Chinese at phone width.
  const zh = await inChineseBrowser(page, { width: 390, height: 844 });
  await zh.goto(page.url());
  await zh.getByRole('button', { name: '筛选' }).click();
  await expect(zh.getByText('未来 N 天')).toBeVisible();
  await zh.screenshot({ path: `${SHOTS}/filter-during-390-zh.png` });
  await zh.close();
});

test('a manager lists accounts without any opportunity, through a related-records row', async ({ page }) => {
  await signIn(page);
  await menuLink(page, 'Accounts').click();
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row').first()).toBeVisible();
  await openFilter(page);
  await page.getByRole('button', { name: 'Add condition' }).click();
  await choose(page, 'Field 1', 'Opportunities', { search: true });
  await choose(page, 'Operator 1', 'has none');
  await page.screenshot({ path: `${SHOTS}/filter-without-1280-en.png` });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/without/);
  await expect(page.getByText('1 filter(s) applied')).toBeVisible();
  // None of the accounts listed has an opportunity: its related list is empty.
  const first = page.locator('.ant-table-tbody tr.ant-table-row a').first();
  if (await first.count()) {
    await first.click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
});

test('an admin sets the fiscal year to start in April; a rep may not', async ({ page }) => {
  await signIn(page);
  await page.goto('/admin/settings');
  await expect(page.getByRole('heading', { name: 'Workspace settings', level: 1 })).toBeVisible();
  await expect(page.getByText('Asia/Shanghai')).toBeVisible();
  await choose(page, 'Fiscal year starts in', 'April');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  await expect(page.getByText(/This fiscal year: \d{4}-04-01 to \d{4}-03-31/)).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'workspace settings');
  await page.screenshot({ path: `${SHOTS}/settings-1280-en.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/settings-390-en.png` });
  const zh = await inChineseBrowser(page, { width: 1280, height: 800 });
  await zh.goto('/admin/settings');
  await expect(zh.getByRole('heading', { name: '工作区设置', level: 1 })).toBeVisible();
  await expect(zh.getByText(/本财年：\d{4}-04-01 至 \d{4}-03-31/)).toBeVisible();
  await zh.screenshot({ path: `${SHOTS}/settings-1280-zh.png` });
  await zh.setViewportSize({ width: 390, height: 844 });
  await zh.screenshot({ path: `${SHOTS}/settings-390-zh.png` });
  await zh.close();
  // Back to January for whatever runs next.
  await page.setViewportSize({ width: 1280, height: 800 });
  await choose(page, 'Fiscal year starts in', 'January');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/This fiscal year: \d{4}-01-01 to \d{4}-12-31/)).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, 'xu.jing@tessera.demo');
  await page.goto('/admin/settings');
  // Next's route announcer is an alert too: look for the refusal itself.
  await expect(page.getByRole('alert').filter({ hasText: 'You do not have permission' })).toBeVisible();
  await expect(page.getByLabel('Fiscal year starts in')).toHaveCount(0);
});
