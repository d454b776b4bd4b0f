/**
 * Navigation as a rep meets it: the Sales app's menu in the order a sales team works, the header's
 * global search finding a Chinese name by its pinyin initials, recently viewed records, and the
 * navigation as a drawer on a 390 px phone (accessible, no serious axe violations).
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { signIn, inChineseBrowser } from './helpers';

const SHOTS = '/tmp/shots/nav';
const REP = 'zhou.jie@tessera.demo';
const NAME = '钱塘江潮科技';

fs.mkdirSync(SHOTS, { recursive: true });

async function createAccount(page: Page, name: string): Promise<string> {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post('/api/v1/records/account', { data: { name }, headers: { origin } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).record.id as string;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });

test('the Sales app lists the pages in the order a sales team works', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, REP);
  const menu = page.getByRole('navigation', { name: 'Navigation' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Home',
    'Leads',
    'Accounts',
    'Contacts',
    'Opportunities',
    'Quotes',
    'Contracts',
    'Activities',
    'Reports',
    'Dashboards',
    /^My approvals/,
    'All objects',
  ]);
  await menu.getByRole('link', { name: 'All objects' }).click();
  await expect(page.getByRole('heading', { name: 'All objects' })).toBeVisible();
  // Expenses are not in the Sales menu but stay one click away.
  await page.getByRole('link', { name: 'Expenses' }).click();
  await expect(page).toHaveURL(/\/o\/expense$/);
});

test('global search finds a Chinese name by its pinyin initials and opens it; it is then recently viewed', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, REP);
  const id = await createAccount(page, NAME);
  const box = page.getByRole('combobox', { name: 'Search all records' });
  await box.fill('qtjc');
  const option = page.locator('.ant-select-item-option').filter({ hasText: NAME });
  await expect(option).toBeVisible();
  await expect(page.locator('.ant-select-item-group').filter({ hasText: 'Accounts' })).toBeVisible();
  await shot(page, 'search-1280-en');
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/o/account/${id}$`));
  await expect(page.getByText(NAME).first()).toBeVisible();
  const recent = page.getByRole('navigation', { name: 'Recently viewed' });
  await expect(recent.getByRole('link', { name: NAME })).toBeVisible();
  await shot(page, 'record-recent-1280-en');
  // Full pinyin works too, and in Chinese the box speaks Chinese.
  page = await inChineseBrowser(page);
  await page.goto('/o/lead');
  const zhBox = page.getByRole('combobox', { name: '搜索全部记录' });
  await zhBox.fill('qiantang');
  await expect(page.locator('.ant-select-item-option').filter({ hasText: NAME })).toBeVisible();
  await shot(page, 'search-1280-zh');
  await expect(page.getByRole('navigation', { name: '最近查看' }).getByRole('link', { name: NAME })).toBeVisible();
});

test('at 390 px the navigation is a drawer behind a labelled button, and the header keeps one line', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, REP);
  await page.goto('/o/lead');
  await expect(page.getByRole('navigation', { name: 'Navigation' })).toBeHidden();
  const header = page.locator('header').first();
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(65);
  // The user's name stays on one line inside the screen (cut with an ellipsis when long).
  const user = page.getByRole('link', { name: '周杰' });
  await expect(user).toHaveCSS('white-space', 'nowrap');
  const box = (await user.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  const logout = (await page.getByRole('button', { name: 'Sign out' }).boundingBox())!;
  expect(logout.x + logout.width).toBeLessThanOrEqual(390);
  await shot(page, 'list-390-en');
  await page.getByRole('button', { name: 'Open navigation' }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('navigation', { name: 'Navigation' })).toBeVisible();
  // Once it has slid in.
  await expect.poll(async () => (await drawer.boundingBox())?.x).toBe(0);
  await shot(page, 'drawer-390-en');
  await expectNoSeriousAxeViolations(page, 'the list page with the navigation drawer open');
  await drawer.getByRole('link', { name: 'Accounts' }).click();
  await expect(page).toHaveURL(/\/o\/account$/);
  await expect(drawer).toBeHidden();
  page = await inChineseBrowser(page);
  await page.goto('/o/account');
  await page.getByRole('button', { name: '打开导航菜单' }).click();
  await expect(page.getByRole('dialog').getByRole('link', { name: '客户' })).toBeVisible();
  await expect.poll(async () => (await page.getByRole('dialog').boundingBox())?.x).toBe(0);
  await shot(page, 'drawer-390-zh');
});
