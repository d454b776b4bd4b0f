// A Chinese browser gets Chinese from the first visit, with no cookie: the login page, the lead
// form, a validation error, the lead list. Number inputs read 12万 and refuse 12abc; Enter in the
// date picker chooses the date and does not submit. axe on the new-record form, the approvals inbox
// and the designer. Screenshots in /tmp/shots/inputs at 1280 and 390 px, Chinese and English.
// Demo users used here: zheng.hao (a Shanghai rep no other spec uses), manager.shanghai for the inbox.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { DEMO_PASSWORD } from './helpers';

test.describe.configure({ timeout: 150_000 });
test.use({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });

const SHOTS = '/tmp/shots/inputs';
fs.mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

/** A button's name as Ant Design shows it: two Chinese characters get a space between them (登 录). */
const named = (text: string) => new RegExp(`^${[...text].join('\\s?')}$`);

/** Words in Latin letters that are not data values or the product's name: English UI text left over. */
async function englishWords(page: Page, selector: string): Promise<string[]> {
  const texts = await page.locator(selector).allInnerTexts();
  const allowed = new Set(['Tessera', 'CRM', 'API', 'IT', 'English', 'ID']);
  return texts
    .join(' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/Tessera#\d+/g, ' ')
    .split(/[^A-Za-z]+/)
    .filter((w) => w.length > 1 && !allowed.has(w));
}

async function signInZh(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: named('登录') }).click();
  await expect(page).toHaveURL(/\/(o\/|$)/); // the home dashboard or a list
}

test('a Chinese browser with no cookie sees only Chinese: login, lead form, an error, the list', async ({ page, context }) => {
  expect(await context.cookies()).toEqual([]);
  await page.goto('/login');
  await expect(page.getByRole('button', { name: named('登录') })).toBeVisible();
  await expect(page.getByLabel('邮箱')).toBeVisible();
  expect(await englishWords(page, 'body')).toEqual([]);
  await shot(page, 'login-zh-1280');

  await signInZh(page, 'zheng.hao@tessera.demo');
  await page.goto('/o/lead/new');
  await expect(page.getByRole('heading', { name: '新建线索', level: 1 })).toBeVisible();
  await expect(page.getByLabel('姓名', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: named('保存') }).click();
  await expect(page.getByText('姓名不能为空')).toBeVisible();
  expect(await englishWords(page, 'main')).toEqual([]);
  await shot(page, 'lead-form-error-zh-1280');

  await page.goto('/o/lead');
  await expect(page.getByRole('heading', { name: '线索', level: 1 })).toBeVisible();
  await expect(page.locator('.ant-table-thead')).toContainText('姓名');
  // The list's own words: headings, column titles, buttons, the view and its paging (not the data).
  expect(await englishWords(page, 'main h1, main thead, main button, main .ant-select-content, main [role="status"]')).toEqual([]);
  await shot(page, 'lead-list-zh-1280');
});

test('12万 saves 120000, 12abc is refused and saves nothing, Enter in the date picker does not submit', async ({ page }) => {
  await signInZh(page, 'zheng.hao@tessera.demo');
  const name = `港口起重机 ${Date.now()}`;
  await page.goto('/o/opportunity/new');
  await expect(page.getByRole('heading', { name: '新建商机', level: 1 })).toBeVisible();
  await page.getByLabel('商机名称', { exact: true }).fill(name);
  const amount = page.getByLabel('金额', { exact: true });

  await amount.fill('12abc');
  await expect(page.getByText('“12abc”不是有效的数字')).toBeVisible();
  await expect(amount).toHaveValue('12abc');
  await page.getByRole('button', { name: named('保存') }).click();
  await expect(page.getByRole('alert').filter({ hasText: '请修正标出的字段' })).toBeVisible();
  await expect(page).toHaveURL(/\/o\/opportunity\/new$/);

  await amount.fill('12万');
  await expect(page.getByText('= 120,000')).toBeVisible();
  await expect(page.getByText('“12abc”不是有效的数字')).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: '请修正标出的字段' })).toHaveCount(0);

  // Enter in the date picker chooses the typed date; the form stays open.
  const close = page.getByLabel('预计成交日期', { exact: true });
  await close.click();
  await close.fill('2027-03-15');
  await close.press('Enter');
  await expect(close).toHaveValue('2027-03-15');
  await expect(page).toHaveURL(/\/o\/opportunity\/new$/);
  await expect(page.getByRole('heading', { name: '新建商机', level: 1 })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'the new-record form');
  await shot(page, 'opportunity-form-zh-1280');

  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'opportunity-form-zh-390');
  // One column at 390 px: the amount and the close date sit one under the other, full width.
  const a = await amount.boundingBox();
  const c = await close.boundingBox();
  expect(a && c && Math.abs(a.x - c.x) < 4 && c.y > a.y).toBe(true);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('button', { name: named('保存') }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByText('¥120,000.00').first()).toBeVisible();
  const id = page.url().split('/').pop();
  const saved = await page.request.get(`/api/v1/records/opportunity/${id}`);
  expect((await saved.json()).record.amount).toBe(120000);
  await shot(page, 'opportunity-record-zh-1280');
});

test('the approvals inbox and the designer pass axe; the inbox shows the amount, Approve/Reject in view', async ({ page, baseURL }) => {
  // The rep submits an expense; their manager finds it in the inbox with its amount.
  await signInZh(page, 'zheng.hao@tessera.demo');
  const write = { headers: { origin: baseURL! } };
  const created = await page.request.post('/api/v1/records/expense', { ...write, data: { amount: 3456.5, type: 'travel', date: '2026-12-01', status: 'draft' } });
  expect(created.status()).toBe(201);
  const expense = (await created.json()).record;
  expect((await page.request.post(`/api/v1/records/expense/${expense.id}/approval/submit`, { ...write, data: {} })).status()).toBeLessThan(300);
  await page.context().clearCookies();

  await signInZh(page, 'manager.shanghai@tessera.demo');
  await page.goto('/approvals');
  await expect(page.getByRole('heading', { name: '我的审批', level: 1 })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: String(expense.number ?? expense.name) });
  await expect(row).toContainText('¥3,456.50');
  await expectNoSeriousAxeViolations(page, 'the approvals inbox');
  const box = await row.getByRole('button', { name: /^批准 / }).boundingBox();
  expect(box && box.x + box.width <= 1280 && box.y + box.height <= 800).toBe(true);
  await shot(page, 'inbox-zh-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'inbox-zh-390');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.context().clearCookies();
  await signInZh(page, 'admin@tessera.demo');
  await page.goto('/admin/designer');
  await expect(page.locator('h1').first()).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'the designer');
  await shot(page, 'designer-1280');
});

test.describe('in English, on a phone', () => {
  test.use({ locale: 'en-US', viewport: { width: 390, height: 844 } });

  test('the form is one column and reads 1,234,567; the designer dialog fits', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('admin@tessera.demo');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/(o\/|$)/); // the home dashboard or a list
    await page.goto('/o/opportunity/new');
    await expect(page.getByRole('heading', { name: 'New Opportunity', level: 1 })).toBeVisible();
    await page.getByLabel('Amount', { exact: true }).fill('1,234,567');
    await page.getByLabel('Cost', { exact: true }).fill('1.5亿');
    await expect(page.getByText('= 150,000,000')).toBeVisible();
    // Grouping alone is read as typed: nothing to echo.
    await expect(page.getByText('= 1,234,567')).toHaveCount(0);
    await page.getByLabel('Probability', { exact: true }).fill('abc');
    await expect(page.getByText('"abc" is not a number')).toBeVisible();
    await shot(page, 'opportunity-form-en-390');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    await page.goto('/admin/designer/opportunity');
    await page.getByRole('button', { name: 'New field' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    // The drawer slides in; once it has, it fits the screen.
    await expect
      .poll(async () => {
        const box = await dialog.boundingBox();
        return Boolean(box && box.x >= 0 && box.x + box.width <= 390);
      })
      .toBe(true);
    await shot(page, 'designer-field-dialog-en-390');
  });
});
