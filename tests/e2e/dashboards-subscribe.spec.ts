/**
 * Subscribing to a dashboard by e-mail from its page (English and Chinese, desktop and phone), and
 * the home dashboard a role names on the roles screen. Screenshots go to /tmp/shots/dash/.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { inChineseBrowser, signIn } from './helpers';

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/shots/dash/${name}.png`, fullPage: false });

test('a manager subscribes to the Sales manager dashboard weekly on Mondays, then sees it subscribed', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'manager.shanghai@tessera.demo');
  await page.goto('/dashboards/sales_manager');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  const dialog = page.getByRole('dialog', { name: 'E-mail me "Sales manager"' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Times are in Asia/Shanghai.')).toBeVisible();
  // The default: weekly, Monday, 08:00.
  await expect(dialog.getByText('Monday')).toBeVisible();
  await expect(dialog.getByText('08:00')).toBeVisible();
  await shot(page, 'subscribe-en-1280');
  await expectNoSeriousAxeViolations(page, 'the subscribe dialog');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Subscription saved')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Subscribed' })).toBeVisible();
  // Opening it again shows the saved choice and offers to unsubscribe.
  await page.getByRole('button', { name: 'Subscribed' }).click();
  await expect(page.getByRole('dialog').getByText('Monday')).toBeVisible();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Unsubscribe' })).toBeVisible();
});

test('the same dialog on a phone, in Chinese', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // wu.fang chose Chinese.
  await signIn(page, 'wu.fang@tessera.demo');
  const zh = await inChineseBrowser(page, { width: 390, height: 844 });
  await zh.goto('/dashboards/sales_rep');
  await zh.getByRole('button', { name: '订阅' }).click();
  const dialog = zh.getByRole('dialog', { name: /通过邮件发送/ });
  await expect(dialog).toBeVisible();
  await dialog.getByText('每天').click();
  await expect(dialog.getByLabel('星期', { exact: true })).toHaveCount(0);
  await shot(zh, 'subscribe-zh-390');
  // The dialog fits the phone (the page behind it is the dashboard screens' own).
  expect((await dialog.boundingBox())!.width).toBeLessThanOrEqual(390);
  await zh.context().close();
});

test("an admin sees and changes a role's home dashboard on the roles screen", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page);
  await page.goto('/admin/roles');
  await page.getByRole('button', { name: 'Edit: General manager' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('.ant-select').filter({ has: page.getByLabel('Home dashboard') })).toContainText('Executive');
  await shot(page, 'roles-home-en-1280');
  await expectNoSeriousAxeViolations(page, 'the role form');
});
