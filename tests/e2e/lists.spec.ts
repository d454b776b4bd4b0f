import { expect, test, type Page } from '@playwright/test';
import { choose, signIn, menuLink } from './helpers';

/** Text of one column of the list table, by header name. */
async function columnTexts(page: Page, header: string): Promise<string[]> {
  const headers = await page.locator('.ant-table-thead th').allInnerTexts();
  const index = headers.findIndex((h) => h.trim() === header);
  expect(index, `column ${header}`).toBeGreaterThanOrEqual(0);
  return page.locator(`.ant-table-tbody tr.ant-table-row td:nth-child(${index + 1})`).allInnerTexts();
}

function amount(text: string): number {
  return Number(text.replace(/[^0-9.]/g, ''));
}

test('a user filters the opportunity list with the condition builder and sorts it by a column', async ({ page }) => {
  await signIn(page);
  await menuLink(page, 'Opportunities').click();
  await expect(page.getByRole('heading', { name: 'Opportunities', level: 1 })).toBeVisible();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row').first()).toBeVisible();

  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await choose(page, 'Field 1', 'Stage', { search: true });
  await choose(page, 'Operator 1', 'is any of');
  await choose(page, 'Value 1', 'Negotiation');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('1 filter(s) applied')).toBeVisible();

  await expect.poll(async () => [...new Set(await columnTexts(page, 'Stage'))]).toEqual(['Negotiation']);

  await page.locator('.ant-table-thead th').filter({ hasText: 'Amount' }).click(); // ascending
  await page.locator('.ant-table-thead th').filter({ hasText: 'Amount' }).click(); // descending
  await expect(page.locator('.ant-table-thead th').filter({ hasText: 'Amount' })).toHaveAttribute('aria-sort', 'descending');
  await expect
    .poll(async () => {
      const values = (await columnTexts(page, 'Amount')).map(amount);
      return values.length > 1 && values.every((v, i) => i === 0 || values[i - 1] >= v);
    })
    .toBe(true);
  expect([...new Set(await columnTexts(page, 'Stage'))]).toEqual(['Negotiation']);

  // Keyset paging: the next page shows other records, and "previous" comes back.
  const firstPage = await columnTexts(page, 'Opportunity name');
  if (await page.getByRole('button', { name: 'Next page' }).isEnabled()) {
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByText('Page 2')).toBeVisible();
    await expect.poll(async () => (await columnTexts(page, 'Opportunity name'))[0]).not.toBe(firstPage[0]);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(async () => (await columnTexts(page, 'Opportunity name'))[0]).toBe(firstPage[0]);
  }
});

test('the screens switch to Simplified Chinese, metadata labels included', async ({ page }) => {
  await signIn(page);
  await choose(page, 'Language', '简体中文', { confirm: false });
  await expect(menuLink(page, '商机')).toBeVisible();
  await menuLink(page, '客户').click();
  await expect(page.getByRole('heading', { name: '客户', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: '新建客户' })).toBeVisible();
  await expect(page.locator('.ant-table-thead')).toContainText('客户名称');
  await choose(page, '语言', 'English', { confirm: false });
  await expect(menuLink(page, 'Opportunities')).toBeVisible();
});
