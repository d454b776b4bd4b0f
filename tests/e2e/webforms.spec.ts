/**
 * Web forms, as a visitor and as an admin: the public contact form in Chinese on a phone (inline
 * errors, then the thank-you message), in English without JavaScript (a plain form post landing on
 * the thank-you page), and the admin's submissions list and form designer with its live preview.
 * Public page: /f/default/contact_us; labels 您的姓名 / 公司名称 / 联系电话 / 电子邮箱 / 所在区域 / 所属行业 / 需求描述
 * (English: Your name / Company / Phone / Email / Region / Industry / How can we help?), button 提交 / Submit.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { signIn } from './helpers';

const SHOTS = '/tmp/shots/webforms';
fs.mkdirSync(SHOTS, { recursive: true });

test('a visitor sends the contact form in Chinese on a phone (inline errors, then thanks), then in English without JavaScript', async ({ browser }) => {
  test.setTimeout(240_000);
  const zhContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  const zh = await zhContext.newPage();
  await zh.goto('/f/default/contact_us');
  await expect(zh.getByRole('heading', { name: '联系我们' })).toBeVisible();
  await expectNoSeriousAxeViolations(zh, 'public form (zh, 390)');
  await zh.screenshot({ path: `${SHOTS}/public-390-zh.png`, fullPage: true });
  await zh.getByLabel('您的姓名').fill('陈晓明');
  await zh.getByRole('button', { name: '提交' }).click();
  await expect(zh.getByText('请填写公司名称')).toBeVisible();
  await expect(zh.getByLabel('公司名称')).toBeFocused();
  await zh.screenshot({ path: `${SHOTS}/public-errors-390-zh.png`, fullPage: true });
  await zh.getByLabel('公司名称').fill('深圳市前海云帆科技有限公司');
  await zh.getByLabel('所在区域').selectOption({ label: '华南' });
  await zh.getByLabel('电子邮箱').fill('chen@yunfan.example');
  await zh.getByRole('button', { name: '提交' }).click();
  await expect(zh.getByRole('status')).toContainText('感谢您的留言');
  await zh.screenshot({ path: `${SHOTS}/public-thanks-390-zh.png` });
  await zhContext.close();

  const plain = await browser.newContext({ locale: 'en-US', javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const en = await plain.newPage();
  await en.goto('/f/default/contact_us');
  await expect(en.getByRole('heading', { name: 'Contact us' })).toBeVisible();
  await en.screenshot({ path: `${SHOTS}/public-1280-en.png`, fullPage: true });
  await en.getByLabel('Your name').fill('Jane Smith');
  await en.getByRole('button', { name: 'Submit' }).click();
  await expect(en.getByText('Company is required')).toBeVisible();
  await expect(en.getByLabel('Your name')).toHaveValue('Jane Smith');
  await en.getByLabel('Company').fill('Northwind Trading');
  await en.getByRole('button', { name: 'Submit' }).click();
  await expect(en).toHaveURL(/\/f\/default\/contact_us\/thanks/);
  await expect(en.getByRole('status')).toContainText('Thank you');
  await plain.close();
});

test('the admin sees the submissions with their problems, and the form in the designer with its preview and snippet', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await page.goto('/admin/webforms?form=contact_us');
  await expect(page.getByRole('cell', { name: /name: 陈晓明/ }).first()).toBeVisible();
  await expect(page.getByText('Company is required').first()).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'submissions list');
  await page.screenshot({ path: `${SHOTS}/submissions-1280-en.png`, fullPage: true });
  await page.goto('/admin/designer/lead');
  await page.getByRole('tab', { name: 'Web forms' }).click();
  await page.getByRole('button', { name: 'Edit: Contact us' }).click();
  await expect(page.getByRole('heading', { name: 'Live preview' })).toBeVisible();
  await expect(page.getByLabel('HTML form (works without JavaScript)')).toHaveValue(/action="http:\/\/localhost:\d+\/api\/v1\/public\/forms\/default\/contact_us\?lang=/);
  await page.screenshot({ path: `${SHOTS}/designer-1280-en.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/designer-390-en.png`, fullPage: true });
});
