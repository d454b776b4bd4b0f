import { expect, test } from '@playwright/test';
import { choose, signIn, menuLink } from './helpers';

test("a contact is linked to an account with the searchable lookup and shows in the account's related list", async ({ page }) => {
  await signIn(page);
  // An account to link to.
  await page.goto('/o/account/new');
  const accountName = `Hangzhou West Lake Optics ${Date.now()}`;
  await page.getByLabel('Account name').fill(accountName);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: accountName, exact: true, level: 1 })).toBeVisible();

  await menuLink(page, 'Contacts').click();
  await page.getByRole('button', { name: 'New Contact' }).click();
  await expect(page.getByRole('heading', { name: 'New Contact', level: 1 })).toBeVisible();
  await page.getByLabel('Name').fill('林晓东');
  await page.getByLabel('Title').fill('采购经理');
  // The lookup searches accounts as you type.
  await choose(page, 'Account', accountName, { search: true });
  await page.getByLabel('Mobile').fill('138 0013 8000');
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('heading', { name: '林晓东', exact: true, level: 1 })).toBeVisible();
  await page.getByRole('region', { name: 'Details' }).getByRole('link', { name: accountName }).click();
  await expect(page.getByRole('heading', { name: accountName, exact: true, level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: 'Related' }).click();
  const related = page.getByRole('table', { name: /^Contacts/ });
  await expect(related.getByRole('link', { name: '林晓东' })).toBeVisible();
  await expect(related).toContainText('采购经理');
});

test('a deleted record goes to the recycle bin and can be restored', async ({ page }) => {
  await signIn(page);
  await page.goto('/o/lead/new');
  const name = `Recycle Lead ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
  // The status default of the stock lead ("New") was prefilled on the form.
  await expect(page.getByRole('region', { name: 'Details' }).getByText('New', { exact: true })).toBeVisible();

  // Delete is in the action bar's More menu, and asks first.
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.locator('.ant-dropdown:visible').getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { name: 'Leads', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Recycle bin' }).click();
  const row = page.getByRole('row').filter({ hasText: name });
  await row.getByRole('button', { name: 'Restore' }).click();
  await expect(row).toHaveCount(0);
  await page.goto('/o/lead');
  await page.getByRole('searchbox', { name: 'Search Leads' }).fill(name);
  await page.getByRole('searchbox', { name: 'Search Leads' }).press('Enter');
  await expect(page.getByRole('main').getByRole('link', { name })).toBeVisible();
});
