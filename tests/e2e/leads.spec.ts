import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { DEMO_PASSWORD, inChineseBrowser, menuLink, signIn } from './helpers';

/** The Shenzhen reps the stock lead_routing rule deals south-China leads to, by display name. */
const SHENZHEN_REPS: Record<string, string> = { 罗琳: 'luo.lin@tessera.demo', 梁超: 'liang.chao@tessera.demo', 徐静: 'xu.jing@tessera.demo' };
const SHOTS = '/tmp/shots/conversion';

/** A select of the public form, whether the page renders a native one or Ant Design's. */
async function pick(page: Page, label: string, option: string) {
  const input = page.getByLabel(label);
  if ((await input.evaluate((el) => el.tagName)) === 'SELECT') return input.selectOption({ label: option });
  await input.click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

test('a visitor leaves a lead in Chinese; round-robin gives it to a Shenzhen rep, who converts it', async ({ page, browser }) => {
  // A long journey (four sessions) on a small shared machine.
  test.setTimeout(480_000);
  const stamp = Date.now().toString(36);
  const company = `深圳市鹏程智造科技有限公司${stamp}`;

  // 1. A visitor, not signed in, with a Chinese browser, fills the public contact form.
  const visitor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await visitor.goto('/f/default/contact_us');
  await visitor.getByLabel('您的姓名').fill('陈思远');
  await visitor.getByLabel('公司名称').fill(company);
  await visitor.getByLabel('联系电话').fill('0755-8888 6666');
  await visitor.getByLabel('电子邮箱').fill(`chen.siyuan.${stamp}@pengcheng.example.cn`);
  await pick(visitor, '所在区域', '华南');
  await visitor.getByLabel('需求描述').fill('想了解贵司 CRM 的私有化部署方案，约 200 个用户。');
  await visitor.getByRole('button', { name: /提\s*交/ }).click();
  await expect(visitor.getByText('感谢您的留言！我们已收到，会尽快与您联系。')).toBeVisible();
  await visitor.context().close();

  // 2. The admin finds which Shenzhen rep the round-robin gave it to.
  await signIn(page);
  const filter = encodeURIComponent(JSON.stringify({ field: 'company', op: 'eq', value: company }));
  const found = await page.request.get(`/api/v1/records/lead?filter=${filter}`);
  expect(found.status()).toBe(200);
  const { records } = await found.json();
  expect(records).toHaveLength(1);
  const [lead] = records;
  expect(lead).toMatchObject({ source: 'web', region: 'south', status: 'new' });
  await page.goto(`/o/lead/${lead.id}`);
  const main = page.getByRole('main');
  await expect(main).toContainText(/罗琳|梁超|徐静/);
  const shown = await main.innerText();
  const ownerName = Object.keys(SHENZHEN_REPS).find((n) => shown.includes(n))!;
  await page.context().clearCookies();

  // 3. That rep signs in, finds the lead in their list and opens it.
  await signIn(page, SHENZHEN_REPS[ownerName], DEMO_PASSWORD);
  await menuLink(page, 'Leads').click();
  await page.getByRole('searchbox', { name: 'Search Leads' }).fill(stamp);
  await page.getByRole('searchbox', { name: 'Search Leads' }).press('Enter');
  await expect(page.getByRole('main').getByRole('link', { name: '陈思远' })).toHaveCount(1);
  await page.getByRole('main').getByRole('link', { name: '陈思远' }).click();
  await expect(page.getByRole('heading', { name: '陈思远', level: 1 })).toBeVisible();

  // The dialog in Chinese, at desktop and phone widths (screenshots to judge), then cancelled.
  const zh = await inChineseBrowser(page);
  await zh.goto(page.url());
  await zh.getByRole('button', { name: '转化', exact: true }).click();
  const zhDialog = zh.getByRole('dialog', { name: /转化线索/ });
  await expect(zhDialog.getByRole('radio', { name: '新建客户' })).toBeChecked();
  await expect(zhDialog.getByLabel('客户名称')).toHaveValue(company);
  await zh.screenshot({ path: `${SHOTS}/dialog-zh-1280.png` });
  await zh.setViewportSize({ width: 390, height: 844 });
  await zh.screenshot({ path: `${SHOTS}/dialog-zh-390.png` });
  await expectNoSeriousAxeViolations(zh, 'the convert dialog (zh, 390 px)');
  await zhDialog.getByRole('button', { name: /取\s*消/ }).click();
  await zh.context().close();

  // 4. Convert: a new account (no existing one matches), the contact, and an opportunity.
  await page.getByRole('button', { name: 'Convert', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Convert lead/ });
  await expect(dialog.getByRole('radio', { name: 'Create a new account' })).toBeChecked();
  await expect(dialog).toContainText('陈思远');
  await expect(dialog.getByRole('switch', { name: 'Create an opportunity' })).toBeChecked();
  await dialog.getByLabel('Amount').fill('360000');
  await page.screenshot({ path: `${SHOTS}/dialog-en-1280.png` });
  await expectNoSeriousAxeViolations(page, 'the convert dialog');
  await dialog.getByRole('button', { name: 'Convert', exact: true }).click();

  // 5. It lands on the new opportunity, linked to the new account and owned by the rep.
  await expect(page).toHaveURL(/\/o\/opportunity\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: new RegExp(`^${company} - `), level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Details' }).getByRole('link', { name: company })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/result-en-1280.png` });

  // The lead is now converted, read-only, and links to what it produced.
  await page.goto(`/o/lead/${lead.id}`);
  await expect(page.getByRole('status').filter({ hasText: 'This lead is read-only' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Convert', exact: true })).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/converted-lead-en-390.png`, fullPage: true });
  await page.getByRole('status').getByRole('link', { name: company, exact: true }).click();
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();
});
